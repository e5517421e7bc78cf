import { randomUUID } from 'node:crypto';
import { LoupeError, parseRepoFullName } from '../core/errors.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createRepoRepository, type RepoOverview, type RepoRecord } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { createConnectionRepository } from '../store/connection.repository.ts';
import { analysisVersionFor, loadEffectiveTaxonomy } from './concepts.service.ts';
import { openConnectionCredentials } from './connections.service.ts';
import type { SecretBox } from './secret-box.ts';

async function currentAnalysisVersion(db: SqlClient, workspaceId: number): Promise<string> {
  return analysisVersionFor((await loadEffectiveTaxonomy(db, workspaceId)).revision);
}

export interface ReposServiceDeps {
  db: Database;
  /** Asked whether a repository exists and is readable before it is added. */
  sources: Pick<SourceRegistry, 'get'>;
  /**
   * Queues a durable sync job; null when one for the repository is already waiting. Absent in a
   * process without a job queue (the CLI: `loupe sync` syncs in the foreground).
   */
  /** Queues the repository's sync as the job `jobId`; null when one already waits. */
  enqueueSync?: (repoId: number, jobId: string) => Promise<string | null>;
  githubApiUrl: string;
  /** Opens the credentials of a connection a repository is added through. */
  secrets?: SecretBox | null;
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
    // The run is recorded before its job exists: a worker that takes the job at once finds its run
    // queued. Recorded after, the job could start first, make a run of its own, and leave this one
    // "queued" for ever (seen once in bench:chaos as a run stuck after a clean stop).
    const jobId = randomUUID();
    const runId = await syncState.queueRun(repo.id, jobId);
    const queued = await deps.enqueueSync(repo.id, jobId).catch(async (error: unknown) => {
      await syncState.dropQueuedRun(runId);
      throw error;
    });
    if (queued === null) await syncState.dropQueuedRun(runId);
    return { jobId: queued, alreadyQueued: queued === null };
  }

  const alreadyThere = (repo: RepoRecord) =>
    new LoupeError(
      'ALREADY_EXISTS',
      `${repo.fullName} is already in this workspace; POST /api/repos/${repo.id}/sync (or \`loupe sync ${repo.fullName}\`) to sync it again.`,
      { repoId: repo.id },
    );

  return {
    list: async (workspaceId: number): Promise<RepoOverview[]> =>
      repos.listOverview(await currentAnalysisVersion(deps.db, workspaceId), workspaceId),

    /**
     * The overview of every workspace's repositories, each counted against its own workspace's
     * analysis version: for the local user, who owns every local workspace (`loupe repo list`).
     */
    async listAcrossWorkspaces(): Promise<RepoOverview[]> {
      const workspaceIds = [...new Set((await repos.list()).map((r) => r.workspaceId))];
      const overviews: RepoOverview[] = [];
      for (const id of workspaceIds)
        overviews.push(...(await repos.listOverview(await currentAnalysisVersion(deps.db, id), id)));
      return overviews;
    },

    /** The plain records (no counts) of one workspace's repositories, or of every workspace's. */
    listRecords: (workspaceId?: number): Promise<RepoRecord[]> => repos.list(workspaceId),

    /** owner/name in the first workspace that follows it, or null: for the local user (`loupe sync owner/name`). */
    async findInAnyWorkspace(fullName: string): Promise<RepoRecord | null> {
      const { owner, name } = parseRepoFullName(fullName);
      return repos.findByFullName(`${owner}/${name}`);
    },

    async get(workspaceId: number, id: number): Promise<RepoOverview> {
      const found = (
        await repos.listOverview(await currentAnalysisVersion(deps.db, workspaceId), workspaceId)
      ).find((r) => r.id === id);
      if (!found) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace.`);
      return found;
    },

    /** The repository named owner/name in the workspace, or a NOT_FOUND that says how to add it. */
    async findByFullName(workspaceId: number, fullName: string): Promise<RepoRecord> {
      const { owner, name } = parseRepoFullName(fullName);
      const found = await repos.findByFullName(`${owner}/${name}`, workspaceId);
      if (!found)
        throw new LoupeError(
          'NOT_FOUND',
          `${owner}/${name} is not in this workspace (\`loupe repo list\` shows what is).`,
        );
      return found;
    },

    /**
     * Adds owner/name to the workspace and queues its first sync. First asks the source that the
     * repository exists and is readable with the credentials it will be read with (the connection's,
     * else the process's) within seconds, and stores its description with it; when the source says
     * no, nothing is stored and the error says what to check. Throws ALREADY_EXISTS when present.
     */
    async add(
      workspaceId: number,
      fullName: string,
      options: { apiUrl?: string; isDemo?: boolean; connectionId?: number } = {},
    ) {
      const { owner, name } = parseRepoFullName(fullName);
      const existing = await repos.findByFullName(`${owner}/${name}`, workspaceId);
      if (existing) throw alreadyThere(existing);
      let apiUrl = (options.apiUrl ?? deps.githubApiUrl).replace(/\/+$/, '');
      let credentials: string | null | undefined;
      if (options.connectionId !== undefined) {
        const connection = await createConnectionRepository(deps.db).find(workspaceId, options.connectionId);
        if (!connection)
          throw new LoupeError(
            'NOT_FOUND',
            `No connection with id ${options.connectionId} in this workspace.`,
          );
        if (connection.kind !== 'github')
          throw new LoupeError(
            'INVALID_INPUT',
            `Connection ${connection.name} reads ${connection.kind}, not GitHub repositories.`,
          );
        ({ baseUrl: apiUrl, token: credentials } = await openConnectionCredentials(
          deps.db,
          deps.secrets ?? null,
          connection.id,
        ));
      }
      const ref = {
        kind: 'github' as const,
        apiUrl,
        key: `${owner}/${name}`,
        ...(credentials !== undefined ? { credentials } : {}),
      };
      const metadata = await deps.sources.get('github').describeContainer(ref);
      const { repo, created } = await repos.add({
        owner,
        name,
        apiUrl,
        isDemo: options.isDemo ?? false,
        metadata,
        workspaceId,
        connectionId: options.connectionId ?? null,
      });
      if (!created) throw alreadyThere(repo);
      const { jobId } = await requestSync(repo);
      return { repo, jobId };
    },

    async sync(workspaceId: number, id: number) {
      const repo = await repos.findById(id, workspaceId);
      if (!repo) throw new LoupeError('NOT_FOUND', `No repository with id ${id} in this workspace.`);
      return requestSync(repo);
    },

    /**
     * Removes the repository and everything stored for it, with its `container.removed` event, in one
     * transaction. Its queued or running sync and analysis jobs find it gone and end (jobs/).
     */
    async remove(workspaceId: number, id: number): Promise<RemovedRepo> {
      const removed = await deps.db.transaction(async (tx) => {
        if (!(await createRepoRepository(tx).findById(id, workspaceId))) return null;
        const gone = await createRepoRepository(tx).remove(id);
        if (!gone) return null;
        await createEventRepository(tx).append(
          [
            {
              type: 'container.removed',
              repoId: id,
              payload: {
                key: gone.repo.fullName,
                source: gone.repo.source,
                issues: gone.issues,
                comments: gone.comments,
              },
            },
          ],
          { workspaceId },
        );
        return gone;
      });
      if (!removed)
        throw new LoupeError(
          'NOT_FOUND',
          `No repository with id ${id} in this workspace (already removed?).`,
        );
      return removed;
    },
  };
}

export type ReposService = ReturnType<typeof createReposService>;
