import { useTranslation } from 'react-i18next';
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
}: {
  packages: TrackingRow[];
  withStatus?: boolean;
}) {
  const { t } = useTranslation();
  if (packages.length === 0) return null;
  return (
    <ul className="cell-list">
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

export function UrlLinks({ urls }: { urls: string[] }) {
  return (
    <ul className="cell-list">
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

export function TextList({ values }: { values: string[] }) {
  if (values.length <= 1) return <>{values[0] ?? ''}</>;
  return (
    <ul className="cell-list">
      {values.map((v) => (
        <li key={v}>{v}</li>
      ))}
    </ul>
  );
}
