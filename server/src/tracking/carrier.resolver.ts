import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { payload } from '../graphql/payload.js';
import { LIMITS } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { badInput } from '../graphql/errors.js';
import { listCarriers, saveCarrier, trackingUrlFor } from './carrier.service.js';
import {
  Carrier,
  CarrierDetection,
  SaveCarrierInput,
  SaveCarrierPayload,
  toCarrier,
} from './carrier.types.js';
import { detectCarrier, normaliseTrackingNumber } from './tracking-number.js';

@Resolver()
export class CarrierResolver {
  @Authorized()
  @Query(() => [Carrier])
  async carriers(@Ctx() ctx: RequestContext): Promise<Carrier[]> {
    return (await listCarriers(ctx)).map(toCarrier);
  }

  @Authorized()
  @Query(() => CarrierDetection, {
    description: 'Which carriers a number could belong to, and whether its check digit holds',
  })
  async detectCarrier(
    @Arg('trackingNumber', () => String) trackingNumber: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CarrierDetection> {
    if (trackingNumber.length > LIMITS.trackingNumberMax)
      throw badInput(`A tracking number has at most ${LIMITS.trackingNumberMax} characters`);
    const carriers = await listCarriers(ctx);
    const detection = detectCarrier(trackingNumber);
    const candidates = detection.candidates
      .map((code) => carriers.find((c) => c.code === code))
      .filter((c) => c !== undefined);
    return Object.assign(new CarrierDetection(), {
      candidates: candidates.map(toCarrier),
      checkDigitValid: detection.checkDigitValid,
      trackingUrl: detection.checkDigitValid
        ? trackingUrlFor(candidates[0], normaliseTrackingNumber(trackingNumber))
        : null,
    });
  }

  @Authorized('ADMIN')
  @Mutation(() => SaveCarrierPayload, {
    description: 'Add a carrier or change one (name, URL template, aliases)',
  })
  saveCarrier(
    @Arg('input', () => SaveCarrierInput) input: SaveCarrierInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SaveCarrierPayload> {
    return payload(
      () => saveCarrier(ctx, { ...input, aliases: input.aliases ?? [] }),
      (c) => ({ carrier: toCarrier(c) }),
      { carrier: null },
    );
  }
}
