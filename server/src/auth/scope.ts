import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { OrderEntity } from '../orders/order.entity.js';
import { ErrorCode } from '@ft/shared';
import { unauthenticated } from '../graphql/errors.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import type { RequestContext, Viewer } from './context.js';

/**
 * Partner isolation lives here and only here: every read or write of orders and
 * fulfillments starts from one of these builders, which pin a partner's key to
 * its own rows. Another partner's id then looks exactly like an unknown id.
 */
export function requireViewer(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The partner a caller is confined to, or null for staff (who see every partner). */
export function scopedPartnerId(ctx: RequestContext): number | null {
  return requireViewer(ctx).partnerId;
}

function scoped<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  alias: string,
): SelectQueryBuilder<T> {
  const partnerId = scopedPartnerId(ctx);
  return partnerId === null
    ? qb
    : qb.andWhere(`${alias}.partner_id = :scopePartnerId`, { scopePartnerId: partnerId });
}

/** The caller's orders, read where the context reads (inside its transaction, if it has one). */
export function ordersQuery(ctx: RequestContext, alias = 'o'): SelectQueryBuilder<OrderEntity> {
  return scoped(ctx, ctx.em.getRepository(OrderEntity).createQueryBuilder(alias).where('1 = 1'), alias);
}

/** The caller's fulfillments, read where the context reads (inside its transaction, if it has one). */
export function fulfillmentsQuery(ctx: RequestContext, alias = 'f'): SelectQueryBuilder<FulfillmentEntity> {
  return scoped(ctx, ctx.em.getRepository(FulfillmentEntity).createQueryBuilder(alias).where('1 = 1'), alias);
}

/**
 * A row loaded by id as the caller may see it: another partner's row is null, exactly like a row that
 * does not exist. Staff see every partner's; a row that belongs to no partner (an admin's own import or
 * bulk action) only staff see.
 */
export function ownedOrNull<T extends { partnerId: number | null }>(
  ctx: RequestContext,
  row: T | null | undefined,
): T | null {
  if (!row) return null;
  const own = scopedPartnerId(ctx);
  return own === null || row.partnerId === own ? row : null;
}

/**
 * The partner a call acts for, from the partner it names (`requested`, null when it names none): a partner's
 * key acts for its own partner and may not name another (FORBIDDEN); staff name an existing partner
 * (NOT_FOUND), and must name one when the work belongs to a partner (`required`: REQUIRED). Null means staff
 * acting for no partner.
 */
export async function actingPartner(
  ctx: RequestContext,
  requested: number | null,
  options: { field: string[]; required: true },
): Promise<number>;
export async function actingPartner(
  ctx: RequestContext,
  requested: number | null,
  options: { field: string[]; required: boolean },
): Promise<number | null>;
export async function actingPartner(
  ctx: RequestContext,
  requested: number | null,
  options: { field: string[]; required: boolean },
): Promise<number | null> {
  const own = scopedPartnerId(ctx);
  if (own !== null) {
    if (requested !== null && requested !== own)
      throw new UserErrorsException([userError(ErrorCode.FORBIDDEN, options.field, 'partnerKeyOwnPartner')]);
    return own;
  }
  if (requested === null) {
    if (!options.required) return null;
    throw new UserErrorsException([userError(ErrorCode.REQUIRED, options.field, 'staffNamePartner')]);
  }
  if (!(await ctx.loaders.partnerById.load(requested)))
    throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, options.field, 'noSuchPartner')]);
  return requested;
}
