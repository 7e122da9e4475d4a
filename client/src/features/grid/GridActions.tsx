import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { download, exportHref } from './export';
import type { GridView } from './url-state';

/** Import and export of the grid's data: the wizard for each import kind, and a CSV of exactly the current filter. */
export function GridActions({ view, orderLevel }: { view: GridView; orderLevel: boolean }) {
  const { t } = useTranslation();
  const note = orderLevel && view.orderStatus ? t('exports.orderStatusIgnored') : undefined;
  return (
    <div className="page-actions" role="group" aria-label={t('exports.group')}>
      <Link className="btn" to="/import/new?kind=tracking">
        {t('imports.tracking.open')}
      </Link>
      <Link className="btn" to="/import/new?kind=returns">
        {t('imports.returns.open')}
      </Link>
      <button type="button" className="btn" title={note} onClick={() => download(exportHref(view))}>
        {t('exports.csv')}
      </button>
    </div>
  );
}
