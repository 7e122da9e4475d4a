import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '@ft/shared';
import { defaultExportFormat, download, exportHref } from './export';
import type { GridView } from './url-state';

/** Import and export of the grid's data: the wizard for each import kind, and a CSV of exactly the current filter. */
export function GridActions({ view, orderLevel }: { view: GridView; orderLevel: boolean }) {
  const { t, i18n } = useTranslation();
  // Follows the UI language until someone picks a format.
  const [chosen, setChosen] = useState<ExportFormat | null>(null);
  const format = chosen ?? defaultExportFormat(i18n.language);
  const note = orderLevel && view.orderStatus ? t('exports.orderStatusIgnored') : undefined;
  return (
    <div className="page-actions" role="group" aria-label={t('exports.group')}>
      <Link className="btn" to="/import/new?kind=tracking">
        {t('imports.tracking.open')}
      </Link>
      <Link className="btn" to="/import/new?kind=returns">
        {t('imports.returns.open')}
      </Link>
      <span className="export-action">
        <select
          aria-label={t('exportFormat.label')}
          value={format}
          onChange={(e) => setChosen(e.target.value as ExportFormat)}
        >
          <option value="csv">{t('exportFormat.csv')}</option>
          <option value="excel-de">{t('exportFormat.excelDe')}</option>
        </select>
        <button type="button" className="btn" title={note} onClick={() => download(exportHref(view, format))}>
          {t('exports.csv')}
        </button>
      </span>
    </div>
  );
}
