import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { Field } from '../../components/Field';

/** Page size, "26–50 of 360" and Previous/Next. */
export function GridPager({
  page,
  shown,
  total,
  onPrevious,
  onNext,
  hasNext,
  busy,
  size,
  onSize,
}: {
  /** A page is loading: the rows shown are the last page's, so paging on from them would skip. */
  busy: boolean;
  /** 1-based. */
  page: number;
  size: string;
  onSize: (size: string) => void;
  shown: number;
  total: number;
  onPrevious: () => void;
  onNext: () => void;
  hasNext: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const from = (page - 1) * Number(size) + 1;
  const range =
    shown === 0
      ? t('grid.rangeEmpty', { total: fmt.number(total) })
      : t('grid.range', {
          from: fmt.number(from),
          to: fmt.number(from + shown - 1),
          total: fmt.number(total),
        });
  return (
    <nav className="pager" aria-label={t('grid.pagination')}>
      <span role="status">{range}</span>
      <Field label={t('grid.pageSize')} className="inline">
        <select value={size} onChange={(e) => onSize(e.target.value)}>
          {[...new Set(['25', '50', '100', '250', size])].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <button type="button" className="btn" disabled={busy || page <= 1} onClick={onPrevious}>
        {t('grid.previousPage')}
      </button>
      <button type="button" className="btn" disabled={busy || !hasNext} onClick={onNext}>
        {t('grid.nextPage')}
      </button>
    </nav>
  );
}
