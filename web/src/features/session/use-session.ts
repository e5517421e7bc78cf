import { useCallback, useEffect, useState } from 'react';
import { getMe } from '../../api-client/access-api.ts';
import { getWorkspace } from '../../api-client/api-client.ts';
import type { Me, Workspace, WorkspaceMembership } from '../../api-client/api-types.ts';
import { ApiError, isAbortError, setRequestContext, toError } from '../../api-client/http.ts';
import { loadWorkspaceChoice, pickWorkspace, saveWorkspaceChoice } from './workspace-choice.ts';

/** Where the UI stands with the server: still asking, signed out (server mode), failed, or ready to show pages. */
export type Session =
  | { status: 'loading' }
  | { status: 'error'; error: Error; retry: () => void }
  | { status: 'signed-out'; install: Workspace }
  | {
      status: 'ready';
      install: Workspace;
      me: Me;
      current: WorkspaceMembership | null;
      choose: (slug: string) => void;
      /** After creating a workspace: asks who is signed in again, then works in the new one. */
      adopt: (slug: string) => void;
    };

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * Reads the installation facts and who is signed in, then sets the request context (workspace,
 * CSRF token) before any page loads. A 401 from /api/me means server mode without a session.
 */
export function useSession(): Session {
  const [state, setState] = useState<{ install: Workspace; me: Me | null; slug: string | null } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    const load = async (): Promise<void> => {
      const install = await getWorkspace(controller.signal);
      // /api/me is asked without a workspace header: the server's own choice comes back as `workspace`.
      setRequestContext({ workspace: null, csrfToken: null });
      let me: Me | null = null;
      try {
        me = await getMe(controller.signal);
      } catch (reason) {
        if (!(reason instanceof ApiError && reason.status === 401 && install.mode === 'github')) throw reason;
      }
      const current = me ? pickWorkspace(me, loadWorkspaceChoice(storage())) : null;
      setRequestContext({ workspace: current?.slug ?? null, csrfToken: me?.csrfToken ?? null });
      setState({ install, me, slug: current?.slug ?? null });
    };
    load().catch((reason: unknown) => {
      if (!isAbortError(reason)) setError(toError(reason));
    });
    return () => controller.abort();
  }, [tick]);

  const retry = useCallback(() => setTick((t) => t + 1), []);
  const choose = useCallback((slug: string) => {
    saveWorkspaceChoice(storage(), slug);
    setRequestContext({ workspace: slug });
    setState((previous) => (previous ? { ...previous, slug } : previous));
  }, []);

  const adopt = useCallback((slug: string) => {
    saveWorkspaceChoice(storage(), slug);
    setTick((t) => t + 1);
  }, []);

  if (error) return { status: 'error', error, retry };
  if (!state) return { status: 'loading' };
  if (!state.me) return { status: 'signed-out', install: state.install };
  const current = state.me.workspaces.find((w) => w.slug === state.slug) ?? null;
  return { status: 'ready', install: state.install, me: state.me, current, choose, adopt };
}
