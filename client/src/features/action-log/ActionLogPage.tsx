import { messageText } from '../../app/messages';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { SimpleTable } from '../../components/SimpleTable';
import {
  ACTION_LOG,
  ACTION_LOG_ENTRY,
  UNDO_LOGGED_ACTION,
  UNDO_LOGGED_IMPORT,
  type ActionLogEntry,
  type ActionLogEntryToUndo,
} from './queries';

const PAGE = 50;

/** The reason an entry cannot be undone, in the reader's language; the server's words when the code is new. */
function useCannotUndoText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (reason: NonNullable<ActionLogEntry['cannotUndo']>) => {
    const params = reason.params ? (JSON.parse(reason.params) as Record<string, string>) : {};
    if (params.undoneAt) params.undoneAt = fmt.dateTime(params.undoneAt);
    return t(`actionLog.cannotUndo.${reason.code}`, { ...params, defaultValue: reason.message });
  };
}

interface Outcome {
  text: string;
  error: boolean;
}

export default function ActionLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useApolloClient();
  const cannotUndoText = useCannotUndoText();
  const { data, loading, error, fetchMore, refetch } = useQuery(ACTION_LOG, {
    variables: { first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const [confirming, setConfirming] = useState<ActionLogEntryToUndo | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  /** The Undo button that opened the confirmation, to return focus to when it closes unanswered. */
  const openerRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const cancel = () => {
    setConfirming(null);
    openerRef.current?.focus();
  };

  /** Reads the entry fresh (is it still undoable, how many were emailed) before asking. */
  async function askToUndo(entry: ActionLogEntry, opener: HTMLElement) {
    openerRef.current = opener;
    setOutcome(null);
    setBusy(true);
    try {
      const res = await client.query({
        query: ACTION_LOG_ENTRY,
        variables: { id: entry.id },
        fetchPolicy: 'network-only',
      });
      const fresh = res.data?.actionLogEntry;
      if (fresh?.undoable) setConfirming(fresh);
      else {
        setOutcome({
          error: true,
          text: fresh?.cannotUndo ? cannotUndoText(fresh.cannotUndo) : t('actionLog.undoError.NOT_FOUND'),
        });
        await refetch();
      }
    } catch (e) {
      setOutcome({ error: true, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const entries = data?.actionLog.edges.map((e) => e.node) ?? [];
  const what = (e: Pick<ActionLogEntry, 'kind'>) => t(`actionLog.kind.${e.kind}`, { defaultValue: e.kind });

  async function undo(entry: ActionLogEntryToUndo) {
    setBusy(true);
    try {
      const p = entry.importId
        ? (
            await client.mutate({
              mutation: UNDO_LOGGED_IMPORT,
              variables: { input: { importId: entry.importId } },
            })
          ).data!.undoImport
        : (
            await client.mutate({
              mutation: UNDO_LOGGED_ACTION,
              variables: { input: { actionId: entry.actionId! } },
            })
          ).data!.undoBulkAction;
      const failure = p.userErrors[0];
      setOutcome({
        error: Boolean(failure),
        text: failure
          ? t(`actionLog.undoError.${failure.code}`, { defaultValue: messageText(t, failure) })
          : [
              t('actionLog.undone', { count: p.restoredCount, skipped: p.skippedCount }),
              p.alreadyNotifiedCount > 0
                ? t('actionLog.alreadyEmailed', { count: p.alreadyNotifiedCount })
                : '',
            ]
              .filter(Boolean)
              .join(' '),
      });
      setConfirming(null);
      await client.refetchQueries({ include: 'active' });
    } catch (e) {
      setOutcome({ error: true, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('actionLog.title')}</h1>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => void refetch()}>
            {t('actionLog.refresh')}
          </button>
        </div>
      </div>
      <p className="muted">{t('actionLog.intro')}</p>
      <div role="status" aria-live="polite">
        {outcome && <p className={outcome.error ? 'error' : 'notice'}>{outcome.text}</p>}
      </div>
      {confirming && (
        <div
          className="card confirm"
          role="alertdialog"
          aria-labelledby="undo-confirm-title"
          aria-describedby="undo-confirm-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancel();
          }}
        >
          <h2 id="undo-confirm-title">{t('actionLog.confirmTitle')}</h2>
          <div id="undo-confirm-text">
            <p>
              {t('actionLog.confirmText', {
                what: what(confirming),
                count: confirming.count,
                when: fmt.dateTime(confirming.at),
              })}
            </p>
            {confirming.alreadyNotifiedCount > 0 && (
              <p className="notice warn">
                {t('actionLog.alreadyEmailed', { count: confirming.alreadyNotifiedCount })}{' '}
                {t('actionLog.emailStays')}
              </p>
            )}
          </div>
          <div className="row-actions">
            <button
              ref={confirmRef}
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => void undo(confirming)}
            >
              {t('actionLog.confirmUndo')}
            </button>
            <button type="button" className="btn link" onClick={cancel}>
              {t('actionLog.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && entries.length === 0 && <p className="notice">{t('actionLog.empty')}</p>}
      {entries.length > 0 && (
        <SimpleTable
          caption={t('actionLog.title')}
          headers={[t('actionLog.when'), t('actionLog.who'), t('actionLog.what'), t('actionLog.howMany')]}
          actions
        >
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{fmt.dateTime(e.at)}</td>
              <td className="break">{e.actor ?? '–'}</td>
              <td>
                {what(e)}
                {e.importId && (
                  <>
                    {' · '}
                    <Link to={`/import/${encodeURIComponent(e.importId)}`}>{e.fileName}</Link>
                  </>
                )}
              </td>
              <td>{fmt.number(e.count)}</td>
              <td>
                {e.undoable ? (
                  <button
                    type="button"
                    className="btn"
                    disabled={busy}
                    aria-label={t('actionLog.undoLabel', { what: what(e), when: fmt.dateTime(e.at) })}
                    onClick={(event) => void askToUndo(e, event.currentTarget)}
                  >
                    {t('bulk.undo')}
                  </button>
                ) : (
                  e.cannotUndo && <span className="muted">{cannotUndoText(e.cannotUndo)}</span>
                )}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {data?.actionLog.pageInfo.hasNextPage && (
        <button
          type="button"
          className="btn"
          onClick={() =>
            void fetchMore({
              variables: { after: data.actionLog.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                actionLog: {
                  ...fetchMoreResult.actionLog,
                  edges: [...prev.actionLog.edges, ...fetchMoreResult.actionLog.edges],
                },
              }),
            })
          }
        >
          {t('actionLog.more')}
        </button>
      )}
    </section>
  );
}
