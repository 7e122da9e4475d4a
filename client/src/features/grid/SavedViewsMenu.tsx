import { messageText } from '../../app/messages';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid, GridColumn } from '@ft/shared';
import { Field } from '../../components/Field';
import { Popover } from '../../components/Popover';
import { filtersOf, filtersPatch, type GridView } from './url-state';
import { useSavedViews } from './saved-views';

/**
 * The signed-in person's saved views of a grid: choosing one applies its filters, sort and
 * columns; the current view can be saved under a name, replaced or deleted.
 */
export function SavedViewsMenu({
  grid,
  view,
  columns,
  onApply,
}: {
  grid: Grid;
  view: GridView;
  columns: readonly GridColumn[];
  onApply: (patch: Partial<GridView>, columns: string[] | null) => void;
}) {
  const { t } = useTranslation();
  const saved = useSavedViews(grid);
  const current = saved.views.find((v) => v.id === view.savedView) ?? null;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const input = (viewName: string) => ({
    grid,
    name: viewName,
    filters: filtersOf(view),
    columns: [...columns],
    sort: view.sort,
    direction: view.direction,
  });
  const errorText = (e: { code: string; message: string; params?: string | null }): string => {
    const params = (e.params ? JSON.parse(e.params) : {}) as Record<string, string | number>;
    return t(`views.errors.${e.code}`, { ...params, defaultValue: messageText(t, e) });
  };

  const saveAs = async (id?: string) => {
    setError(null);
    setStatus(null);
    const res = await saved.save(input(id && current ? current.name : name), id);
    if (res.errors.length) return setError(errorText(res.errors[0]));
    if (res.view) {
      onApply({ savedView: res.view.id }, null);
      setName('');
      setStatus(t('views.savedAs', { name: res.view.name }));
    }
  };

  return (
    <div className="saved-views">
      <Field label={t('views.savedViews')} className="inline">
        <select
          value={current?.id ?? ''}
          onChange={(e) => {
            const v = saved.views.find((s) => s.id === e.target.value);
            setStatus(null);
            if (!v) return onApply({ savedView: '' }, null);
            onApply(
              { ...filtersPatch(v.filters), sort: v.sort, direction: v.direction, savedView: v.id },
              v.columns,
            );
          }}
        >
          <option value="">{t('views.noSavedView')}</option>
          {saved.views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </Field>
      <Popover label={t('views.saveView')}>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveAs();
          }}
        >
          <Field label={t('views.viewName')}>
            <input
              type="text"
              value={name}
              maxLength={80}
              required
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'saved-view-error' : undefined}
            />
          </Field>
          {error && (
            <p id="saved-view-error" className="error" role="alert">
              {error}
            </p>
          )}
          <div className="row-actions">
            <button type="submit" className="btn primary">
              {t('views.saveAsNew')}
            </button>
            {current && (
              <button type="button" className="btn" onClick={() => void saveAs(current.id)}>
                {t('views.replace', { name: current.name })}
              </button>
            )}
          </div>
        </form>
      </Popover>
      {current && (
        <button
          type="button"
          className="btn link"
          onClick={async () => {
            const errors = await saved.remove(current.id);
            if (errors.length) return setError(errorText(errors[0]));
            setStatus(t('views.deleted', { name: current.name }));
            onApply({ savedView: '' }, null);
          }}
        >
          {t('views.deleteView', { name: current.name })}
        </button>
      )}
      <span role="status" className="muted">
        {status}
      </span>
    </div>
  );
}
