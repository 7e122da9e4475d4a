import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { FILTER_KEYS, type FilterKey, type GridView } from './url-state';

const TITLE_KEYS: Record<FilterKey, string> = {
  search: 'views.chip.search',
  orderStatus: 'filters.orderStatus',
  fulfillmentStatus: 'filters.fulfillmentStatus',
  risk: 'risk.filter',
  carrier: 'filters.carrier',
  partner: 'filters.partner',
  tracking: 'filters.hasTracking',
  placedFrom: 'filters.placedFrom',
  placedTo: 'filters.placedTo',
  shippedFrom: 'filters.shippedFrom',
  shippedTo: 'filters.shippedTo',
};

/**
 * The conditions in force, one chip each with a remove button. Removing one moves focus
 * to the next chip (or the previous, or the search box when none is left).
 */
export function FilterChips({
  view,
  onRemove,
  statusLabel,
  carrierName,
  partnerName,
}: {
  view: GridView;
  onRemove: (key: FilterKey) => void;
  statusLabel: (key: keyof GridView, value: string) => string;
  carrierName: (code: string) => string;
  partnerName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const listRef = useRef<HTMLUListElement>(null);
  const focusAfter = useRef<number | null>(null);
  const active = FILTER_KEYS.filter((k) => view[k] !== '');

  useEffect(() => {
    const at = focusAfter.current;
    if (at === null) return;
    focusAfter.current = null;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    const next = buttons[Math.min(at, buttons.length - 1)];
    if (next) next.focus();
    else document.querySelector<HTMLInputElement>('form[role="search"] input[type="search"]')?.focus();
  });

  const valueOf = (k: FilterKey): string => {
    const v = view[k];
    switch (k) {
      case 'orderStatus':
      case 'fulfillmentStatus':
      case 'risk':
        return statusLabel(k, v);
      case 'carrier':
        return carrierName(v);
      case 'partner':
        return partnerName(v);
      case 'tracking':
        return v === 'yes' ? t('common.yes') : t('common.no');
      case 'placedFrom':
      case 'placedTo':
      case 'shippedFrom':
      case 'shippedTo':
        return fmt.date(v);
      default:
        return v;
    }
  };

  if (active.length === 0) return null;
  return (
    <ul className="filter-chips" ref={listRef} aria-label={t('views.activeFilters')}>
      {active.map((k, i) => {
        const text = `${t(TITLE_KEYS[k])}: ${valueOf(k)}`;
        return (
          <li key={k} className="chip">
            <span>{text}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={t('views.removeFilter', { filter: text })}
              onClick={() => {
                focusAfter.current = i;
                onRemove(k);
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
