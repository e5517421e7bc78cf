import { z } from 'zod';
import { createEventRepository } from '../store/event.repository.ts';
import { defineJob } from './job-definition.ts';

/** Events are kept this long for GET /api/events and for consumers that were down (README: Events). */
export const EVENT_RETENTION_DAYS = 7;
/** ...and at most this many, whatever their age. */
export const EVENT_RETENTION_ROWS = 1_000_000;
const PRUNE_BATCH = 5000;

/**
 * The `prune-events` job: deletes events past the retention, in batches (each its own short
 * transaction, so the API is never held up behind one long delete). Queued hourly by every process
 * that runs workers; stately with one key, so however many ask, one runs.
 */
export const pruneEventsJob = defineJob({
  name: 'prune-events',
  payload: z.object({}).strict(),
  singletonKey: () => 'events',
  policy: 'stately',
  retry: { limit: 2, delaySeconds: 60, backoff: false },
  expireInSeconds: 3600,
  concurrency: 1,
  async handler(_payload, context) {
    const events = createEventRepository(context.db);
    let pruned = 0;
    for (;;) {
      if (context.signal?.aborted) break;
      const gone = await events.prune({
        maxAgeDays: EVENT_RETENTION_DAYS,
        maxRows: EVENT_RETENTION_ROWS,
        batch: PRUNE_BATCH,
      });
      pruned += gone;
      if (gone < PRUNE_BATCH) break;
    }
    if (pruned > 0)
      context.log(
        `pruned ${pruned} events past the retention (${EVENT_RETENTION_DAYS} days, ${EVENT_RETENTION_ROWS} rows)`,
      );
  },
});
