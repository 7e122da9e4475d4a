/** Opaque global IDs: base64url("Type:123"). Clients must not parse them. */
export type NodeType =
  | 'Order'
  | 'Fulfillment'
  | 'Partner'
  | 'User'
  | 'ApiKey'
  | 'Subscription'
  | 'Event'
  | 'BulkAction'
  | 'Import'
  | 'OutboxMessage'
  | 'MailMessage'
  | 'WebhookEndpoint'
  | 'InboundEmail'
  | 'SavedView'
  | 'CarrierHandoverRule';

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** The numeric id behind `globalId` if it names a `type`; null for anything else. */
export function fromGlobalId(type: NodeType, globalId: string): number | null {
  if (typeof globalId !== 'string' || globalId.length > 64) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const [prefix, raw, extra] = decoded.split(':');
  if (prefix !== type || extra !== undefined || !/^[1-9]\d{0,15}$/.test(raw ?? '')) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * How a resolver hands an id to a service: the numeric id, or 0 (which names no row) for a string that is
 * not a `type` id, so the service answers "no such …" exactly as for an id that does not exist.
 */
export function idOf(type: NodeType, globalId: string): number {
  return fromGlobalId(type, globalId) ?? 0;
}

/** `idOf` for an optional argument: absent stays null. */
export function optionalIdOf(type: NodeType, globalId: string | null | undefined): number | null {
  return globalId === null || globalId === undefined || globalId === '' ? null : idOf(type, globalId);
}
