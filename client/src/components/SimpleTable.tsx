import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Column headings, in order. */
  headers: string[];
  /** Adds a last column for row buttons, named for screen readers only. */
  actions?: boolean;
  /** Names the table for screen readers when no heading does. */
  caption?: string;
  className?: string;
  /** The body rows. */
  children: ReactNode;
}

/** A plain read-only table: headings, then the rows the caller renders. */
export function SimpleTable({ headers, actions = false, caption, className, children }: Props) {
  const { t } = useTranslation();
  return (
    // Wider than a phone, the table scrolls in its own box; the page does not.
    <div className="table-wrap">
      <table className={className ? `simple ${className}` : 'simple'}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
