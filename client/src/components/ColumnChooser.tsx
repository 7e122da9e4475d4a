import { useTranslation } from 'react-i18next';
import type { GridColumn } from '@ft/shared';
import { Popover } from './Popover';

export function ColumnChooser({
  offered,
  visible,
  title,
  onToggle,
}: {
  offered: readonly GridColumn[];
  visible: readonly GridColumn[];
  title: (c: GridColumn) => string;
  onToggle: (c: GridColumn, on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Popover label={t('grid.columns')} className="column-chooser">
      <fieldset>
        <legend>{t('grid.columnsLegend')}</legend>
        {offered.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={visible.includes(c)}
              disabled={c === 'order' || (visible.length === 1 && visible.includes(c))}
              onChange={(e) => onToggle(c, e.target.checked)}
            />
            {title(c)}
          </label>
        ))}
      </fieldset>
    </Popover>
  );
}
