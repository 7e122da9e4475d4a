import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canTransition, type FulfillmentStatus } from '@ft/shared';
import type { TrackingRow } from '../features/grid/fragments';
import { TrackingStatusBadge } from './TrackingStatus';

export function StatusBadge({ kind, status }: { kind: 'order' | 'fulfillment'; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status.toLowerCase()}`}>{t(`${kind}Status.${status}`)}</span>;
}

export const unique = <T,>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v != null && v !== '')),
];

export const carrierLabel = (p: TrackingRow) => p.carrier?.name ?? p.carrierName ?? '';

/** Tracking numbers as links to the carrier's page (plain text when no URL is known); grids add the carrier status. */
export function TrackingLinks({
  packages,
  withStatus = false,
  inline = false,
}: {
  packages: TrackingRow[];
  withStatus?: boolean;
  /** On one line (a line's sub-row in Find Orders) instead of one package per line. */
  inline?: boolean;
}) {
  const { t } = useTranslation();
  if (packages.length === 0) return null;
  return (
    <ul className={inline ? 'cell-list inline' : 'cell-list'}>
      {packages.map((p) => (
        <li key={p.number}>
          {p.url ? (
            <a href={p.url} target="_blank" rel="noreferrer noopener">
              {p.number}
            </a>
          ) : (
            p.number
          )}
          {withStatus && p.status !== 'UNKNOWN' && (
            <span title={p.quirk ? t(`trackingQuirk.${p.quirk}`) : undefined}>
              {' '}
              <TrackingStatusBadge status={p.status} quirk={p.quirk} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function UrlLinks({ urls, inline = false }: { urls: string[]; inline?: boolean }) {
  return (
    <ul className={inline ? 'cell-list inline' : 'cell-list'}>
      {urls.map((u) => (
        <li key={u}>
          <a href={u} target="_blank" rel="noreferrer noopener" className="truncate">
            {u}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** An instant as its day; the full date and time on hover. */
export function DayCell({ iso, day, full }: { iso: string; day: string; full: string }) {
  return (
    <time dateTime={iso} title={full}>
      {day}
    </time>
  );
}

/** One aligned sub-row per line of an order, so a line's date, carrier and tracking sit side by side. */
export function LineList<L extends { id: string }>({
  lines,
  render,
}: {
  lines: readonly L[];
  render: (line: L) => ReactNode;
}) {
  return (
    <ul className="line-list">
      {lines.map((l) => (
        <li key={l.id}>{render(l)}</li>
      ))}
    </ul>
  );
}

/** A line's shipped date and, while tracking can be entered, the way to enter it. */
export function ShippedCell({
  line,
  date,
  label,
  onUpdateTracking,
}: {
  line: { id: string; status: string };
  date: string;
  /** Names the line for assistive tech, e.g. "ORDER-1 SKU-A". */
  label: string;
  onUpdateTracking: (fulfillmentId: string) => void;
}) {
  const { t } = useTranslation();
  const editable = canTransition(line.status as FulfillmentStatus, 'SHIPPED');
  return (
    <span className="shipped-cell">
      <span className="shipped-date">{date || '–'}</span>
      {editable && (
        <button
          type="button"
          className="btn link small"
          aria-label={t('views.updateTrackingOf', { label })}
          onClick={() => onUpdateTracking(line.id)}
        >
          {t('views.updateTracking')}
        </button>
      )}
    </span>
  );
}
