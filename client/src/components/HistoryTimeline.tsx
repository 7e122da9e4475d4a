import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format';
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

/** "user:ada@example.com" → "ada@example.com"; API keys and the system keep their label. */
const actorLabel = (a: string) => a.replace(/^user:/, '');

const show = (v: unknown) => (v == null || v === '' ? '–' : String(v));

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
  // Carrier statuses are codes; say them in the UI language.
  const showValue = (field: string, v: unknown) =>
    field === 'trackingStatus' && typeof v === 'string' && v
      ? t(`trackingStatus.${v}`, { defaultValue: v })
      : show(v);
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
            <span className="muted">
              {t('history.by', { actor: e.actor ? actorLabel(e.actor) : t('history.unknownActor') })}
            </span>
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
