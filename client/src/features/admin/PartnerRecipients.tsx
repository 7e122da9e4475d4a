import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { SET_PARTNER_NOTIFICATION_EMAILS, type PartnerAdmin } from './queries';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who receives the partner's shipping digests: edited locally, saved as one list. */
export function PartnerRecipients({ partner }: { partner: PartnerAdmin }) {
  const { t } = useTranslation();
  const [emails, setEmails] = useState<string[]>(partner.notificationEmails);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [save, { loading }] = useMutation(SET_PARTNER_NOTIFICATION_EMAILS, {
    update(cache, { data }) {
      const saved = data?.setPartnerNotificationEmails.emails;
      if (!saved) return;
      cache.modify({
        id: cache.identify({ __typename: 'Partner', id: partner.id }),
        fields: { notificationEmails: () => saved },
      });
    },
  });
  const dirty = emails.join('\n') !== partner.notificationEmails.join('\n');
  const inputId = `recipient-new-${partner.id}`;
  const errorId = `${inputId}-error`;

  function add(e: FormEvent) {
    e.preventDefault();
    const value = draft.trim().toLowerCase();
    if (!value) return;
    if (!EMAIL.test(value)) {
      setDraftError(t('recipients.invalid'));
      return;
    }
    setDraftError(null);
    setMessage(null);
    if (!emails.includes(value)) setEmails([...emails, value]);
    setDraft('');
  }

  async function onSave() {
    setMessage(null);
    try {
      const res = await save({ variables: { input: { partnerId: partner.id, emails } } });
      const payload = res.data?.setPartnerNotificationEmails;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setMessage({
          ok: false,
          text: payload.userErrors
            .map((x) => {
              const index = x.field?.find((f) => /^\d+$/.test(f));
              const text = messageText(t, x);
              return index != null && emails[Number(index)] ? `${emails[Number(index)]}: ${text}` : text;
            })
            .join(' '),
        });
      } else {
        setEmails(payload.emails ?? emails);
        setMessage({ ok: true, text: t('recipients.saved') });
      }
    } catch {
      setMessage({ ok: false, text: t('common.genericError') });
    }
  }

  return (
    <section aria-labelledby={`recipients-${partner.id}`}>
      <h3 id={`recipients-${partner.id}`}>{t('partners.recipients')}</h3>
      <p className="muted hint">{t('recipients.hint')}</p>
      {emails.length === 0 ? (
        <p className="muted">{t('recipients.none')}</p>
      ) : (
        <ul className="recipient-list" aria-label={t('partners.recipients')}>
          {emails.map((email) => (
            <li key={email}>
              <span>{email}</span>
              <button
                type="button"
                className="btn link"
                aria-label={t('recipients.remove', { email })}
                onClick={() => {
                  setMessage(null);
                  setEmails(emails.filter((x) => x !== email));
                }}
              >
                {t('recipients.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add} noValidate>
        <Field label={t('recipients.add')} htmlFor={inputId}>
          <input
            id={inputId}
            type="email"
            value={draft}
            placeholder="ops@example.com"
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={draftError ? true : undefined}
            aria-describedby={draftError ? errorId : undefined}
            maxLength={254}
          />
        </Field>
        <button type="submit" className="btn">
          {t('recipients.addButton')}
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={!dirty || loading}
          onClick={() => void onSave()}
        >
          {t('recipients.save')}
        </button>
        {draftError && (
          <span id={errorId} className="field-error">
            {draftError}
          </span>
        )}
      </form>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
