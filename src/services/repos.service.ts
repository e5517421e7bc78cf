import { LoupeError, parseRepoFullName } from '../core/errors.ts';
import type { SqlClient } from '../store/db.ts';
import { createRepoRepository, type RepoOverview, type RepoRecord } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { analysisVersionFor, loadEffectiveTaxonomy } from './concepts.service.ts';

async function currentAnalysisVersion(db: SqlClient, workspaceId: number): Promise<string> {
  return analysisVersionFor((await loadEffectiveTaxonomy(db, workspaceId)).revision);
}

export interface ReposServiceDeps {
  db: SqlClient;
  /** Queues a durable sync job; null when one for the repository is already waiting. */
  enqueueSync: (repoId: number) => Promise<string | null>;
  githubApiUrl: string;
}

/** Adding repositories and asking for their syncs. */
export function createReposService(deps: ReposServiceDeps) {
  const repos = createRepoRepository(deps.db);
  const syncState = createSyncStateRepository(deps.db);

  async function requestSync(repo: RepoRecord): Promise<{ jobId: string | null; alreadyQueued: boolean }> {
    const jobId = await deps.enqueueSync(repo.id);
    if (jobId) await syncState.queueRun(repo.id, jobId);
    return { jobId, alreadyQueued: jobId === null };
  }

  return {
    list: async (workspaceId: number): Promise<RepoOverview[]> => repos.listOverview(await currentAnalysisVersion(deps.db, workspaceId), workspaceId),

    async get(workspaceId: number, id: number): Promise<RepoOverview> {
      const found = (await repos.listOverview(await currentAnalysisVersion(deps.db, workspaceId), workspaceId)).find((r) => r.id === id);
      if (!found) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace.`);
      return found;
    },

    /** Adds owner/name (throws ALREADY_EXISTS when present) and queues its first sync. */
    async add(workspaceId: number, fullName: string, options: { apiUrl?: string; isDemo?: boolean } = {}) {
      const { owner, name } = parseRepoFullName(fullName);
      const { repo, created } = await repos.add({ owner, name, apiUrl: options.apiUrl ?? deps.githubApiUrl, isDemo: options.isDemo ?? false, workspaceId });
      if (!created) throw new LoupeError('ALREADY_EXISTS', `${repo.fullName} is already in this workspace; POST /api/repos/${repo.id}/sync to sync it again.`, { repoId: repo.id });
      const { jobId } = await requestSync(repo);
      return { repo, jobId };
    },

    async sync(workspaceId: number, id: number) {
      const repo = await repos.findById(id, workspaceId);
      if (!repo) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace.`);
      return requestSync(repo);
    },
  };
}

export type ReposService = ReturnType<typeof createReposService>;
