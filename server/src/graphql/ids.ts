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
  | 'InboundEmail';

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
