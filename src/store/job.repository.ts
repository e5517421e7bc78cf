import type { SqlClient } from './db.ts';

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobRecord {
  id: string;
  queue: string;
  state: JobState;
  payload: unknown;
  /** Runs so far beyond the first (pg-boss's retry_count). */
  retryCount: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** What the handler threw (failed) or returned (completed), as pg-boss stored it. */
  output: unknown;
  archived: boolean;
}

const JOB_COLUMNS = `id::text AS id, name AS queue, state::text AS state, data AS payload, retry_count AS "retryCount",
  retry_limit AS "retryLimit", created_on AS "createdAt", started_on AS "startedAt", completed_on AS "completedAt", output`;

/** Jobs whose payload names a repository of the workspace in parameter `p` (NULL: every job). */
const IN_WORKSPACE = (p: string) =>
  `(${p}::bigint IS NULL OR (data ? 'repoId' AND (data->>'repoId') ~ '^[0-9]{1,15}$' AND (data->>'repoId')::bigint IN (SELECT id FROM repositories WHERE workspace_id = ${p}::bigint)))`;

/**
 * pg-boss's jobs as Loupe shows them (GET /api/jobs). Reads pg-boss's own tables in schema `pgboss`
 * (jobs/job-queue.ts): `job` holds current jobs and those finished in the last 12 hours, `archive`
 * the older ones until pg-boss deletes them (7 days). Writing to them is left to pg-boss.
 */
export function createJobRepository(db: SqlClient) {
  return {
    /**
     * The newest `limit` jobs of each queue (newest first), optionally in one state only. With a
     * workspace, only jobs about its repositories (their payload's repoId).
     */
    async recent(query: {
      queues: readonly string[];
      limit: number;
      state?: JobState;
      workspaceId?: number;
    }): Promise<JobRecord[]> {
      const result = await db.query<JobRecord>(
        `SELECT r.* FROM unnest($1::text[]) AS q(name)
         CROSS JOIN LATERAL (
           SELECT * FROM (
             SELECT ${JOB_COLUMNS}, false AS archived FROM pgboss.job WHERE name = q.name AND ($3::text IS NULL OR state::text = $3) AND ${IN_WORKSPACE('$4')}
             UNION ALL
             SELECT ${JOB_COLUMNS}, true AS archived FROM pgboss.archive WHERE name = q.name AND ($3::text IS NULL OR state::text = $3) AND ${IN_WORKSPACE('$4')}
           ) j ORDER BY "createdAt" DESC, id LIMIT $2
         ) r
         ORDER BY r.queue, r."createdAt" DESC, r.id`,
        [[...query.queues], query.limit, query.state ?? null, query.workspaceId ?? null],
      );
      return result.rows;
    },

    /** How many current (not archived) jobs each queue has in each state. */
    async countsByState(
      queues: readonly string[],
      workspaceId?: number,
    ): Promise<{ queue: string; state: JobState; count: number }[]> {
      const result = await db.query<{ queue: string; state: JobState; count: number }>(
        `SELECT name AS queue, state::text AS state, count(*)::int AS count FROM pgboss.job
         WHERE name = ANY($1::text[]) AND ${IN_WORKSPACE('$2')} GROUP BY name, state ORDER BY name, state`,
        [[...queues], workspaceId ?? null],
      );
      return result.rows;
    },

    /** Whether a job is about a repository of the workspace. */
    async belongsTo(queue: string, jobId: string, workspaceId: number): Promise<boolean> {
      const result = await db.query(
        `SELECT 1 FROM pgboss.job WHERE name = $1 AND id::text = $2 AND ${IN_WORKSPACE('$3')}
         UNION ALL SELECT 1 FROM pgboss.archive WHERE name = $1 AND id::text = $2 AND ${IN_WORKSPACE('$3')}`,
        [queue, jobId, workspaceId],
      );
      return result.rows.length > 0;
    },
  };
}

export type JobRepository = ReturnType<typeof createJobRepository>;
