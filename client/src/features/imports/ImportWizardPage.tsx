import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '@ft/shared';
import { useFormat } from '../../app/format';
import { messageText } from '../../app/messages';
import type { UserError } from '../../app/gql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ChooseFileStep } from './ChooseFileStep';
import { MapColumnsStep } from './MapColumnsStep';
import { RowsTable } from './RowsTable';
import { SummaryStep } from './SummaryStep';
import { asKind } from './fields';
import { countsInWords } from './verdicts';
import {
  APPLY_IMPORT,
  IMPORT_JOB,
  IMPORT_PROGRESS,
  PREVIEW_IMPORT,
  type ColumnMapping,
  type ImportJobData,
} from './queries';
import { Field } from '../../components/Field';

const STEPS = ['file', 'map', 'preview', 'import'] as const;
type Step = (typeof STEPS)[number];

function Stepper({ current }: { current: Step }) {
  const { t } = useTranslation();
  const at = STEPS.indexOf(current);
  return (
    <ol className="steps" aria-label={t('imports.steps.label')}>
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={i < at ? 'done' : i === at ? 'current' : undefined}
          aria-current={i === at ? 'step' : undefined}
        >
          <span className="step-n" aria-hidden="true">
            {i + 1}
          </span>
          {t(`imports.steps.${s}`)}
        </li>
      ))}
    </ol>
  );
}

/** The step's heading takes focus when the step changes, so keyboard and screen-reader users land on it. */
function StepHeading({ text }: { text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [text]);
  return (
    <h2 ref={ref} tabIndex={-1} className="step-title">
      {text}
    </h2>
  );
}

