import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { isModifiedClick } from './route-match.ts';

// pushState/replaceState fire no event, so navigate() announces changes itself.
const NAVIGATE_EVENT = 'loupe:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current location; re-renders on navigate() and on back/forward. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const queryStart = href.indexOf('?');
  return queryStart === -1
    ? { pathname: href, search: '' }
    : { pathname: href.slice(0, queryStart), search: href.slice(queryStart) };
}

/**
 * Moves to an in-app URL. `replace` is for changes that should not fill the back stack (typing in
 * the search box); `scroll` resets the scroll position for page changes.
 */
export function navigate(to: string, options: { replace?: boolean; scroll?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (options.scroll) window.scrollTo(0, 0);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

/** An anchor that navigates in-app on a plain click and behaves like any link otherwise. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || isModifiedClick(event) || rest.target === '_blank') return;
    event.preventDefault();
    navigate(to, { scroll: true });
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
