import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { canTransition, type FulfillmentStatus } from '@ft/shared';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FULFILLMENT_DETAIL } from './queries';
import { TrackingForm } from './TrackingForm';

/**
 * The tracking form in a modal side panel over a grid: focus moves into it, Escape or
 * Close shuts it, and focus goes back to what opened it. Saving updates the grid row
 * through the cache (the mutation returns the row's fields) and closes the panel.
 */
export function TrackingPanel({
  fulfillmentId,
  onClose,
}: {
  fulfillmentId: string;
  onClose: (saved: { reference: string; sku: string } | null) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [reloads, setReloads] = useState(0);
  const { data, loading, error, refetch } = useQuery(FULFILLMENT_DETAIL, {
    variables: { id: fulfillmentId },
    fetchPolicy: 'network-only',
  });
  const f = data?.fulfillment;

  useEffect(() => {
    opener.current = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      // The opener may have been re-rendered; a button with the same name in the same row stands in.
      const back = opener.current;
      if (back?.isConnected) back.focus();
    };
  }, []);

  // Focus the first field once the form is there (showModal focuses the Close button before).
  useEffect(() => {
    if (f) ref.current?.querySelector<HTMLElement>('form input')?.focus();
  }, [f, reloads]);

  const editable = f ? canTransition(f.status as FulfillmentStatus, 'SHIPPED') : false;
  return (
    <dialog
      ref={ref}
      className="side-panel"
      aria-labelledby="side-panel-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose(null);
      }}
    >
      <div className="side-panel-head">
        <h2 id="side-panel-title">
          {f
            ? t('views.trackingPanelTitle', { reference: f.order.reference, sku: f.sku })
            : t('tracking.title')}
        </h2>
        <button type="button" className="btn" onClick={() => onClose(null)}>
          {t('views.close')}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {!f && loading && <Loading />}
      {f &&
        (editable ? (
          <TrackingForm
            key={reloads}
            fulfillment={f}
            onReload={async () => {
              await refetch();
              setReloads((n) => n + 1);
            }}
            onSaved={() => onClose({ reference: f.order.reference, sku: f.sku })}
          />
        ) : (
          <p className="notice">
            {t('fulfillment.notEditable', { status: t(`fulfillmentStatus.${f.status}`) })}
          </p>
        ))}
    </dialog>
  );
}
