import type { ExportFormat } from '@ft/shared';
import type { GridView } from './url-state';

/**
 * The grid's URL filter as the query of `GET /exports/fulfillments.csv`.
 * The order-status filter of Find Orders has no fulfillment equivalent and is left out.
 */
function exportQuery(v: GridView): URLSearchParams {
  const q = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (value) q.set(key, value);
  };
  set('search', v.search.trim());
  set('statuses', v.fulfillmentStatus);
  set('carrierCodes', v.carrier);
  set('partnerIds', v.partner);
  set('hasTracking', v.tracking === '' ? '' : String(v.tracking === 'yes'));
  set('placedFrom', v.placedFrom);
  set('placedTo', v.placedTo);
  set('shippedFrom', v.shippedFrom);
  set('shippedTo', v.shippedTo);
  return q;
}

/** The format a person of this UI language opens by double-click: German Excel for German, plain CSV otherwise. */
export const defaultExportFormat = (language: string): ExportFormat =>
  language.startsWith('de') ? 'excel-de' : 'csv';

export function exportHref(v: GridView, format: ExportFormat = 'csv'): string {
  const params = exportQuery(v);
  if (format !== 'csv') params.set('format', format);
  const q = params.toString();
  return `/exports/fulfillments.csv${q ? `?${q}` : ''}`;
}

/** Starts a browser download of `href` without leaving the page; the server streams it. */
export function download(href: string, fileName = ''): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
