import { ErrorCode, MESSAGES, nameInputSchema } from '@ft/shared';
import { z } from 'zod';
import type { RequestContext } from '../auth/context.js';
import { API_KEY_PREFIX, randomToken, sha256 } from '../auth/auth.service.js';
import { actingPartner } from '../auth/scope.js';
import { inTransaction } from '../db/transaction.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { PartnerEntity } from './partner.entity.js';

export async function listPartners(ctx: RequestContext): Promise<PartnerEntity[]> {
  const own = ctx.viewer?.partnerId ?? null;
  const repo = ctx.em.getRepository(PartnerEntity);
  return own === null ? repo.find({ order: { name: 'ASC' } }) : repo.findBy({ id: own });
}

export async function createPartner(
  ctx: RequestContext,
  input: { name: string; notificationEmails?: string[] | null },
): Promise<PartnerEntity> {
  const data = parseInput(
    nameInputSchema.extend({
      notificationEmails: z
        .array(z.email({ message: MESSAGES.notAnEmail }))
        .max(50)
        .nullish(),
    }),
    input,
  );
  return inTransaction(ctx, async ({ em }) => {
    if (await em.getRepository(PartnerEntity).findOneBy({ name: data.name })) {
      throw new UserErrorsException([
        userError(ErrorCode.ALREADY_EXISTS, ['input', 'name'], 'partnerNameTaken', { name: data.name }),
      ]);
    }
    return em.getRepository(PartnerEntity).save(
      em.getRepository(PartnerEntity).create({
        name: data.name,
        notificationEmails: data.notificationEmails ?? [],
        inboundToken: randomToken(24),
        createdAt: new Date(),
      }),
    );
  });
}

/** The secret is returned once; only its hash is stored. */
export async function createApiKey(
  ctx: RequestContext,
  input: { partnerId: number; name: string },
): Promise<{ key: ApiKeyEntity; secret: string }> {
  const { name } = parseInput(nameInputSchema, { name: input.name });
  const partnerId = await actingPartner(ctx, input.partnerId, {
    field: ['input', 'partnerId'],
    required: true,
  });
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  const key = await ctx.em.getRepository(ApiKeyEntity).save(
    ctx.em.getRepository(ApiKeyEntity).create({
      partnerId,
      name,
      prefix: secret.slice(0, 10),
      secretHash: sha256(secret),
      createdAt: new Date(),
      revokedAt: null,
      lastUsedAt: null,
    }),
  );
  return { key, secret };
}

export async function revokeApiKey(ctx: RequestContext, id: number): Promise<ApiKeyEntity> {
  const key = await ctx.em.getRepository(ApiKeyEntity).findOneBy({ id });
  if (!key)
    throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['input', 'apiKeyId'], 'noSuchApiKey')]);
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    await ctx.em.getRepository(ApiKeyEntity).update({ id: key.id }, { revokedAt: key.revokedAt });
  }
  return key;
}

export async function apiKeysOf(ctx: RequestContext, partnerId: number): Promise<ApiKeyEntity[]> {
  return ctx.em.getRepository(ApiKeyEntity).find({ where: { partnerId }, order: { id: 'ASC' } });
}
