import type { LoupeEvent } from '../core/event.ts';
import type { Database } from '../store/db.ts';
import { createRepositoryCloneRepository } from '../store/repository-clone.repository.ts';
import { refreshSearchTerms } from '../store/search.repository.ts';
import type { EventConsumer } from './event-dispatcher.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * Whether an event means a repository's stored issues changed in a way that analysis and the
 * lexicon must follow. A sync says so once, when it finishes (its item events are left to that
 * summary, so analysis sees the whole sync, as before); a webhook says so with each item event.
 */
function changeOf(event: LoupeEvent): { repoId: number; since: string } | null {
  if (event.repoId === null) return null;
  if (event.type === 'sync.finished')
    return event.payload.upToDate ? null : { repoId: event.repoId, since: event.payload.startedAt };
  if (
    (event.type === 'item.created' || event.type === 'item.changed') &&
    event.payload.origin === 'webhook'
  ) {
    return { repoId: event.repoId, since: event.createdAt };
  }
  return null;
}

const CHANGE_TYPES = ['item.created', 'item.changed', 'sync.finished'] as const;

/**
 * Queues analysis of every repository whose issues changed. Idempotent: the analyze-repo queue keeps
 * at most one waiting job per repository, and analysis only redoes issues whose analysis is stale.
 */
export function analysisEnqueueConsumer(deps: { enqueue: JobQueue['enqueue'] }): EventConsumer {
  return {
    name: 'analysis-enqueue',
    types: CHANGE_TYPES,
    from: 'earliest',
    async handle(events) {
      const repoIds = new Set(
        events
          .map(changeOf)
          .filter((c) => c !== null)
          .map((c) => c.repoId),
      );
      for (const repoId of repoIds) await deps.enqueue('analyze-repo', { repoId });
    },
  };
}

/**
 * Takes the words of new and retitled titles into the "did you mean" lexicon. Idempotent: a word's
 * count is raised to at least its count among the titles written since the earliest change. A
 * removed repository's words leave it by a rebuild from every title that remains (removals are rare).
 */
export function searchLexiconConsumer(deps: { db: Database }): EventConsumer {
  return {
    name: 'search-lexicon',
    types: [...CHANGE_TYPES, 'container.removed'],
    from: 'earliest',
    async handle(events) {
      if (events.some((e) => e.type === 'container.removed')) {
        await refreshSearchTerms(deps.db);
        return;
      }
      const since = events
        .map(changeOf)
        .filter((c) => c !== null)
        .map((c) => c.since)
        .sort()[0];
      if (since !== undefined) await refreshSearchTerms(deps.db, { changedSince: since });
    },
  };
}

/**
 * Queues a fetch of the clone of every repository that has one, after each of its syncs (up to date
 * or not: commits land whether or not issues changed). Idempotent: the queue is stately per repository.
 */
export function cloneFetchConsumer(deps: { db: Database; enqueue: JobQueue['enqueue'] }): EventConsumer {
  return {
    name: 'clone-fetch',
    types: ['sync.finished'],
    from: 'latest',
    async handle(events) {
      const clones = createRepositoryCloneRepository(deps.db);
      const repoIds = new Set(events.map((e) => e.repoId).filter((id) => id !== null));
      for (const repoId of repoIds)
        if (await clones.find(repoId)) await deps.enqueue('fetch-clone', { repoId });
    },
  };
}

/** The consumers every worker process runs today; automation, alerts and two-way sync join this list. */
export function builtInConsumers(deps: { db: Database; enqueue: JobQueue['enqueue'] }): EventConsumer[] {
  return [analysisEnqueueConsumer(deps), searchLexiconConsumer(deps), cloneFetchConsumer(deps)];
}
