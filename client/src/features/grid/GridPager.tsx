import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { Field } from '../../components/Field';

export function GridPager({
  shown,
  total,
  onFirst,
  onNext,
  isFirst,
  hasNext,
  size,
  onSize,
}: {
  size: string;
  onSize: (size: string) => void;
  shown: number;
  total: number;
  onFirst: () => void;
  onNext: () => void;
  isFirst: boolean;
  hasNext: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <nav className="pager" aria-label={t('grid.pagination')}>
      <span>{t('grid.showing', { shown: fmt.number(shown), total: fmt.number(total) })}</span>
      <Field label={t('grid.pageSize')} className="inline">
        <select value={size} onChange={(e) => onSize(e.target.value)}>
          {[...new Set(['25', '50', '100', '250', size])].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <button type="button" className="btn" disabled={isFirst} onClick={onFirst}>
        {t('grid.firstPage')}
      </button>
      <button type="button" className="btn" disabled={!hasNext} onClick={onNext}>
        {t('grid.nextPage')}
      </button>
    </nav>
  );
}
