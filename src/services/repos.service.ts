import { LoupeError, parseRepoFullName } from '../core/errors.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createRepoRepository, type RepoOverview, type RepoRecord } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { analysisVersionFor, loadEffectiveTaxonomy } from './concepts.service.ts';

async function currentAnalysisVersion(db: SqlClient): Promise<string> {
  return analysisVersionFor((await loadEffectiveTaxonomy(db)).revision);
}

export interface ReposServiceDeps {
  db: Database;
  /** Asked whether a repository exists and is readable before it is added. */
  sources: Pick<SourceRegistry, 'get'>;
  /**
   * Queues a durable sync job; null when one for the repository is already waiting. Absent in a
   * process without a job queue (the CLI: `loupe sync` syncs in the foreground).
   */
  enqueueSync?: (repoId: number) => Promise<string | null>;
  githubApiUrl: string;
}

/** What a removal took with it. */
export interface RemovedRepo {
  repo: RepoRecord;
  issues: number;
  comments: number;
}

/** Adding, removing repositories and asking for their syncs. */
export function createReposService(deps: ReposServiceDeps) {
  const repos = createRepoRepository(deps.db);
  const syncState = createSyncStateRepository(deps.db);

  async function requestSync(repo: RepoRecord): Promise<{ jobId: string | null; alreadyQueued: boolean }> {
    if (!deps.enqueueSync) return { jobId: null, alreadyQueued: false };
    const jobId = await deps.enqueueSync(repo.id);
    if (jobId) await syncState.queueRun(repo.id, jobId);
    return { jobId, alreadyQueued: jobId === null };
  }

  const alreadyThere = (repo: RepoRecord) =>
    new LoupeError('ALREADY_EXISTS', `${repo.fullName} is already in this workspace; POST /api/repos/${repo.id}/sync (or \`loupe sync ${repo.fullName}\`) to sync it again.`, { repoId: repo.id });

  return {
    list: async (): Promise<RepoOverview[]> => repos.listOverview(await currentAnalysisVersion(deps.db)),

    async get(id: number): Promise<RepoOverview> {
      const found = (await repos.listOverview(await currentAnalysisVersion(deps.db))).find((r) => r.id === id);
      if (!found) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace.`);
      return found;
    },

    /** The repository named owner/name, or a NOT_FOUND that says how to add it. */
    async findByFullName(fullName: string): Promise<RepoRecord> {
      const { owner, name } = parseRepoFullName(fullName);
      const found = await repos.findByFullName(`${owner}/${name}`);
      if (!found) throw new LoupeError('NOT_FOUND', `${owner}/${name} is not in this workspace (\`loupe repo list\` shows what is).`);
      return found;
    },

    /**
     * Adds owner/name and queues its first sync. First asks the source that the repository exists
     * and is readable with the configured credentials (within seconds), and stores its description
     * with it; when the source says no, nothing is stored and the error says what to check.
     * Throws ALREADY_EXISTS when present.
     */
    async add(fullName: string, options: { apiUrl?: string; isDemo?: boolean } = {}) {
      const { owner, name } = parseRepoFullName(fullName);
      const existing = await repos.findByFullName(`${owner}/${name}`);
      if (existing) throw alreadyThere(existing);
      const apiUrl = (options.apiUrl ?? deps.githubApiUrl).replace(/\/+$/, '');
      const metadata = await deps.sources.get('github').describeContainer({ kind: 'github', apiUrl, key: `${owner}/${name}` });
      const { repo, created } = await repos.add({ owner, name, apiUrl, isDemo: options.isDemo ?? false, metadata });
      if (!created) throw alreadyThere(repo);
      const { jobId } = await requestSync(repo);
      return { repo, jobId };
    },

    async sync(id: number) {
      const repo = await repos.findById(id);
      if (!repo) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace.`);
      return requestSync(repo);
    },

    /**
     * Removes the repository and everything stored for it, with its `container.removed` event, in one
     * transaction. Its queued or running sync and analysis jobs find it gone and end (jobs/).
     */
    async remove(id: number): Promise<RemovedRepo> {
      const removed = await deps.db.transaction(async (tx) => {
        const gone = await createRepoRepository(tx).remove(id);
        if (!gone) return null;
        await createEventRepository(tx).append([
          { type: 'container.removed', repoId: id, payload: { key: gone.repo.fullName, source: gone.repo.source, issues: gone.issues, comments: gone.comments } },
        ]);
        return gone;
      });
      if (!removed) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace (already removed?).`);
      return removed;
    },
  };
}

export type ReposService = ReturnType<typeof createReposService>;
