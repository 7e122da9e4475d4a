import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { IMPORT_RULES, type ImportKind } from '@ft/shared';
import { useFormat } from '../../app/format';
import { messageText } from '../../app/messages';
import { userErrorParams, type UserError } from '../../app/gql';
import { CARRIERS } from '../grid/lookups';
import { dateReadings } from './verdicts';
import { anyOf, fieldLabel, fieldsOf, missingFields } from './fields';
import type { ColumnMapping, ImportJobData } from './queries';
import { Field } from '../../components/Field';

/** The API's names for the two readings of 03/04/2026. */
const DAY_FIRST = 'DD.MM.YYYY';
const MONTH_FIRST = 'MM/DD/YYYY';

/** The preview's question when the file's dates read two ways: its examples. */
function dateQuestion(errors: UserError[]): string | null {
  const asked = errors.find((e) => e.code === 'REQUIRED' && e.field?.at(-1) === 'dateFormat');
  if (!asked) return null;
  const examples = userErrorParams(asked).examples;
  return typeof examples === 'string' ? examples : '';
}

interface Props {
  kind: ImportKind;
  job: ImportJobData;
  samples: { line: number; cells: string[] }[];
  busy: boolean;
  serverErrors: UserError[];
  /** dateFormat null: the file's dates decide; defaultCarrier null: none. */
  onPreview: (mapping: ColumnMapping[], dateFormat: string | null, defaultCarrier: string | null) => void;
}

