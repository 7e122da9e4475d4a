import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { idOf } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { apiKeysOf, createApiKey, createPartner, listPartners, revokeApiKey } from './partner.service.js';
import {
  ApiKey,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  CreatePartnerInput,
  CreatePartnerPayload,
  Partner,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
  toApiKey,
  toPartner,
} from './partner.types.js';

@Resolver(() => Partner)
export class PartnerResolver {
  @Authorized()
  @Query(() => [Partner], { description: 'Staff: every partner; a partner: itself' })
  async partners(@Ctx() ctx: RequestContext): Promise<Partner[]> {
    return (await listPartners(ctx)).map(toPartner);
  }

  @Authorized('ADMIN')
  @FieldResolver(() => [ApiKey], { description: 'Admins only' })
  async apiKeys(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return (await apiKeysOf(ctx, partner.row.id)).map(toApiKey);
  }

  @Authorized('ADMIN', 'SUPPORT')
  @FieldResolver(() => [String], { description: 'Staff only: who receives the shipping digests' })
  notificationEmails(@Root() partner: Partner): string[] {
    return partner.row.notificationEmails ?? [];
  }

  @FieldResolver(() => String, {
    description:
      'Forward tracking emails to this address, <token>@<INBOUND_EMAIL_DOMAIN> (staff and the partner itself)',
  })
  inboundEmailAddress(@Root() partner: Partner, @Ctx() ctx: RequestContext): string {
    return `${partner.row.inboundToken}@${ctx.config.inboundEmailDomain}`;
  }

  @FieldResolver(() => String, {
    description: 'The same mailbox over HTTP: POST a raw RFC 822 email here (staff and the partner itself)',
  })
  inboundEmailUrl(@Root() partner: Partner, @Ctx() ctx: RequestContext): string {
    return `${ctx.config.publicUrl}/inbound/email/${partner.row.inboundToken}`;
  }

  @Authorized('ADMIN')
  @Mutation(() => CreatePartnerPayload)
  createPartner(
    @Arg('input', () => CreatePartnerInput) input: CreatePartnerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatePartnerPayload> {
    return payload(
      () => createPartner(ctx, input),
      (p) => ({ partner: toPartner(p) }),
      { partner: null },
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => CreateApiKeyPayload)
  createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateApiKeyPayload> {
    return payload(
      () => createApiKey(ctx, { partnerId: idOf('Partner', input.partnerId), name: input.name }),
      ({ key, secret }) => ({ secret, apiKey: toApiKey(key) }),
      { secret: null, apiKey: null },
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => RevokeApiKeyPayload)
  revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RevokeApiKeyPayload> {
    return payload(
      () => revokeApiKey(ctx, idOf('ApiKey', input.apiKeyId)),
      (key) => ({ apiKey: toApiKey(key) }),
      { apiKey: null },
    );
  }
}
