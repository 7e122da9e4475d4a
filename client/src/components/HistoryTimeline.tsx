import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useFormat } from '../app/format';
import { CARRIERS } from '../features/grid/lookups';
import type { HistoryEvent } from '../features/orders/queries';

function parseChanges(json: string | null): [string, unknown, unknown][] {
  if (!json) return [];
  try {
    const obj = JSON.parse(json) as Record<string, [unknown, unknown]>;
    return Object.entries(obj).map(([k, [from, to]]) => [k, from, to]);
  } catch {
    return [];
  }
}

/**
 * Who made a change, in the UI language: "user:ada@example.com", "api-key:Shop (ft_ab12)", "email:ops@shop.example",
 * "system" (a worker, the seed, or, on the CARRIER channel, a carrier's report).
 */
function actorLabel(t: TFunction, actor: string | null, channel: string): string {
  if (!actor) return t('history.by', { actor: t('history.unknownActor') });
  if (actor === 'system')
    return t(channel === 'CARRIER' ? 'messages.actor.carrier' : 'messages.actor.system');
  const [kind, ...rest] = actor.split(':');
  const value = rest.join(':');
  if (kind === 'user') return t('messages.actor.user', { email: value });
  if (kind === 'api-key') return t('messages.actor.apiKey', { name: value });
  if (kind === 'email') return t('messages.actor.email', { sender: value });
  return t('history.by', { actor });
}

const show = (v: unknown) =>
  v == null || v === '' ? '–' : Array.isArray(v) ? v.map(String).join(', ') : String(v);
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Who did what, when, and through which channel; newest first. */
export function HistoryTimeline({
  events,
  title,
}: {
  events: (HistoryEvent & { sku?: string })[];
  title?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const carriers = useQuery(CARRIERS).data?.carriers;
  // Values as the rest of the page shows them: statuses in the UI language, carriers by name, dates in its format.
  const showValue = (field: string, v: unknown) => {
    if (typeof v !== 'string' || !v) return show(v);
    if (field === 'trackingStatus') return t(`trackingStatus.${v}`, { defaultValue: v });
    if (field === 'carrierCode' || field === 'lastMileCarrierCode')
      return carriers?.find((c) => c.code === v)?.name ?? v;
    if (CALENDAR_DATE.test(v)) return fmt.date(v);
    if (INSTANT.test(v)) return fmt.dateTime(v);
    return v;
  };
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline" aria-label={title ?? t('history.title')}>
      {sorted.map((e) => (
        <li key={e.id}>
          <div className="timeline-head">
            <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
            <strong>{t(`history.type.${e.type}`, { defaultValue: e.type })}</strong>
            {e.sku && <span className="muted">{e.sku}</span>}
            <span className="chip">{t(`channel.${e.channel}`, { defaultValue: e.channel })}</span>
            <span className="muted">{actorLabel(t, e.actor, e.channel)}</span>
          </div>
          {(e.fromStatus || e.toStatus) && e.fromStatus !== e.toStatus && (
            <p className="muted">
              {t('history.status', {
                from: e.fromStatus ? t(`fulfillmentStatus.${e.fromStatus}`) : '–',
                to: e.toStatus ? t(`fulfillmentStatus.${e.toStatus}`) : '–',
              })}
            </p>
          )}
          {parseChanges(e.changes).length > 0 && (
            <ul className="changes">
              {parseChanges(e.changes).map(([field, from, to]) => (
                <li key={field}>
                  <span className="muted">{t(`history.field.${field}`, { defaultValue: field })}:</span>{' '}
                  {showValue(field, from)} → {showValue(field, to)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
