import type { LlmProvider } from '../guidance/providers/llm-provider.ts';
import type { Database } from '../store/db.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import { runRepoAnalysis } from './analyze-repo.job.ts';
import type { JobQueue } from './job-queue.ts';
import { runRepoSync } from './sync-repo.job.ts';

/**
 * Starts this process's job workers: syncs, and the analysis each sync hands on to. Used by the
 * server's in-process workers and by `loupe worker` alike.
 */
export async function registerWorkers(
  deps: {
    db: Database;
    queue: JobQueue;
    sources: SourceRegistry;
    log?: (message: string) => void;
    signal?: AbortSignal;
    /** The configured LLM for a second opinion on types, or null (offline only). */
    llm?: LlmProvider | null;
    /** This process's liveness id, recorded with the sync runs it starts. */
    workerId?: string;
  },
  concurrency: { syncs: number; analyses: number },
): Promise<void> {
  await deps.queue.workSyncs(async ({ repoId }, jobId) => {
    const result = await runRepoSync(
      { db: deps.db, sources: deps.sources, ...(deps.signal ? { signal: deps.signal } : {}), ...(deps.workerId ? { workerId: deps.workerId } : {}) },
      repoId,
      jobId,
    );
    deps.log?.(`synced repository ${repoId}: ${result.issuesSynced} issues, ${result.commentsSynced} comments`);
    await deps.queue.enqueueAnalysis(repoId);
  }, concurrency.syncs);
  await deps.queue.workAnalyses(async ({ repoId }) => {
    const result = await runRepoAnalysis({ db: deps.db, llm: deps.llm ?? null, ...(deps.signal ? { signal: deps.signal } : {}) }, repoId);
    if (result.analyzed > 0) deps.log?.(`analysed ${result.analyzed} issues of repository ${repoId}`);
  }, concurrency.analyses);
}
