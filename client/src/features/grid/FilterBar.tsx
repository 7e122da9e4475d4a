import { isValidDateOnly } from '@ft/shared';
import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import {
  CARRIERS,
  FULFILLMENT_STATUSES,
  ORDER_STATUSES,
  PARTNER_OPTIONS,
  RISK_REASONS,
  ANY_RISK,
} from './lookups';
import { FILTER_KEYS, NO_FILTERS, statusList, type GridView } from './url-state';
import { FilterChips } from './FilterChips';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';

interface Props {
  view: GridView;
  onChange: (patch: Partial<GridView>, opts?: { replace?: boolean }) => void;
  searchLabel: string;
  showOrderStatus: boolean;
}

export function FilterBar({ view, onChange, searchLabel, showOrderStatus }: Props) {
  const { t } = useTranslation();
  const carriers = useQuery(CARRIERS);
  const partners = useQuery(PARTNER_OPTIONS);
  const [search, setSearch] = useState(view.search);
  const [unreadable, setUnreadable] = useState<Partial<Record<keyof GridView, string>>>({});
  // A date typed wrong stays named under its field until the field holds a date again (typed, or from the URL).
  useEffect(
    () =>
      setUnreadable((u) => {
        const fixed = (Object.keys(u) as (keyof GridView)[]).filter((k) => view[k] !== '');
        if (fixed.length === 0) return u;
        const left = { ...u };
        for (const k of fixed) delete left[k];
        return left;
      }),
    [view],
  );

  // The URL is the truth (Back, shared links); typing updates it after a pause.
  useEffect(() => setSearch(view.search), [view.search]);
  useEffect(() => {
    if (search === view.search) return;
    const id = setTimeout(() => onChange({ search }), 350);
    return () => clearTimeout(id);
  }, [search, view.search, onChange]);

  const statusLabel = (key: keyof GridView, value: string) =>
    value === ANY_RISK
      ? t('risk.any')
      : statusList(value)
          .map((s) =>
            t(
              `${key === 'risk' ? 'risk.reason' : key === 'orderStatus' ? 'orderStatus' : 'fulfillmentStatus'}.${s}`,
            ),
          )
          .join(t('views.or'));
  const select = (key: keyof GridView, label: string, options: { value: string; label: string }[]) => (
    <Field label={label}>
      <select value={view[key]} onChange={(e) => onChange({ [key]: e.target.value })}>
        <option value="">{t('filters.any')}</option>
        {/* A tab's or link's combination of statuses is offered as it is. */}
        {view[key] && !options.some((o) => o.value === view[key]) && (
          <option value={view[key]}>{statusLabel(key, view[key])}</option>
        )}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  // A date that reads as no date filters nothing (the date it replaces neither), and is named under its field.
  const date = (key: keyof GridView, label: string) => (
    <Field label={label}>
      <DateInput
        value={unreadable[key] ?? view[key]}
        aria-describedby={unreadable[key] ? `${key}-error` : undefined}
        onChange={(value) => {
          const bad = value !== '' && !isValidDateOnly(value);
          setUnreadable((u) => ({ ...u, [key]: bad ? value : undefined }));
          if (!bad || view[key] !== '') onChange({ [key]: bad ? '' : value });
        }}
      />
      {unreadable[key] && (
        <span id={`${key}-error`} className="field-error">
          {t('dateInput.invalid', { text: unreadable[key] })}
        </span>
      )}
    </Field>
  );
  const active = FILTER_KEYS.some((k) => view[k] !== '');

  return (
    <>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ search });
        }}
      >
        <Field label={searchLabel} className="search">
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={200} />
        </Field>
        {showOrderStatus &&
          select(
            'orderStatus',
            t('filters.orderStatus'),
            ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) })),
          )}
        {select(
          'fulfillmentStatus',
          t('filters.fulfillmentStatus'),
          FULFILLMENT_STATUSES.map((s) => ({ value: s, label: t(`fulfillmentStatus.${s}`) })),
        )}
        {select('risk', t('risk.filter'), [
          { value: ANY_RISK, label: t('risk.any') },
          ...RISK_REASONS.map((r) => ({ value: r, label: t(`risk.reason.${r}`) })),
        ])}
        {select(
          'carrier',
          t('filters.carrier'),
          (carriers.data?.carriers ?? []).map((c) => ({ value: c.code, label: c.name })),
        )}
        {(partners.data?.partners.length ?? 0) > 1 &&
          select(
            'partner',
            t('filters.partner'),
            (partners.data?.partners ?? []).map((p) => ({ value: p.id, label: p.name })),
          )}
        {select('tracking', t('filters.hasTracking'), [
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ])}
        {date('placedFrom', t('filters.placedFrom'))}
        {date('placedTo', t('filters.placedTo'))}
        {date('shippedFrom', t('filters.shippedFrom'))}
        {date('shippedTo', t('filters.shippedTo'))}
        {active && (
          <button
            type="button"
            className="btn link"
            onClick={() => {
              setSearch('');
              setUnreadable({});
              onChange(NO_FILTERS);
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </form>
      <FilterChips
        view={view}
        onRemove={(key) => {
          if (key === 'search') setSearch('');
          onChange({ [key]: '' });
        }}
        statusLabel={statusLabel}
        carrierName={(code) => carriers.data?.carriers.find((c) => c.code === code)?.name ?? code}
        partnerName={(id) => partners.data?.partners.find((p) => p.id === id)?.name ?? id}
      />
    </>
  );
}
