import { useCallback, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import {
  MARK_NOT_SHIPPING,
  MARK_SHIPPED,
  UNDO_BULK_ACTION,
  type BulkSkip,
  type BulkSkipReason,
  type BulkTarget,
} from './bulk-queries';
import type { ServerMessage } from '../../app/messages';

export interface BulkOutcome {
  kind: 'shipped' | 'notShipping' | 'undo';
  changed: number;
  /** The first skips the server lists; skippedCount counts them all. */
  skipped: BulkSkip[];
  skippedCount: number;
  /** Every skip counted by reason, listed or not. */
  skippedByReason: BulkSkipReason[];
  actionId: string | null;
  /** For an undo: members already emailed that a restored line had shipped. */
  alreadyNotified?: number;
  /** What went wrong: the server's userError, or the request's own failure as its message. */
  error: ServerMessage | null;
}

/**
 * Bulk mutations → a summary the bar shows. Changed fulfillments come back in the
 * payload and update the cache, so rows change in place; undo refetches the grid.
 */
export function useBulkActions(resolveTarget: () => Promise<BulkTarget>, onChanged: () => void) {
  const client = useApolloClient();
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (fn: () => Promise<BulkOutcome>) => {
    setBusy(true);
    try {
      setOutcome(await fn());
    } catch (e) {
      setOutcome({
        kind: 'shipped',
        changed: 0,
        skipped: [],
        skippedCount: 0,
        skippedByReason: [],
        actionId: null,
        error: { message: (e as Error).message },
      });
    } finally {
      setBusy(false);
    }
  }, []);

  const markShipped = useCallback(
    (shippedOn: string) =>
      run(async () => {
        const target = await resolveTarget();
        const res = await client.mutate({
          mutation: MARK_SHIPPED,
          variables: { input: { ...target, shippedOn: shippedOn || null } },
        });
        const p = res.data!.markFulfillmentsShipped;
        onChanged();
        return {
          kind: 'shipped',
          changed: p.changedCount,
          skipped: p.skipped,
          skippedCount: p.skippedCount,
          skippedByReason: p.skippedByReason,
          actionId: p.actionId,
          error: p.userErrors[0] ?? null,
        };
      }),
    [client, resolveTarget, run, onChanged],
  );

  const markNotShipping = useCallback(
    (reason: string) =>
      run(async () => {
        const target = await resolveTarget();
        const res = await client.mutate({
          mutation: MARK_NOT_SHIPPING,
          variables: { input: { ...target, reason: reason.trim() || null } },
        });
        const p = res.data!.markFulfillmentsNotShipping;
        onChanged();
        return {
          kind: 'notShipping',
          changed: p.changedCount,
          skipped: p.skipped,
          skippedCount: p.skippedCount,
          skippedByReason: p.skippedByReason,
          actionId: p.actionId,
          error: p.userErrors[0] ?? null,
        };
      }),
    [client, resolveTarget, run, onChanged],
  );

  const undo = useCallback(
    (actionId: string) =>
      run(async () => {
        const res = await client.mutate({ mutation: UNDO_BULK_ACTION, variables: { input: { actionId } } });
        const p = res.data!.undoBulkAction;
        await client.refetchQueries({ include: 'active' });
        return {
          kind: 'undo',
          changed: p.restoredCount,
          alreadyNotified: p.alreadyNotifiedCount,
          skipped: p.skipped,
          skippedCount: p.skippedCount,
          skippedByReason: p.skippedByReason,
          actionId: null,
          error: p.userErrors[0] ?? null,
        };
      }),
    [client, run],
  );

  return { outcome, busy, markShipped, markNotShipping, undo, dismiss: () => setOutcome(null) };
}
