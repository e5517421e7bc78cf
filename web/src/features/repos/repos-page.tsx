import { useEffect, useState } from 'react';
import { listRepos, removeRepo, syncRepo } from '../../api-client/api-client.ts';
import type { Repo } from '../../api-client/api-types.ts';
import { toError } from '../../api-client/http.ts';
import { EmptyState, ErrorMessage, Loading } from '../../components/status-message.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useLiveEvents } from '../../lib/use-live-events.ts';
import { AddRepoForm } from './add-repo-form.tsx';
import { RepoTable } from './repo-table.tsx';
import { hasActiveSync } from './sync-status.ts';

/** What changes a repository row: its syncs, its analysis, its removal (by anyone, from anywhere). */
const REPO_EVENTS = [
  'sync.started',
  'sync.progressed',
  'sync.finished',
  'sync.failed',
  'analysis.updated',
  'container.removed',
] as const;

/** Repositories: add one, see sync status (live, from the server's event stream), sync now, remove. */
export function ReposPage() {
  const { data: repos, error, loading, reload } = useApi('repos', (signal) => listRepos(signal));
  const [syncing, setSyncing] = useState<ReadonlySet<string>>(new Set());
  const [syncError, setSyncError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const [removeFeedback, setRemoveFeedback] = useState<{ kind: 'error' | 'success'; text: string } | null>(
    null,
  );

  useEffect(() => {
    document.title = 'Repositories · Loupe';
  }, []);

  const active = repos ? hasActiveSync(repos) : false;
  // A sync started from the CLI, a webhook or another tab shows here as it happens.
  useLiveEvents(REPO_EVENTS, reload);

  const onSync = (repo: Repo): void => {
    setSyncing((ids) => new Set(ids).add(repo.id));
    setSyncError(null);
    syncRepo(repo.id)
      .catch((reason: unknown) => setSyncError(`${repo.fullName}: ${toError(reason).message}`))
      .finally(() => {
        setSyncing((ids) => {
          const next = new Set(ids);
          next.delete(repo.id);
          return next;
        });
        reload();
      });
  };

  const onRemove = (repo: Repo): void => {
    setRemoving((ids) => new Set(ids).add(repo.id));
    setRemoveFeedback(null);
    removeRepo(repo.id)
      .then(() =>
        setRemoveFeedback({
          kind: 'success',
          text: `Removed ${repo.fullName} and everything Loupe stored for it.`,
        }),
      )
      .catch((reason: unknown) =>
        setRemoveFeedback({ kind: 'error', text: `${repo.fullName}: ${toError(reason).message}` }),
      )
      .finally(() => {
        setRemoving((ids) => {
          const next = new Set(ids);
          next.delete(repo.id);
          return next;
        });
        reload();
      });
  };

  return (
    <div className="repos-page">
      <div className="page-heading">
        <h1>Repositories</h1>
        {active ? (
          <span className="muted small" role="status">
            Updating live while a sync runs…
          </span>
        ) : null}
      </div>
      <AddRepoForm onAdded={reload} />
      {syncError ? <ErrorMessage title="Could not start the sync" message={syncError} /> : null}
      {removeFeedback?.kind === 'error' ? (
        <ErrorMessage title="Could not remove the repository" message={removeFeedback.text} />
      ) : null}
      {removeFeedback?.kind === 'success' ? (
        <p className="form-feedback success" role="status" data-testid="repo-remove-feedback">
          {removeFeedback.text}
        </p>
      ) : null}
      {error ? (
        <ErrorMessage title="Could not load repositories" message={error.message} onRetry={reload} />
      ) : null}
      {!repos && loading ? <Loading label="Loading repositories…" /> : null}
      {repos && repos.length === 0 ? (
        <EmptyState title="No repositories yet">
          <p>Add one above, e.g. octocat/hello-world, and Loupe will sync its issues.</p>
        </EmptyState>
      ) : null}
      {repos && repos.length > 0 ? (
        <RepoTable repos={repos} syncing={syncing} onSync={onSync} removing={removing} onRemove={onRemove} />
      ) : null}
    </div>
  );
}
