import type { Database } from '../src/store/db.ts';
import type { RepoRecord } from '../src/store/repo.repository.ts';
import { syncContainer, type SyncProgress, type SyncResult } from '../src/jobs/sync-source.ts';
import type { GitHubOctokit } from '../src/sources/github/github-client.ts';
import { createGitHubSource } from '../src/sources/github/github.source.ts';

/** For tests and benches: one repository through the shared sync engine and the GitHub source, with one client. */
export function syncGitHubRepository(
  deps: {
    db: Database;
    client: GitHubOctokit;
    signal?: AbortSignal;
    onProgress?: (p: SyncProgress) => void;
    malformedRetryDelayMs?: number;
  },
  repo: RepoRecord,
): Promise<SyncResult> {
  const source = createGitHubSource({
    clientFor: () => deps.client,
    ...(deps.malformedRetryDelayMs !== undefined
      ? { malformedRetryDelayMs: deps.malformedRetryDelayMs }
      : {}),
  });
  return syncContainer(
    {
      db: deps.db,
      source,
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    },
    repo,
  );
}
