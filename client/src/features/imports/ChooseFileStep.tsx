import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '@ft/shared';
import { sessionEvents } from '../../app/session-events';
import { UploadError, uploadCsv, type UploadResult } from './upload';
import { Field } from '../../components/Field';

const MAX_BYTES = 50 * 1024 * 1024;

export function ChooseFileStep({
  kind,
  onUploaded,
}: {
  kind: ImportKind;
  onUploaded: (r: UploadResult) => void;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(f: File | null) {
    setError(null);
    if (!f) return setError(t('imports.file.none'));
    if (f.size > MAX_BYTES) return setError(t('imports.file.tooLarge'));
    setBusy(true);
    try {
      onUploaded(await uploadCsv(kind, f));
    } catch (e) {
      const err = e instanceof UploadError ? e : new UploadError('', -1);
      if (err.status === 401) {
        sessionEvents.expired();
        setError(t('signIn.expired'));
      } else if (err.status === 403) setError(err.message || t('common.forbidden'));
      else if (err.status === 0) setError(t('common.networkError'));
      else if (err.status === 413) setError(err.message || t('imports.file.tooLarge'));
      else setError(err.message || t('common.genericError'));
    } finally {
      setBusy(false);
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0] ?? null;
    setFile(f);
    if (f) void upload(f);
  };

  return (
    <form
      className="card wizard-step"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void upload(file);
      }}
    >
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Field label={t('imports.file.label')}>
          <input
            type="file"
            name="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby={hintId}
            onChange={(e) => {
              setError(null);
              setFile(e.target.files?.[0] ?? null);
            }}
          />
        </Field>
        <p className="muted">{t('imports.file.drop')}</p>
      </div>
      <div id={hintId} className="muted">
        <p>{t(`imports.${kind}.needs`)}</p>
        <p>{t('imports.file.formats')}</p>
      </div>
      <div className="row-actions">
        <button type="submit" className="btn primary" disabled={busy || !file}>
          {busy ? t('imports.file.uploading') : t('imports.file.upload')}
        </button>
      </div>
    </form>
  );
}
