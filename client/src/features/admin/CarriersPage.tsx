import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CARRIERS_ADMIN } from './queries';
import { SimpleTable } from '../../components/SimpleTable';

export default function CarriersPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(CARRIERS_ADMIN);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('carriers.title')}</h1>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="table-wrap">
          <SimpleTable
            headers={[t('carriers.code'), t('carriers.name'), t('carriers.template'), t('carriers.aliases')]}
          >
            {data.carriers.map((c) => (
              <tr key={c.code}>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{c.name}</td>
                <td className="break">{c.trackingUrlTemplate ?? '–'}</td>
                <td>{c.aliases.join(', ')}</td>
              </tr>
            ))}
          </SimpleTable>
        </div>
      )}
    </section>
  );
}