export function MapColumnsStep({ kind, job, samples, busy, serverErrors, onPreview }: Props) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [mapping, setMapping] = useState<ColumnMapping[]>(() =>
    job.headers.map((column) => ({
      column,
      field: job.mapping.find((m) => m.column === column)?.field ?? null,
    })),
  );
  const [dateFormat, setDateFormat] = useState<string | null>(
    job.dateFormat === DAY_FIRST || job.dateFormat === MONTH_FIRST ? job.dateFormat : null,
  );
  const [defaultCarrier, setDefaultCarrier] = useState(job.defaultCarrier ?? '');
  const carriers = useQuery(CARRIERS, { skip: kind !== 'tracking' });
  const [checked, setChecked] = useState(false);
  const question = dateQuestion(serverErrors);
  const dateGroup = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (question !== null) dateGroup.current?.querySelector('input')?.focus();
  }, [question]);
  const examples = question ?? '';
  const readings = dateReadings(examples.split(',')[0] ?? '', i18n.language);
  const rules = IMPORT_RULES[kind];
  const required = new Set<string>(rules.required);
  const identifiers = new Set<string>(rules.identifiers);
  const missing = missingFields(t, i18n.language, kind, mapping);
  const fields = fieldsOf(kind);

  // A field belongs to one column: choosing it elsewhere frees it here.
  const choose = (column: string, field: string | null) =>
    setMapping((prev) =>
      prev.map((m) =>
        m.column === column ? { column, field } : m.field === field && field ? { ...m, field: null } : m,
      ),
    );

  const mark = (f: string) => (required.has(f) ? ' *' : identifiers.has(f) ? ' †' : '');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    if (missing.length === 0 && !(question !== null && dateFormat === null))
      onPreview(mapping, dateFormat, defaultCarrier || null);
  }

  const errors = [
    ...(checked ? missing : []),
    ...serverErrors.filter((e) => dateQuestion([e]) === null).map((e) => messageText(t, e)),
    ...(question !== null && dateFormat === null ? [t('importRows.dateOrder.required')] : []),
  ];
  return (
    <form className="card wizard-step" onSubmit={onSubmit} noValidate>
      <p>
        {t('imports.map.file', {
          fileName: job.fileName,
          count: job.rowCount,
          formatted: fmt.number(job.rowCount),
        })}
      </p>
      {job.format && (
        <p className="recognised-format" role="status">
          {t('importFormats.recognised', {
            name: t(`importFormats.names.${job.format.id}`, { defaultValue: job.format.name }),
          })}
        </p>
      )}
      {errors.length > 0 && (
        <div className="error" role="alert">
          <ul className="plain">
            {errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <ul className="requirements">
        {rules.required.map((f) => (
          <li key={f} className={mapping.some((m) => m.field === f) ? 'met' : 'unmet'}>
            {t('imports.map.requires', { field: fieldLabel(t, f) })} <span aria-hidden="true">*</span>
          </li>
        ))}
        <li className={mapping.some((m) => m.field && identifiers.has(m.field)) ? 'met' : 'unmet'}>
          {t('imports.map.requiresOne', { fields: anyOf(t, rules.identifiers, i18n.language) })}{' '}
          <span aria-hidden="true">†</span>
        </li>
      </ul>
      <div className="table-wrap">
        <table className="simple mapping">
          <caption className="sr-only">{t('imports.map.caption')}</caption>
          <thead>
            <tr>
              {job.headers.map((h, i) => (
                <th key={i} scope="col">
                  {h || t('imports.map.unnamed', { n: i + 1 })}
                </th>
              ))}
            </tr>
            <tr className="mapping-selects">
              {mapping.map((m, i) => (
                <td key={i}>
                  <select
                    aria-label={t('imports.map.selectLabel', {
                      column: m.column || t('imports.map.unnamed', { n: i + 1 }),
                    })}
                    value={m.field ?? ''}
                    className={m.field ? 'mapped' : undefined}
                    onChange={(e) => choose(m.column, e.target.value || null)}
                  >
                    <option value="">{t('imports.map.ignore')}</option>
                    {fields.map((f) => (
                      <option key={f} value={f}>
                        {fieldLabel(t, f)}
                        {mark(f)}
                      </option>
                    ))}
                  </select>
                </td>
              ))}
            </tr>
          </thead>
          <tbody>
            {samples.map((r) => (
              <tr key={r.line}>
                {job.headers.map((_, i) => (
                  <td key={i} className={mapping[i]?.field ? undefined : 'ignored'}>
                    <span className="truncate" title={r.cells[i] ?? ''}>
                      {r.cells[i] ?? ''}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted legend">
        <span>{t('imports.map.legendRequired')}</span>
        <span>{t('imports.map.legendOneOf')}</span>
        <span>{t('imports.map.legendSamples')}</span>
      </p>
      {kind === 'tracking' && (
        <fieldset ref={dateGroup} className="date-order" aria-required={question !== null}>
          <legend>
            {question !== null
              ? t('importRows.dateOrder.question', { examples })
              : t('importRows.dateOrder.legend')}
          </legend>
          {question === null && (
            <label className="radio">
              <input
                type="radio"
                name="date-order"
                checked={dateFormat === null}
                onChange={() => setDateFormat(null)}
              />{' '}
              {t('importRows.dateOrder.auto')}
            </label>
          )}
          {[DAY_FIRST, MONTH_FIRST].map((f) => (
            <label className="radio" key={f}>
              <input
                type="radio"
                name="date-order"
                value={f}
                checked={dateFormat === f}
                onChange={() => setDateFormat(f)}
              />{' '}
              {readings
                ? t(
                    f === DAY_FIRST
                      ? 'importRows.dateOrder.dayFirstExample'
                      : 'importRows.dateOrder.monthFirstExample',
                    {
                      example: examples.split(',')[0]!.trim(),
                      date: f === DAY_FIRST ? readings.dayFirst : readings.monthFirst,
                    },
                  )
                : t(f === DAY_FIRST ? 'importRows.dateOrder.dayFirst' : 'importRows.dateOrder.monthFirst')}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'tracking' && (
        <Field label={t('importRows.defaultCarrier.label')} className="default-carrier">
          <select value={defaultCarrier} onChange={(e) => setDefaultCarrier(e.target.value)}>
            <option value="">{t('importRows.defaultCarrier.none')}</option>
            {(carriers.data?.carriers ?? []).map((c) => (
              <option key={c.code} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="row-actions">
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? t('imports.map.checking') : t('imports.map.preview')}
        </button>
        <Link className="btn" to={`/import/new?kind=${kind}`}>
          {t('imports.map.otherFile')}
        </Link>
      </div>
    </form>
  );
}
