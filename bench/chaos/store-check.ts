// Compares what Loupe stored with the emulator's true state (GET /_emulator/state).
import type { SqlClient } from '../../src/store/db.ts';

export interface TruthRepo {
  fullName: string;
  issues: { number: number; title: string; state: string; updatedAt: string }[];
  comments: { id: number; issueNumber: number; updatedAt: string }[];
}

export interface StoreCheck {
  issuesLost: number;
  issuesDuplicated: number;
  issuesStale: number;
  commentsLost: number;
  commentsDuplicated: number;
  commentsStale: number;
  /** Sync runs left queued or running, and queue jobs not finished, after recovery. */
  runsStuck: number;
  jobsStuck: number;
}

const ms = (iso: string) => new Date(iso).getTime();

/** Lost: in the truth, not stored. Stale: stored older than the truth. Duplicated: stored twice. */
export async function checkStore(
  db: SqlClient,
  truth: TruthRepo,
  options: { jobStates: readonly string[] },
): Promise<StoreCheck> {
  const [owner, name] = truth.fullName.split('/') as [string, string];
  const repo = await db.query<{ id: number }>('SELECT id FROM repositories WHERE owner = $1 AND name = $2', [
    owner,
    name,
  ]);
  const repoId = repo.rows[0]?.id ?? -1;
  const issues = await db.query<{ number: number; title: string; state: string; updated_at: string }>(
    'SELECT number, title, state, updated_at FROM issues WHERE repo_id = $1',
    [repoId],
  );
  const comments = await db.query<{ external_id: string; updated_at: string }>(
    'SELECT external_id, updated_at FROM issue_comments WHERE repo_id = $1',
    [repoId],
  );
  const storedIssues = new Map<number, { title: string; state: string; updated_at: string }[]>();
  for (const row of issues.rows) storedIssues.set(row.number, [...(storedIssues.get(row.number) ?? []), row]);
  const storedComments = new Map<string, string[]>();
  for (const row of comments.rows)
    storedComments.set(row.external_id, [...(storedComments.get(row.external_id) ?? []), row.updated_at]);

  const check: StoreCheck = {
    issuesLost: 0,
    issuesDuplicated: 0,
    issuesStale: 0,
    commentsLost: 0,
    commentsDuplicated: 0,
    commentsStale: 0,
    runsStuck: 0,
    jobsStuck: 0,
  };
  for (const issue of truth.issues) {
    const rows = storedIssues.get(issue.number) ?? [];
    if (rows.length === 0) check.issuesLost++;
    if (rows.length > 1) check.issuesDuplicated += rows.length - 1;
    if (
      rows.some(
        (r) => ms(r.updated_at) < ms(issue.updatedAt) || r.title !== issue.title || r.state !== issue.state,
      )
    )
      check.issuesStale++;
  }
  for (const comment of truth.comments) {
    const rows = storedComments.get(String(comment.id)) ?? [];
    if (rows.length === 0) check.commentsLost++;
    if (rows.length > 1) check.commentsDuplicated += rows.length - 1;
    if (rows.some((at) => ms(at) < ms(comment.updatedAt))) check.commentsStale++;
  }
  const runs = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_runs WHERE repo_id = $1 AND status IN ('queued', 'running')`,
    [repoId],
  );
  check.runsStuck = runs.rows[0]!.n;
  // A store only ever used by `loupe sync` has no queue yet.
  const hasQueue =
    (await db.query<{ t: string | null }>(`SELECT to_regclass('pgboss.job')::text AS t`)).rows[0]!.t !== null;
  if (!hasQueue) return check;
  const jobs = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name IN ('sync-repo', 'analyze-repo') AND state::text = ANY($1::text[])`,
    [options.jobStates],
  );
  check.jobsStuck = jobs.rows[0]!.n;
  return check;
}

export function isClean(check: StoreCheck): boolean {
  return Object.values(check).every((n) => n === 0);
}
