/**
 * The API pages forward only (`after`), so going back needs the cursor each earlier page
 * started at. They are kept per tab (sessionStorage) for one filter, sort and page size;
 * a page reached without them (a shared link) goes back to the first page instead.
 */
const KEY = 'ft.pageCursors';
const MAX_SCOPES = 20;

type Store = Record<string, string[]>;

function load(): Store {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Store) : {};
  } catch {
    return {};
  }
}

/** Remembers that page `page` (1-based) of `scope` starts after `cursor`. */
export function rememberCursor(scope: string, page: number, cursor: string): void {
  const store = load();
  const list = store[scope] ?? [''];
  list[page - 1] = cursor;
  delete store[scope];
  store[scope] = list;
  const scopes = Object.keys(store);
  for (const old of scopes.slice(0, Math.max(0, scopes.length - MAX_SCOPES))) delete store[old];
  try {
    sessionStorage.setItem(KEY, JSON.stringify(store));
  } catch {
    // Storage full or off: Previous falls back to the first page.
  }
}

/** The cursor page `page` of `scope` starts after ('' for the first), if known. */
export function cursorFor(scope: string, page: number): string | undefined {
  if (page <= 1) return '';
  const c = load()[scope]?.[page - 1];
  return typeof c === 'string' ? c : undefined;
}
