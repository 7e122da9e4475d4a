import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CARRIERS_ADMIN } from './queries';

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
          <table className="simple">
            <thead>
              <tr>
                <th scope="col">{t('carriers.code')}</th>
                <th scope="col">{t('carriers.name')}</th>
                <th scope="col">{t('carriers.template')}</th>
                <th scope="col">{t('carriers.aliases')}</th>
              </tr>
            </thead>
            <tbody>
              {data.carriers.map((c) => (
                <tr key={c.code}>
                  <td><code>{c.code}</code></td>
                  <td>{c.name}</td>
                  <td className="break">{c.trackingUrlTemplate ?? '–'}</td>
                  <td>{c.aliases.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
