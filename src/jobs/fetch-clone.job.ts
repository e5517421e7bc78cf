import { z } from 'zod';
import { fetchRepositoryClone } from '../services/clones.service.ts';
import { defineJob } from './job-definition.ts';
import { isRepoRemoved } from './repo-removed.ts';

/**
 * The `fetch-clone` job: `git fetch` in a repository's clone (`loupe repo clone`), queued after each
 * sync of a repository that has one. When the head moved, the repository's analysis is queued: it
 * judges the issues again at the new head ("already implemented?"). Stately per repository.
 */
export const fetchCloneJob = defineJob({
  name: 'fetch-clone',
  payload: z.object({ repoId: z.number().int().positive() }),
  singletonKey: ({ repoId }) => String(repoId),
  policy: 'stately',
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  expireInSeconds: 3600,
  concurrency: 1,
  async handler({ repoId }, context) {
    if (await isRepoRemoved(context.db, repoId)) return;
    const fetched = await fetchRepositoryClone(context.db, repoId);
    if (!fetched) return;
    if (fetched.changed) {
      context.log(`clone of repository ${repoId} moved to ${fetched.head.slice(0, 12)}; analysis queued`);
      await context.enqueue('analyze-repo', { repoId });
    }
  },
});
