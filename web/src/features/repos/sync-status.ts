import type { Repo } from '../../api-client/api-types.ts';

/** Whether any repository has a sync waiting or in progress (the page then polls every 2 s). */
export function hasActiveSync(repos: Pick<Repo, 'sync'>[]): boolean {
  return repos.some((repo) => repo.sync.status === 'queued' || repo.sync.status === 'running');
}
