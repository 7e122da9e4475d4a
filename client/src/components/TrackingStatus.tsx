import { useTranslation } from 'react-i18next';
import type { TrackingRow } from '../features/grid/fragments';

/** The carrier-side status of one parcel; UNKNOWN (no scan recorded) shows nothing. */
export function TrackingStatusBadge({ status, quirk }: Pick<TrackingRow, 'status' | 'quirk'>) {
  const { t } = useTranslation();
  if (status === 'UNKNOWN' && !quirk) return null;
  return (
    <span className={`badge tracking-status tracking-${status.toLowerCase()}`}>
      {t(`trackingStatus.${status}`, { defaultValue: status })}
    </span>
  );
}

/** Why a carrier's status may look wrong although nothing is (carrier quirks, see docs/contract.md). */
function QuirkNote({ quirk }: { quirk: string | null }) {
  const { t } = useTranslation();
  if (!quirk) return null;
  return <p className="quirk">{t(`trackingQuirk.${quirk}`, { defaultValue: '' })}</p>;
}

/** Per parcel: number, carrier status and the quirk explanation, for detail pages. */
export function TrackingStatusList({ packages }: { packages: TrackingRow[] }) {
  const { t } = useTranslation();
  if (packages.length === 0) return <>–</>;
  return (
    <ul className="cell-list tracking-statuses">
      {packages.map((p) => (
        <li key={p.number}>
          {packages.length > 1 && <span className="muted">{p.number}: </span>}
          {p.status === 'UNKNOWN' && !p.quirk ? (
            <span className="muted">{t('trackingStatus.UNKNOWN')}</span>
          ) : (
            <TrackingStatusBadge status={p.status} quirk={p.quirk} />
          )}
          <QuirkNote quirk={p.quirk} />
        </li>
      ))}
    </ul>
  );
}
