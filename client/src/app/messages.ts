import type { TFunction } from 'i18next';

/**
 * Something the server said: userErrors, import row verdicts, inbound email reasons. `code` is the error code (or
 * the row outcome for rows that are not errors); `params` (JSON, or already an object) holds the values the message
 * names and, where several messages share a code, its `variant`.
 */
export interface ServerMessage {
  code?: string | null;
  message?: string | null;
  params?: string | Record<string, unknown> | null;
}

/** A message's params as an object; empty when it has none or they cannot be read. */
function messageParams(params: ServerMessage['params']): Record<string, unknown> {
  if (!params) return {};
  if (typeof params === 'object') return params;
  try {
    const parsed: unknown = JSON.parse(params);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Values that are themselves codes (a status, an import field), in the UI language. */
function localParams(t: TFunction, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  const status = (s: string) => t(`fulfillmentStatus.${s}`, { defaultValue: s });
  if (typeof params.status === 'string') out.status = status(params.status);
  if (typeof params.statuses === 'string')
    out.statuses = params.statuses
      .split(', ')
      .map((s) => status(s))
      .join(', ');
  if (typeof params.field === 'string')
    out.field = t(`importFields.${params.field}`, { defaultValue: params.field });
  // The date format a file was read with, as the UI language writes its letters (TT.MM.JJJJ).
  const pattern = { 'MM/DD/YYYY': 'monthFirstPattern', 'DD.MM.YYYY': 'dayFirstPattern' }[
    String(params.expected)
  ];
  if (pattern) out.expected = t(`importRows.dateOrder.${pattern}`);
  return out;
}

/**
 * A server message in the UI language: by its variant where it has one, else by its code, with its params filled in.
 * What the UI has no words for keeps the server's (English) words, so nothing is ever shown blank or as a key.
 */
export function messageText(t: TFunction, m: ServerMessage): string {
  const params = messageParams(m.params);
  const values = localParams(t, params);
  const fallback = m.message ?? m.code ?? '';
  const variant = typeof params.variant === 'string' ? params.variant : null;
  if (variant) return t(`messages.variant.${variant}`, { ...values, defaultValue: fallback });
  // `errors.<code>` is where codes were worded before `messages`; a translation added there still counts.
  if (m.code)
    return t([`messages.code.${m.code}`, `errors.${m.code}`], { ...values, defaultValue: fallback });
  return fallback;
}
