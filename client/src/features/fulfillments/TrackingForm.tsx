import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { compactTrackingNumber, MESSAGES, trackingInputSchema, type TrackingInput } from '@ft/shared';
import type { z } from 'zod';
import { todayIso } from '../../app/format';
import { CARRIERS } from '../grid/lookups';
import type { FulfillmentDetailFieldsFragment } from '../../gql/generated';
import { UPDATE_TRACKING, type FulfillmentDetail } from './queries';
import { useCarrierDetection } from './useCarrierDetection';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

type Output = z.output<typeof trackingInputSchema>;
type Values = Required<Pick<TrackingInput, 'trackingNumber'>> & {
  carrier: string;
  trackingUrl: string;
  shippingMethod: string;
  shippedOn: string;
  lastMileTrackingNumber: string;
  lastMileCarrier: string;
};
const FIELDS: FieldPath<Values>[] = [
  'trackingNumber',
  'carrier',
  'trackingUrl',
  'shippingMethod',
  'shippedOn',
  'lastMileTrackingNumber',
  'lastMileCarrier',
];

/** The page's fulfillment and the one saving returns share these fields. */
function initialValues(f: FulfillmentDetailFieldsFragment): Values {
  return {
    trackingNumber: f.tracking?.number ?? '',
    carrier: f.tracking?.carrier?.name ?? f.tracking?.carrierName ?? '',
    trackingUrl: f.tracking?.url ?? '',
    shippingMethod: f.tracking?.method ?? '',
    shippedOn: f.shippedOn ?? todayIso(),
    lastMileTrackingNumber: f.lastMile?.number ?? '',
    lastMileCarrier: f.lastMile?.carrier?.name ?? '',
  };
}

/** The shared rules' own English messages (from the form's check or the server's), worded in the UI language. */
const RULE_MESSAGE_KEYS: Record<string, string> = {
  [MESSAGES.notATrackingNumber]: 'tracking.notATrackingNumber',
  [MESSAGES.shippedInFuture]: 'tracking.shippedInFuture',
};

/** Client-side messages by zod issue kind, in the UI language. */
function clientMessageKey(field: string, type: string | undefined, message: string | undefined): string {
  const rule = message ? RULE_MESSAGE_KEYS[message] : undefined;
  if (rule) return rule;
  if (type === 'too_small') return 'errors.REQUIRED';
  if (type === 'too_big') return 'errors.TOO_LONG';
  if (field === 'shippedOn') return 'dateInput.invalid';
  if (field === 'trackingUrl') return 'errors.INVALID_URL';
  return 'errors.INVALID';
}

/** A carrier the server asks the user to confirm: the number is another carrier's, or the name looks like a typo. */
interface CarrierDoubt {
  code: 'CARRIER_MISMATCH' | 'CARRIER_UNKNOWN';
  given: string;
  /** The carrier the number belongs to, or the known carrier the name is close to. */
  other: string;
  message: string;
}

function carrierDoubt(e: { code: string; message: string; params?: string | null }): CarrierDoubt | null {
  if (e.code !== 'CARRIER_MISMATCH' && e.code !== 'CARRIER_UNKNOWN') return null;
  const params = JSON.parse(e.params ?? '{}') as Record<string, string>;
  const other = e.code === 'CARRIER_MISMATCH' ? params.detected : params.suggestion;
  return { code: e.code, given: params.given ?? '', other: other ?? '', message: e.message };
}

