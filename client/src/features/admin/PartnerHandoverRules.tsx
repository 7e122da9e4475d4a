import { messageText } from '../../app/messages';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { SimpleTable } from '../../components/SimpleTable';
import { CARRIERS } from '../grid/lookups';
import { DELETE_HANDOVER_RULE, HANDOVER_RULES, SAVE_HANDOVER_RULE } from './handover-queries';

/** A partner's tracking conversion: which carrier's numbers (from which supplier) another carrier delivers. */
export function PartnerHandoverRules({ partnerId, partnerName }: { partnerId: string; partnerName: string }) {
  const { t } = useTranslation();
  const carriers = useQuery(CARRIERS);
  const rules = useQuery(HANDOVER_RULES, { variables: { partnerId } });
  const refetch = { refetchQueries: [{ query: HANDOVER_RULES, variables: { partnerId } }] };
  const [save, { loading }] = useMutation(SAVE_HANDOVER_RULE, refetch);
  const [remove] = useMutation(DELETE_HANDOVER_RULE, refetch);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [supplier, setSupplier] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const nameOf = (code: string) => carriers.data?.carriers.find((c) => c.code === code)?.name ?? code;
  const titleId = `handover-${partnerId}`;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const res = await save({
        variables: {
          input: { partnerId, fromCarrierCode: from, toCarrierCode: to, supplier: supplier.trim() || null },
        },
      });
      const errors = res.data?.saveCarrierHandoverRule.userErrors ?? [];
      if (errors.length) {
        setMessage({
          ok: false,
          text: errors.map((x) => messageText(t, x)).join(' '),
        });
      } else {
        setSupplier('');
        setMessage({ ok: true, text: t('handover.saved') });
      }
    } catch {
      setMessage({ ok: false, text: t('common.genericError') });
    }
  }

  const options = (carriers.data?.carriers ?? []).map((c) => (
    <option key={c.code} value={c.code}>
      {c.name}
    </option>
  ));
  const list = rules.data?.carrierHandoverRules ?? [];
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{t('handover.title')}</h3>
      <p className="muted hint">{t('handover.hint')}</p>
      {list.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <SimpleTable headers={[t('handover.from'), t('handover.supplier'), t('handover.to')]} actions>
          {list.map((r) => (
            <tr key={r.id}>
              <td>{nameOf(r.fromCarrierCode)}</td>
              <td>{r.supplier ?? t('handover.anySupplier')}</td>
              <td>{nameOf(r.toCarrierCode)}</td>
              <td>
                <button
                  type="button"
                  className="btn danger"
                  aria-label={t('handover.deleteRule', {
                    from: nameOf(r.fromCarrierCode),
                    to: nameOf(r.toCarrierCode),
                  })}
                  onClick={() => void remove({ variables: { id: r.id } })}
                >
                  {t('handover.delete')}
                </button>
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <form className="inline-form" onSubmit={onSubmit} aria-label={t('handover.add', { name: partnerName })}>
        <Field label={t('handover.from')}>
          <select required value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">{t('handover.choose')}</option>
            {options}
          </select>
        </Field>
        <Field label={t('handover.supplier')}>
          <input
            value={supplier}
            onChange={(e) => setSupplier(e.target.value)}
            maxLength={100}
            placeholder={t('handover.anySupplier')}
          />
        </Field>
        <Field label={t('handover.to')}>
          <select required value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('handover.choose')}</option>
            {options}
          </select>
        </Field>
        <button type="submit" className="btn" disabled={loading}>
          {t('handover.save')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
