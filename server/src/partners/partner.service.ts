import { ErrorCode, nameInputSchema } from '@ft/shared';
import { z } from 'zod';
import type { RequestContext } from '../auth/context.js';
import { API_KEY_PREFIX, randomToken, sha256 } from '../auth/auth.service.js';
import { transact } from '../db/transaction.js';
import { fromGlobalId } from '../graphql/ids.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { PartnerEntity } from './partner.entity.js';

export async function listPartners(ctx: RequestContext): Promise<PartnerEntity[]> {
  const own = ctx.viewer?.partnerId ?? null;
  const repo = ctx.ds.getRepository(PartnerEntity);
  return own === null ? repo.find({ order: { name: 'ASC' } }) : repo.findBy({ id: own });
}

export async function createPartner(
  ctx: RequestContext,
  input: { name: string; notificationEmails?: string[] | null },
): Promise<PartnerEntity> {
  const data = parseInput(
    nameInputSchema.extend({
      notificationEmails: z
        .array(z.email({ message: 'Not an email address' }))
        .max(50)
        .nullish(),
    }),
    input,
  );
  return transact(ctx.ds, async (em) => {
    if (await em.getRepository(PartnerEntity).findOneBy({ name: data.name })) {
      throw new UserErrorsException([
        userError(ErrorCode.ALREADY_EXISTS, `A partner named "${data.name}" exists`, ['input', 'name']),
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

async function partnerFor(ctx: RequestContext, partnerGlobalId: string): Promise<PartnerEntity> {
  const id = fromGlobalId('Partner', partnerGlobalId);
  const partner = id === null ? null : await ctx.loaders.partnerById.load(id);
  if (!partner)
    throw new UserErrorsException([
      userError(ErrorCode.NOT_FOUND, 'No such partner', ['input', 'partnerId']),
    ]);
  return partner;
}

/** The secret is returned once; only its hash is stored. */
export async function createApiKey(
  ctx: RequestContext,
  input: { partnerId: string; name: string },
): Promise<{ key: ApiKeyEntity; secret: string }> {
  const { name } = parseInput(nameInputSchema, { name: input.name });
  const partner = await partnerFor(ctx, input.partnerId);
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  const key = await ctx.ds.getRepository(ApiKeyEntity).save(
    ctx.ds.getRepository(ApiKeyEntity).create({
      partnerId: partner.id,
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

export async function revokeApiKey(ctx: RequestContext, apiKeyGlobalId: string): Promise<ApiKeyEntity> {
  const id = fromGlobalId('ApiKey', apiKeyGlobalId);
  const key = id === null ? null : await ctx.ds.getRepository(ApiKeyEntity).findOneBy({ id });
  if (!key)
    throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, 'No such API key', ['input', 'apiKeyId'])]);
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    await ctx.ds.getRepository(ApiKeyEntity).update({ id: key.id }, { revokedAt: key.revokedAt });
  }
  return key;
}

export async function apiKeysOf(ctx: RequestContext, partnerId: number): Promise<ApiKeyEntity[]> {
  return ctx.ds.getRepository(ApiKeyEntity).find({ where: { partnerId }, order: { id: 'ASC' } });
}