export function TrackingForm({
  fulfillment,
  onReload,
  onSaved,
}: {
  fulfillment: FulfillmentDetail;
  onReload: () => Promise<unknown>;
  /** Called once a save went through (the side panel closes then). */
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const carriers = useQuery(CARRIERS);
  const [update] = useMutation(UPDATE_TRACKING);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [doubt, setDoubt] = useState<CarrierDoubt | null>(null);
  const doubtRef = useRef<HTMLDivElement>(null);
  const urlEdited = useRef(Boolean(fulfillment.tracking?.url));
  const {
    control,
    register,
    getValues,
    handleSubmit,
    watch,
    setValue,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({
    resolver: zodResolver(trackingInputSchema) as never,
    defaultValues: initialValues(fulfillment),
  });

  const number = watch('trackingNumber');
  const lastMileCode = fulfillment.lastMile?.carrier?.code ?? fulfillment.lastMileCarrierCode;
  const expectedLastMile = lastMileCode
    ? (carriers.data?.carriers.find((c) => c.code === lastMileCode)?.name ?? lastMileCode)
    : null;
  const carrierText = watch('carrier');
  const detection = useCarrierDetection(number);

  // The URL follows the carrier's template until the user types their own.
  useEffect(() => {
    // The number as it is saved: a pasted "1Z 999-AA1 …" goes into the URL without its spaces and dashes.
    const compact = compactTrackingNumber(number);
    if (urlEdited.current || !compact) return;
    const typed = carrierText.trim().toLowerCase();
    const known = carriers.data?.carriers.find((c) => c.code === typed || c.name.toLowerCase() === typed);
    const url = known?.trackingUrlTemplate
      ? known.trackingUrlTemplate.replace('{number}', encodeURIComponent(compact))
      : typed === '' || detection?.candidates.some((c) => c.name.toLowerCase() === typed)
        ? detection?.trackingUrl
        : null;
    if (url) setValue('trackingUrl', url);
  }, [number, carrierText, detection, carriers.data, setValue]);

  useEffect(() => {
    if (doubt) doubtRef.current?.focus();
  }, [doubt]);

  const save = async (values: Output, acceptCarrierMismatch: boolean) => {
    setSaved(false);
    setConflict(false);
    setFormError(null);
    setDoubt(null);
    const res = await update({
      variables: {
        input: {
          fulfillmentId: fulfillment.id,
          trackingNumber: values.trackingNumber,
          carrier: values.carrier ?? null,
          trackingUrl: values.trackingUrl ?? null,
          shippingMethod: values.shippingMethod ?? null,
          shippedOn: values.shippedOn ?? null,
          version: fulfillment.version,
          // Empty clears a last-mile number the form showed.
          lastMileTrackingNumber: values.lastMileTrackingNumber ?? '',
          lastMileCarrier: values.lastMileCarrier ?? null,
          acceptCarrierMismatch,
        },
      },
    });
    const payload = res.data?.updateFulfillmentTracking;
    if (!payload) return;
    for (const e of payload.userErrors) {
      const asked = carrierDoubt(e);
      if (asked) {
        setDoubt(asked);
        continue;
      }
      const ruleKey = RULE_MESSAGE_KEYS[e.message];
      // Beside the field it names, the code's wording reads better than one that repeats the number.
      const message = ruleKey ? t(ruleKey) : messageText(t, { code: e.code, message: e.message });
      if (e.code === 'CONFLICT') setConflict(true);
      const field = e.field?.[e.field.length - 1] as FieldPath<Values> | undefined;
      if (field && FIELDS.includes(field))
        setError(field, { type: 'server', message }, { shouldFocus: true });
      else if (e.code !== 'CONFLICT') setFormError(message);
    }
    if (payload.userErrors.length === 0 && payload.fulfillment) {
      setSaved(true);
      reset(initialValues(payload.fulfillment));
      urlEdited.current = true;
      onSaved?.();
    }
  };

  const message = (field: FieldPath<Values>) => {
    const err = errors[field];
    if (!err) return null;
    return err.type === 'server'
      ? err.message
      : t(clientMessageKey(field, err.type, err.message), { text: getValues(field) });
  };

  const fieldProps = (field: FieldPath<Values>) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${field}-error` : undefined,
  });
  const errorText = (field: FieldPath<Values>) =>
    errors[field] ? (
      <span id={`${field}-error`} className="field-error">
        {message(field)}
      </span>
    ) : null;

  return (
    <form
      className="card form"
      onSubmit={handleSubmit((v) => save(v, false))}
      noValidate
      aria-labelledby="tracking-form-title"
    >
      <h2 id="tracking-form-title">{t('tracking.title')}</h2>
      {conflict && (
        <div className="notice warn" role="alert">
          <p>{t('tracking.conflict')}</p>
          <button
            type="button"
            className="btn"
            onClick={async () => {
              await onReload();
              setConflict(false);
            }}
          >
            {t('tracking.reload')}
          </button>
        </div>
      )}
      {doubt && (
        <div className="notice warn" role="alert" tabIndex={-1} ref={doubtRef}>
          <p>
            {doubt.code === 'CARRIER_MISMATCH'
              ? t('carrierAdmin.mismatch.text', {
                  number: compactTrackingNumber(number).toUpperCase(),
                  detected: doubt.other,
                  given: doubt.given,
                  defaultValue: doubt.message,
                })
              : t('carrierAdmin.suggestion.text', {
                  given: doubt.given,
                  suggestion: doubt.other,
                  defaultValue: doubt.message,
                })}
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="btn primary"
              disabled={isSubmitting}
              onClick={() => {
                setValue('carrier', doubt.other);
                if (!urlEdited.current) setValue('trackingUrl', '');
                void handleSubmit((v) => save(v, false))();
              }}
            >
              {t(
                doubt.code === 'CARRIER_MISMATCH'
                  ? 'carrierAdmin.mismatch.useDetected'
                  : 'carrierAdmin.suggestion.useSuggestion',
                { carrier: doubt.other },
              )}
            </button>
            <button
              type="button"
              className="btn"
              disabled={isSubmitting}
              onClick={() => void handleSubmit((v) => save(v, true))()}
            >
              {t('carrierAdmin.mismatch.keepGiven', { carrier: doubt.given })}
            </button>
          </div>
        </div>
      )}
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
      {saved && (
        <p className="success" role="status">
          {t('tracking.saved')}
        </p>
      )}
      <Field label={t('tracking.number')}>
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          {...register('trackingNumber')}
          {...fieldProps('trackingNumber')}
        />
        {errorText('trackingNumber')}
      </Field>
      <p className="detection" aria-live="polite">
        {detection &&
          (detection.candidates.length === 0
            ? t('tracking.noCarrierDetected')
            : t('tracking.detected', { carrier: detection.candidates.map((c) => c.name).join(', ') }))}
        {detection?.checkDigitValid === true && (
          <span className="ok"> · {t('tracking.checkDigitValid')}</span>
        )}
        {detection?.checkDigitValid === false && (
          <span className="bad"> · {t('tracking.checkDigitInvalid')}</span>
        )}
      </p>
      <Field label={t('tracking.carrier')}>
        <input
          type="text"
          list="carrier-options"
          autoComplete="off"
          placeholder={detection?.candidates[0]?.name ?? ''}
          {...register('carrier')}
          {...fieldProps('carrier')}
        />
        <datalist id="carrier-options">
          {carriers.data?.carriers.map((c) => (
            <option key={c.code} value={c.name} />
          ))}
        </datalist>
        {errorText('carrier')}
      </Field>
      <Field label={t('tracking.url')}>
        <input
          type="url"
          {...register('trackingUrl', { onChange: () => (urlEdited.current = true) })}
          {...fieldProps('trackingUrl')}
        />
        {errorText('trackingUrl')}
      </Field>
      <Field label={t('tracking.method')}>
        <input type="text" {...register('shippingMethod')} {...fieldProps('shippingMethod')} />
        {errorText('shippingMethod')}
      </Field>
      <Field label={t('tracking.shippedOn')}>
        <Controller
          control={control}
          name="shippedOn"
          render={({ field }) => (
            <DateInput
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              {...fieldProps('shippedOn')}
            />
          )}
        />
        {errorText('shippedOn')}
      </Field>
      <fieldset className="last-mile">
        <legend>{t('handover.lastMile')}</legend>
        {expectedLastMile && (
          <p className="muted hint">{t('handover.expected', { carrier: expectedLastMile })}</p>
        )}
        <Field label={t('handover.lastMileNumber')}>
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            {...register('lastMileTrackingNumber')}
            {...fieldProps('lastMileTrackingNumber')}
          />
          {errorText('lastMileTrackingNumber')}
        </Field>
        <Field label={t('handover.lastMileCarrier')}>
          <input
            type="text"
            list="carrier-options"
            autoComplete="off"
            placeholder={expectedLastMile ?? ''}
            {...register('lastMileCarrier')}
            {...fieldProps('lastMileCarrier')}
          />
          {errorText('lastMileCarrier')}
        </Field>
      </fieldset>
      <div className="row-actions">
        <button type="submit" className="btn primary" disabled={isSubmitting}>
          {t('tracking.save')}
        </button>
      </div>
    </form>
  );
}
