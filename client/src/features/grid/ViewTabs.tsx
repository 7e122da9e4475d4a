import { useRef, type KeyboardEvent } from 'react';
import { NO_FILTERS, type GridView } from './url-state';

export interface ViewTab {
  id: string;
  label: string;
  /** The status conditions the tab stands for; choosing it keeps the search and turns every other condition off. */
  preset: Pick<GridView, 'orderStatus' | 'fulfillmentStatus' | 'risk'>;
}

const matches = (view: GridView, tab: ViewTab) =>
  view.orderStatus === tab.preset.orderStatus &&
  view.fulfillmentStatus === tab.preset.fulfillmentStatus &&
  view.risk === tab.preset.risk;

/**
 * Preset views above a grid, as tabs (arrow keys move between them). The tab whose status
 * conditions are in force is the selected one; with other statuses chosen, none is.
 */
export function ViewTabs({
  tabs,
  view,
  label,
  controls,
  onSelect,
}: {
  tabs: ViewTab[];
  view: GridView;
  label: string;
  /** The id of the grid the tabs filter. */
  controls: string;
  onSelect: (patch: Partial<GridView>) => void;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = tabs.findIndex((tab) => matches(view, tab));
  const choose = (i: number) =>
    onSelect({ ...NO_FILTERS, search: view.search, ...tabs[i].preset, savedView: '' });
  const onKey = (e: KeyboardEvent, i: number) => {
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    refs.current[to]?.focus();
    choose(to);
  };
  return (
    <div role="tablist" aria-label={label} className="view-tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={i === selected}
          aria-controls={controls}
          tabIndex={i === selected || (selected === -1 && i === 0) ? 0 : -1}
          onClick={() => choose(i)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
