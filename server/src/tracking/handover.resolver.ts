import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ErrorCode } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { badInput, forbidden } from '../graphql/errors.js';
import { idOf, optionalIdOf } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { UserErrorsException } from '../graphql/user-error.js';
import { deleteHandoverRule, listHandoverRules, saveHandoverRule } from './handover.service.js';
import {
  CarrierHandoverRule,
  DeleteCarrierHandoverRulePayload,
  SaveCarrierHandoverRuleInput,
  SaveCarrierHandoverRulePayload,
  toHandoverRule,
} from './handover.types.js';

@Resolver()
export class HandoverResolver {
  @Authorized()
  @Query(() => [CarrierHandoverRule], {
    description: "A partner's handover rules; staff name the partner, a partner key reads its own",
  })
  async carrierHandoverRules(
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CarrierHandoverRule[]> {
    try {
      return (await listHandoverRules(ctx, optionalIdOf('Partner', partnerId))).map(toHandoverRule);
    } catch (error) {
      // A query has no userErrors: naming another partner, or none as staff, is an error of the request.
      if (!(error instanceof UserErrorsException)) throw error;
      const [first] = error.userErrors;
      throw first?.code === ErrorCode.FORBIDDEN
        ? forbidden(first.message)
        : badInput(first?.message ?? 'Bad partner', first?.code);
    }
  }

  @Authorized('ADMIN', 'PARTNER')
  @Mutation(() => SaveCarrierHandoverRulePayload, {
    description: 'Add or change a handover rule (admins for any partner, a partner key for its own)',
  })
  saveCarrierHandoverRule(
    @Arg('input', () => SaveCarrierHandoverRuleInput) input: SaveCarrierHandoverRuleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SaveCarrierHandoverRulePayload> {
    return payload(
      () =>
        saveHandoverRule(ctx, {
          id: optionalIdOf('CarrierHandoverRule', input.id),
          partnerId: optionalIdOf('Partner', input.partnerId),
          fromCarrierCode: input.fromCarrierCode,
          toCarrierCode: input.toCarrierCode,
          supplier: input.supplier,
        }),
      (rule) => ({ rule: toHandoverRule(rule) }),
      { rule: null },
    );
  }

  @Authorized('ADMIN', 'PARTNER')
  @Mutation(() => DeleteCarrierHandoverRulePayload)
  deleteCarrierHandoverRule(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteCarrierHandoverRulePayload> {
    return payload(
      () => deleteHandoverRule(ctx, idOf('CarrierHandoverRule', id)),
      () => ({ deletedId: id }),
      { deletedId: null },
    );
  }
}