function PreviewStep({
  kind,
  job,
  onBack,
  onApply,
  applyErrors,
}: {
  kind: ImportKind;
  job: ImportJobData;
  onBack: () => void;
  onApply: () => void;
  applyErrors: string[];
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="card wizard-step">
      <div className="preview-counts" role="status">
        {countsInWords(t, fmt.number, job).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {job.status === 'FAILED' && (
        <p className="error" role="alert">
          {t('imports.preview.failed', { error: job.lastError ?? '' })}
        </p>
      )}
      {applyErrors.length > 0 && (
        <p className="error" role="alert">
          {applyErrors.join(' ')}
        </p>
      )}
      {job.changeCount === 0 && <p className="notice warn">{t('imports.preview.nothing')}</p>}
      {job.errorCount > 0 && job.changeCount > 0 && (
        <p className="notice">{t('imports.preview.errorsSkipped')}</p>
      )}
      <div className="row-actions">
        <button type="button" className="btn primary" disabled={job.changeCount === 0} onClick={onApply}>
          {job.status === 'FAILED' ? t('imports.preview.retry') : t(`imports.${kind}.apply`)}
        </button>
        <button type="button" className="btn" onClick={onBack}>
          {t('imports.preview.back')}
        </button>
        <Link className="btn link" to={`/import/new?kind=${kind}`}>
          {t('imports.map.otherFile')}
        </Link>
      </div>
      <RowsTable kind={kind} job={job} initial={job.errorCount > 0 ? 'ERROR' : ''} />
    </div>
  );
}

function ProgressStep({ job }: { job: ImportJobData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const progress = useQuery(IMPORT_PROGRESS, {
    variables: { id: job.id },
    pollInterval: 500,
    fetchPolicy: 'network-only',
  });
  const p = progress.data?.importJob ?? job;
  return (
    <div className="card wizard-step">
      <Field label={t('imports.progress.label')} className="progress-field">
        <progress max={Math.max(p.changeCount, 1)} value={p.appliedCount} />
      </Field>
      <p role="status" aria-live="polite">
        {t('imports.progress.text', { done: fmt.number(p.appliedCount), total: fmt.number(p.changeCount) })}
      </p>
    </div>
  );
}

/** A new upload starts with a clean wizard. */
export default function ImportWizardPage() {
  const { id = 'new' } = useParams();
  return <Wizard key={id} id={id} />;
}

function Wizard({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const isNew = id === 'new';
  const job = useQuery(IMPORT_JOB, { variables: { id }, skip: isNew, fetchPolicy: 'network-only' });
  const [preview, previewState] = useMutation(PREVIEW_IMPORT);
  const [apply] = useMutation(APPLY_IMPORT);
  const [previewErrors, setPreviewErrors] = useState<UserError[]>([]);
  const [applying, setApplying] = useState(false);
  const [applyErrors, setApplyErrors] = useState<string[]>([]);

  const data = job.data?.importJob ?? null;
  const kind = asKind(data?.kind ?? params.get('kind'));
  const wantsMap = params.get('step') === 'map';

  let step: Step = 'file';
  if (!isNew && data) {
    if (applying || data.status === 'APPLYING' || data.status === 'APPLIED') step = 'import';
    else if ((data.status === 'PREVIEWED' || data.status === 'FAILED') && !wantsMap) step = 'preview';
    else step = 'map';
  }
  const stepTitle: Record<Step, string> = {
    file: t('imports.steps.file'),
    map: t('imports.steps.map'),
    preview: t('imports.steps.preview'),
    import: data?.status === 'APPLIED' ? t('imports.steps.summary') : t('imports.steps.import'),
  };

  async function onPreview(
    mapping: ColumnMapping[],
    dateFormat: string | null,
    defaultCarrier: string | null,
  ) {
    setPreviewErrors([]);
    try {
      const res = await preview({
        variables: { input: { importId: id, mapping, dateFormat, defaultCarrier: defaultCarrier ?? '' } },
      });
      const errs = res.data?.previewImport.userErrors ?? [];
      if (errs.length) return setPreviewErrors(errs);
      setParams({}, { replace: false });
    } catch (e) {
      setPreviewErrors([
        { field: null, code: 'ERROR', message: (e as Error).message || t('common.genericError') },
      ]);
    }
  }

  async function onApply() {
    setApplyErrors([]);
    setApplying(true);
    try {
      const res = await apply({ variables: { input: { importId: id } } });
      const errs = res.data?.applyImport.userErrors ?? [];
      if (errs.length) setApplyErrors(errs.map((e) => messageText(t, e)));
    } catch {
      // The job records why it failed (lastError); applying again resumes.
    } finally {
      await job.refetch().catch(() => undefined);
      setApplying(false);
    }
  }

  return (
    <section className="page import-wizard" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/orders">{t('order.back')}</Link>
      </p>
      <h1 id="page-title">{t(`imports.${kind}.title`)}</h1>
      <Stepper current={step === 'import' && data?.status === 'APPLIED' ? 'import' : step} />
      <StepHeading text={stepTitle[step]} />
      {isNew && (
        <ChooseFileStep
          key={kind}
          kind={kind}
          onUploaded={(r) => navigate(`/import/${encodeURIComponent(r.importId)}`)}
        />
      )}
      {!isNew && job.loading && !data && <Loading />}
      {!isNew && job.error && <ErrorMessage error={job.error} />}
      {!isNew && !job.loading && !job.error && !data && (
        <p className="error" role="alert">
          {t('imports.notFound')} <Link to={`/import/new?kind=${kind}`}>{t('imports.summary.again')}</Link>
        </p>
      )}
      {data && step === 'map' && (
        <MapColumnsStep
          key={data.id}
          kind={kind}
          job={data}
          samples={job.data?.importJob?.samples ?? []}
          busy={previewState.loading}
          serverErrors={previewErrors}
          onPreview={(m, f, c) => void onPreview(m, f, c)}
        />
      )}
      {data && step === 'preview' && (
        <PreviewStep
          kind={kind}
          job={data}
          applyErrors={applyErrors}
          onApply={() => void onApply()}
          onBack={() => setParams({ step: 'map' })}
        />
      )}
      {data &&
        step === 'import' &&
        (data.status === 'APPLIED' && !applying ? (
          <SummaryStep kind={kind} job={data} />
        ) : (
          <ProgressStep job={data} />
        ))}
    </section>
  );
}
