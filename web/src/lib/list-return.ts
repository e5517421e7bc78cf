// The issues list's query string, remembered so the issue page's "Back" link returns to the same
// search even when the issue was opened in a new tab (sessionStorage is per tab, so it is copied).
const STORAGE_KEY = 'loupe:list-search';
let remembered = '';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // Storage can throw when disabled by privacy settings.
  }
}

/** Records the issues list's current query string ("" or "?q=…"). */
export function rememberListSearch(search: string): void {
  remembered = search;
  storage()?.setItem(STORAGE_KEY, search);
}

/** The href of the issues list as last seen in this tab: "/" plus its query string. */
export function listReturnHref(): string {
  const search = remembered || storage()?.getItem(STORAGE_KEY) || '';
  return search.startsWith('?') ? `/${search}` : '/';
}
