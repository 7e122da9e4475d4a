import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { SimpleTable } from '../../components/SimpleTable';
import type { CarriersAdminQuery } from '../../gql/generated';
import { CARRIERS_ADMIN, SAVE_CARRIER } from './queries';

type CarrierRow = CarriersAdminQuery['carriers'][number];
interface Draft {
  code: string;
  name: string;
  trackingUrlTemplate: string;
  aliases: string;
  quirkNote: string;
  pickupWindow: string;
  labelScanAtOnce: boolean;
}
const FIELDS = ['code', 'name', 'trackingUrlTemplate', 'aliases', 'quirkNote', 'pickupWindow'] as const;
type FieldName = (typeof FIELDS)[number];

const draftOf = (c: CarrierRow | null): Draft => ({
  code: c?.code ?? '',
  name: c?.name ?? '',
  trackingUrlTemplate: c?.trackingUrlTemplate ?? '',
  aliases: c?.aliases.join(', ') ?? '',
  quirkNote: c?.quirkNote ?? '',
  pickupWindow: c?.pickupWindow ?? '',
  labelScanAtOnce: c?.labelScanAtOnce ?? false,
});

/** The carrier list; an admin adds carriers and edits their name, URL template, spellings and notes. */
export default function CarriersPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(CARRIERS_ADMIN);
  // null: no form; '': a new carrier; else the code being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement | null>());
  const close = (code: string | null, saved: string | null) => {
    setEditing(null);
    setSavedName(saved);
    if (code) editButtons.current.get(code)?.focus();
  };
  const current = editing ? (data?.carriers.find((c) => c.code === editing) ?? null) : null;
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('carriers.title')}</h1>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {savedName && (
        <p className="success" role="status">
          {t('carrierAdmin.saved', { name: savedName })}
        </p>
      )}
      {editing === null && (
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => setEditing('')}>
            {t('carrierAdmin.add')}
          </button>
        </div>
      )}
      {editing !== null && (
        <CarrierForm
          key={editing}
          carrier={current}
          onDone={(saved) => close(editing || saved?.code || null, saved?.name ?? null)}
        />
      )}
      {data && (
        <div className="table-wrap">
          <SimpleTable
            headers={[
              t('carriers.code'),
              t('carriers.name'),
              t('carriers.template'),
              t('carriers.aliases'),
              t('carrierAdmin.notes'),
              t('carrierAdmin.actions'),
            ]}
          >
            {data.carriers.map((c) => (
              <tr key={c.code}>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{c.name}</td>
                <td className="break">{c.trackingUrlTemplate ?? '–'}</td>
                <td>{c.aliases.join(', ')}</td>
                <td>
                  {c.labelScanAtOnce && <p>{t('carrierAdmin.labelScanAtOnceShort')}</p>}
                  {c.pickupWindow && <p>{t('carrierAdmin.pickupShort', { window: c.pickupWindow })}</p>}
                  {c.quirkNote && <p className="muted">{c.quirkNote}</p>}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn"
                    ref={(el) => void editButtons.current.set(c.code, el)}
                    aria-label={t('carrierAdmin.editNamed', { name: c.name })}
                    onClick={() => {
                      setSavedName(null);
                      setEditing(c.code);
                    }}
                  >
                    {t('carrierAdmin.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </SimpleTable>
        </div>
      )}
    </section>
  );
}

function CarrierForm({
  carrier,
  onDone,
}: {
  carrier: CarrierRow | null;
  onDone: (saved: { code: string; name: string } | null) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(carrier));
  const [errors, setErrors] = useState<Partial<Record<FieldName | 'form', string>>>({});
  const [save, { loading }] = useMutation(SAVE_CARRIER, { refetchQueries: [CARRIERS_ADMIN] });
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const set = (field: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  const messageOf = (field: string, code: string, message: string) => {
    if (field === 'trackingUrlTemplate' && code === 'INVALID') return t('carrierAdmin.templateInvalid');
    if (field === 'code' && code === 'INVALID') return t('carrierAdmin.codeInvalid');
    return t(`errors.${code}`, { defaultValue: message });
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const template = draft.trackingUrlTemplate.trim();
    if (template && !(/^https?:\/\/\S+$/i.test(template) && template.includes('{number}'))) {
      setErrors({ trackingUrlTemplate: t('carrierAdmin.templateInvalid') });
      return;
    }
    const res = await save({
      variables: {
        input: {
          code: draft.code,
          name: draft.name,
          trackingUrlTemplate: template || null,
          aliases: draft.aliases
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean),
          quirkNote: draft.quirkNote,
          pickupWindow: draft.pickupWindow,
          labelScanAtOnce: draft.labelScanAtOnce,
        },
      },
    });
    const payload = res.data?.saveCarrier;
    if (!payload) return;
    if (payload.userErrors.length) {
      const next: typeof errors = {};
      for (const err of payload.userErrors) {
        const field = err.field?.[1] as FieldName | undefined;
        const key = field && (FIELDS as readonly string[]).includes(field) ? field : 'form';
        next[key] ??= messageOf(key, err.code, err.message);
      }
      setErrors(next);
      return;
    }
    if (payload.carrier) onDone({ code: payload.carrier.code, name: payload.carrier.name });
  };

  const HINTED: readonly FieldName[] = ['code', 'trackingUrlTemplate', 'aliases', 'quirkNote'];
  const props = (field: FieldName) => ({
    value: draft[field],
    onChange: set(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby':
      [HINTED.includes(field) && `carrier-${field}-hint`, errors[field] && `carrier-${field}-error`]
        .filter(Boolean)
        .join(' ') || undefined,
  });
  const hint = (field: FieldName, text: string) => (
    <p id={`carrier-${field}-hint`} className="hint">
      {text}
    </p>
  );
  const errorText = (field: FieldName) =>
    errors[field] ? (
      <span id={`carrier-${field}-error`} className="field-error">
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="carrier-form-title">
      <h2 id="carrier-form-title">
        {carrier ? t('carrierAdmin.editTitle', { name: carrier.name }) : t('carrierAdmin.addTitle')}
      </h2>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      {!carrier && (
        <>
          <Field label={t('carriers.code')}>
            <input type="text" ref={first} autoComplete="off" spellCheck={false} {...props('code')} />
            {errorText('code')}
          </Field>
          {hint('code', t('carrierAdmin.codeHint'))}
        </>
      )}
      <Field label={t('carriers.name')}>
        <input type="text" ref={carrier ? first : undefined} autoComplete="off" {...props('name')} />
        {errorText('name')}
      </Field>
      <Field label={t('carriers.template')}>
        <input type="url" spellCheck={false} {...props('trackingUrlTemplate')} />
        {errorText('trackingUrlTemplate')}
      </Field>
      {hint('trackingUrlTemplate', t('carrierAdmin.templateHint'))}
      <Field label={t('carriers.aliases')}>
        <input type="text" autoComplete="off" {...props('aliases')} />
        {errorText('aliases')}
      </Field>
      {hint('aliases', t('carrierAdmin.aliasesHint'))}
      <Field label={t('carrierAdmin.quirkNote')}>
        <textarea rows={3} maxLength={500} {...props('quirkNote')} />
        {errorText('quirkNote')}
      </Field>
      {hint('quirkNote', t('carrierAdmin.quirkNoteHint'))}
      <Field label={t('carrierAdmin.pickupWindow')}>
        <input
          type="text"
          maxLength={200}
          placeholder={t('carrierAdmin.pickupPlaceholder')}
          {...props('pickupWindow')}
        />
        {errorText('pickupWindow')}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.labelScanAtOnce}
          onChange={(e) => setDraft((d) => ({ ...d, labelScanAtOnce: e.target.checked }))}
        />
        <span>{t('carrierAdmin.labelScanAtOnce')}</span>
      </label>
      <div className="row-actions">
        <button type="submit" className="btn primary" disabled={loading}>
          {t('carrierAdmin.save')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('carrierAdmin.cancel')}
        </button>
      </div>
    </form>
  );
}
