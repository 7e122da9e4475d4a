import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Row selection for a page of a grid: single toggles, shift-click ranges, the whole
 * page, or "everything matching the filter" (which the server resolves).
 */
export function useSelection(pageKeys: readonly string[], resetKey: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const anchor = useRef<number | null>(null);

  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
    anchor.current = null;
  }, [resetKey]);

  const toggle = useCallback(
    (index: number, on: boolean, shift: boolean) => {
      setAllMatching(false);
      // Read the anchor now: the updater below runs later, after it has moved.
      const from = shift && anchor.current != null ? Math.min(anchor.current, index) : index;
      const to = shift && anchor.current != null ? Math.max(anchor.current, index) : index;
      setSelected((prev) => {
        const next = new Set(prev);
        for (let i = from; i <= to; i++) {
          const key = pageKeys[i];
          if (key === undefined) continue;
          if (on) next.add(key);
          else next.delete(key);
        }
        return next;
      });
      anchor.current = index;
    },
    [pageKeys],
  );

  const pageSelected = pageKeys.length > 0 && pageKeys.every((k) => selected.has(k));
  const somePageSelected = pageKeys.some((k) => selected.has(k));

  const togglePage = useCallback(
    (on: boolean) => {
      setAllMatching(false);
      setSelected(on ? new Set(pageKeys) : new Set());
    },
    [pageKeys],
  );

  const clear = useCallback(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, []);

  return {
    selected,
    allMatching,
    setAllMatching,
    toggle,
    togglePage,
    pageSelected,
    somePageSelected,
    clear,
    count: selected.size,
  };
}

export type Selection = ReturnType<typeof useSelection>;
