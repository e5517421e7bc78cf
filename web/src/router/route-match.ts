/** The pages of the app, as decided by the URL path alone. */
export type Route =
  | { name: 'issues' }
  | { name: 'repos' }
  | { name: 'concepts' }
  | { name: 'jobs' }
  | { name: 'settings' }
  | { name: 'issue'; id: string }
  | { name: 'not-found'; path: string };

/** Maps a pathname to a route: `/` issues, `/repos`, `/concepts`, `/jobs`, `/settings`, `/issues/:id`; a trailing slash is tolerated. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '' || path === '/') return { name: 'issues' };
  if (path === '/repos') return { name: 'repos' };
  if (path === '/concepts') return { name: 'concepts' };
  if (path === '/jobs') return { name: 'jobs' };
  if (path === '/settings') return { name: 'settings' };
  const issue = /^\/issues\/([^/]+)$/.exec(path);
  if (issue?.[1]) {
    try {
      return { name: 'issue', id: decodeURIComponent(issue[1]) };
    } catch {
      return { name: 'not-found', path: pathname };
    }
  }
  return { name: 'not-found', path: pathname };
}

/** The path of an issue page; ids are opaque, so they are always encoded. */
export function issuePath(id: string): string {
  return `/issues/${encodeURIComponent(id)}`;
}

/**
 * Whether a click on a link should be left to the browser (new tab, download, other window)
 * instead of being handled as in-app navigation.
 */
export function isModifiedClick(event: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
