import { useEffect } from 'react';
import type { WorkspaceMembership } from './api-client/api-types.ts';
import { DemoBanner } from './components/demo-banner.tsx';
import { LoupeIcon } from './components/icons.tsx';
import { EmptyState, ErrorMessage, Loading } from './components/status-message.tsx';
import { ConceptsPage } from './features/concepts/concepts-page.tsx';
import { IssueDetailPage } from './features/issue-detail/issue-detail-page.tsx';
import { IssuesPage } from './features/issues/issues-page.tsx';
import { JobsPage } from './features/jobs/jobs-page.tsx';
import { ReposPage } from './features/repos/repos-page.tsx';
import { SEARCH_INPUT_ID } from './features/search/search-box.tsx';
import { AccountStatus } from './features/session/account-status.tsx';
import { SignInScreen } from './features/session/sign-in-screen.tsx';
import { useSession } from './features/session/use-session.ts';
import { WorkspaceSwitcher } from './features/session/workspace-switcher.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';
import { matchRoute } from './router/route-match.ts';
import type { Route } from './router/route-match.ts';
import { Link, navigate, useLocation } from './router/router.tsx';

/** Whether a key press happened where typing "/" means the character, not the shortcut. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** "/" focuses the search box from anywhere; on other pages it goes to the issues list first. */
function useSlashToSearch(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target))
        return;
      event.preventDefault();
      const focus = (): void => {
        const input = document.getElementById(SEARCH_INPUT_ID);
        if (input instanceof HTMLInputElement) {
          input.focus();
          input.select();
        }
      };
      if (document.getElementById(SEARCH_INPUT_ID)) focus();
      else {
        navigate('/');
        setTimeout(focus, 0);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

function Page({
  route,
  workspace,
  mode,
  onWorkspaceCreated,
}: {
  route: Route;
  workspace: WorkspaceMembership | null;
  mode: 'local' | 'github';
  onWorkspaceCreated: (slug: string) => void;
}) {
  switch (route.name) {
    case 'issues':
      return <IssuesPage />;
    case 'repos':
      return <ReposPage />;
    case 'concepts':
      return <ConceptsPage />;
    case 'jobs':
      return <JobsPage />;
    case 'settings':
      return <SettingsPage workspace={workspace} mode={mode} onWorkspaceCreated={onWorkspaceCreated} />;
    case 'issue':
      return <IssueDetailPage key={route.id} id={route.id} />;
    case 'not-found':
      return (
        <EmptyState title="Page not found">
          <p>
            Nothing lives at <code>{route.path}</code>. <Link to="/">Go to the issues</Link>.
          </p>
        </EmptyState>
      );
  }
}

function NavLink({ to, active, children }: { to: string; active: boolean; children: string }) {
  return (
    <Link
      to={to}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

/**
 * The shell: header with navigation, workspace and who is signed in; demo banner; the current page;
 * footer. In server mode without a session it is the sign-in screen instead.
 */
export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const session = useSession();
  useSlashToSearch();

  if (session.status === 'signed-out') return <SignInScreen install={session.install} />;
  const ready = session.status === 'ready' ? session : null;
  const install = session.status === 'ready' ? session.install : null;
  const demo = ready?.current ? ready.current.isDemo : install?.demo;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <LoupeIcon /> Loupe
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" active={route.name === 'issues' || route.name === 'issue'}>
            Issues
          </NavLink>
          <NavLink to="/concepts" active={route.name === 'concepts'}>
            Concepts
          </NavLink>
          <NavLink to="/repos" active={route.name === 'repos'}>
            Repositories
          </NavLink>
          <NavLink to="/jobs" active={route.name === 'jobs'}>
            Jobs
          </NavLink>
          <NavLink to="/settings" active={route.name === 'settings'}>
            Settings
          </NavLink>
        </nav>
        {ready ? (
          <div className="header-end">
            <WorkspaceSwitcher
              workspaces={ready.me.workspaces}
              current={ready.current}
              onChoose={ready.choose}
            />
            <AccountStatus me={ready.me} />
          </div>
        ) : null}
      </header>
      {install && demo ? <DemoBanner githubApiUrl={install.githubApiUrl} /> : null}
      <main id="main" tabIndex={-1}>
        {session.status === 'loading' ? <Loading /> : null}
        {session.status === 'error' ? (
          <ErrorMessage
            title="Could not reach Loupe"
            message={session.error.message}
            onRetry={session.retry}
          />
        ) : null}
        {/* A new workspace remounts the page, so everything it shows is loaded again for that workspace. */}
        {ready ? (
          <Page
            key={ready.current?.slug ?? ''}
            route={route}
            workspace={ready.current}
            mode={ready.me.mode}
            onWorkspaceCreated={ready.adopt}
          />
        ) : null}
      </main>
      <footer className="site-footer">
        Loupe{install ? ` ${install.version}` : ''} · issue intelligence · press <kbd>/</kbd> to search
      </footer>
    </>
  );
}
