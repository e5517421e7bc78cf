import type { Issue, IssueComment } from '../core/issue.ts';
import type { SqlClient } from './db.ts';

export interface StoredIssue extends Issue {
  id: number;
  /** The item's key as its source shows it: "#123" on GitHub (a Jira key such as "HADOOP-123" later). */
  itemKey: string;
  repoId: number;
  isDemo: boolean;
}

export interface StoredComment extends IssueComment {
  id: number;
}

/** An issue row an upsert wrote: `created` when it was not stored before. */
export interface WrittenIssue {
  number: number;
  created: boolean;
}

/** Why and when items left: the tombstone that keeps older copies of them out. */
export interface IssueRemoval {
  /** The removal's time on GitHub's clock (ISO-8601): copies updated at or before it are refused. */
  deletedAt: string;
  reason: 'deleted' | 'transferred';
}

const ISSUE_COLUMNS = `i.id, i.repo_id AS "repoId", r.source, r.owner || '/' || r.name AS repo, i.number, i.item_key AS "itemKey",
  i.external_id AS "externalId", i.url, i.title, i.body, i.state, i.state_reason AS "stateReason",
  i.is_pull_request AS "isPullRequest", i.merged_at AS "mergedAt", i.labels, i.author,
  i.author_association AS "authorAssociation", i.assignees, i.milestone, i.comments_count AS "commentsCount",
  i.reactions_count AS "reactionsCount", i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  i.closed_at AS "closedAt", r.is_demo AS "isDemo"`;

/**
 * First key of the advisory locks that order upserts and removals of one repository's rows (the
 * second key is the repository id). An upsert checks tombstones with the snapshot its statement
 * starts with: on PostgreSQL, without this lock, a poller page written while a removal is still
 * uncommitted would miss the new tombstone, wait on the row being deleted, then insert it again.
 * Upserts share the lock (pages and deliveries still write side by side); removals take it
 * exclusively, so an upsert either commits before the removal or starts after its tombstone is
 * visible. Only held inside a transaction; PGlite runs one transaction at a time anyway.
 */
const ISSUE_WRITES_LOCK = 7_314_160;

/** Issues and their comments. Writes are idempotent upserts keyed by the source's identity. */
export function createIssueRepository(db: SqlClient) {
  async function lockRepositories(repoIds: readonly number[], mode: 'shared' | 'exclusive'): Promise<void> {
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    // In id order: two transactions locking the same repositories can never wait on each other in a cycle.
    for (const id of [...new Set(repoIds)].sort((a, b) => a - b))
      await db.query(`SELECT ${fn}($1::int, $2::int)`, [ISSUE_WRITES_LOCK, id]);
  }

  const repository = {
    /**
     * Takes the removal lock of these repositories (see ISSUE_WRITES_LOCK) for the rest of the
     * transaction. A transaction that removes from one repository and writes to another (a transfer)
     * calls this first with both, so its locks are taken in id order like everyone else's.
     */
    lockForRemoval: (repoIds: readonly number[]) => lockRepositories(repoIds, 'exclusive'),

    /**
     * Stores a batch in one statement (after taking the shared lock); returns how many rows it
     * wrote. A row already stored with a newer updated_at is kept: a page fetched before a crash and
     * replayed after it can never roll an issue back. A copy no newer than the issue's tombstone is
     * skipped: a redelivered webhook or a poller page fetched before a deletion can never bring a
     * removed issue back. A newer copy (an issue transferred back) is written and its tombstone dropped.
     */
    async upsertIssues(repoId: number, issues: Issue[]): Promise<number> {
      return (await repository.writeIssues(repoId, issues)).length;
    },

    /** upsertIssues, answering which numbers were written and whether each was new (for their events). */
    async writeIssues(repoId: number, issues: Issue[]): Promise<WrittenIssue[]> {
      if (issues.length === 0) return [];
      const rows = issues.map((i) => ({
        number: i.number,
        external_id: i.externalId,
        url: i.url,
        title: i.title,
        body: i.body,
        state: i.state,
        state_reason: i.stateReason,
        is_pull_request: i.isPullRequest,
        merged_at: i.mergedAt,
        author: i.author,
        author_association: i.authorAssociation,
        assignees: i.assignees,
        milestone: i.milestone,
        label_names: i.labels.map((l) => l.name),
        labels: i.labels,
        comments_count: i.commentsCount,
        reactions_count: i.reactionsCount,
        created_at: i.createdAt,
        updated_at: i.updatedAt,
        closed_at: i.closedAt,
      }));
      await lockRepositories([repoId], 'shared');
      const result = await db.query<WrittenIssue>(
        `WITH written AS (
         INSERT INTO issues (repo_id, number, external_id, url, title, body, state, state_reason, is_pull_request,
           merged_at, author, author_association, assignees, milestone, label_names, labels, comments_count,
           reactions_count, created_at, updated_at, closed_at)
         SELECT $1, x.number, x.external_id, x.url, x.title, x.body, x.state, x.state_reason, x.is_pull_request,
           x.merged_at, x.author, x.author_association, ARRAY(SELECT jsonb_array_elements_text(x.assignees)),
           x.milestone, ARRAY(SELECT jsonb_array_elements_text(x.label_names)), x.labels, x.comments_count,
           x.reactions_count, x.created_at, x.updated_at, x.closed_at
         FROM jsonb_to_recordset($2::jsonb) AS x(number int, external_id text, url text, title text, body text,
           state text, state_reason text, is_pull_request boolean, merged_at timestamptz, author text,
           author_association text, assignees jsonb, milestone text, label_names jsonb, labels jsonb,
           comments_count int, reactions_count int, created_at timestamptz, updated_at timestamptz, closed_at timestamptz)
         WHERE NOT EXISTS (SELECT 1 FROM issue_tombstones t WHERE t.repo_id = $1 AND t.number = x.number AND t.deleted_at >= x.updated_at)
         ON CONFLICT (repo_id, number) DO UPDATE SET
           external_id = EXCLUDED.external_id, url = EXCLUDED.url, title = EXCLUDED.title, body = EXCLUDED.body,
           state = EXCLUDED.state, state_reason = EXCLUDED.state_reason, is_pull_request = EXCLUDED.is_pull_request,
           merged_at = EXCLUDED.merged_at, author = EXCLUDED.author, author_association = EXCLUDED.author_association,
           assignees = EXCLUDED.assignees, milestone = EXCLUDED.milestone, label_names = EXCLUDED.label_names,
           labels = EXCLUDED.labels, comments_count = EXCLUDED.comments_count, reactions_count = EXCLUDED.reactions_count,
           created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at,
           synced_at = now()
         WHERE issues.updated_at <= EXCLUDED.updated_at
         RETURNING number, (xmax = 0) AS created
       ), revived AS (
         DELETE FROM issue_tombstones t USING written w WHERE t.repo_id = $1 AND t.number = w.number
       )
       SELECT number, created FROM written ORDER BY number`,
        [repoId, JSON.stringify(rows)],
      );
      return result.rows;
    },

    /**
     * Removes issues by number with their comments (analyses and duplicate links go with them through
     * their foreign keys), and leaves a tombstone for each number so no copy from before the removal
     * is written again. The tombstone is dated at the latest of the removal's own time and the removed
     * rows' updated_at, so every copy already seen is covered. Returns how many issues were removed.
     */
    async deleteIssues(repoId: number, numbers: readonly number[], removal: IssueRemoval): Promise<number> {
      return (await repository.removeIssues(repoId, numbers, removal)).length;
    },

    /** deleteIssues, answering the numbers of the issues it removed. */
    async removeIssues(repoId: number, numbers: readonly number[], removal: IssueRemoval): Promise<number[]> {
      if (numbers.length === 0) return [];
      await lockRepositories([repoId], 'exclusive');
      const result = await db.query<{ number: number }>(
        `WITH gone_comments AS (
           DELETE FROM issue_comments WHERE repo_id = $1 AND issue_number = ANY($2::int[]) RETURNING issue_number, updated_at
         ), gone AS (
           DELETE FROM issues WHERE repo_id = $1 AND number = ANY($2::int[]) RETURNING number, updated_at
         ), tombstones AS (
           INSERT INTO issue_tombstones (repo_id, number, deleted_at, reason)
           SELECT $1, n.number, GREATEST($3::timestamptz,
             (SELECT max(g.updated_at) FROM gone g WHERE g.number = n.number),
             (SELECT max(c.updated_at) FROM gone_comments c WHERE c.issue_number = n.number)), $4
           FROM (SELECT DISTINCT unnest($2::int[]) AS number) n
           ON CONFLICT (repo_id, number) DO UPDATE SET
             deleted_at = GREATEST(issue_tombstones.deleted_at, EXCLUDED.deleted_at),
             reason = CASE WHEN EXCLUDED.deleted_at >= issue_tombstones.deleted_at THEN EXCLUDED.reason ELSE issue_tombstones.reason END
         )
         SELECT number FROM gone ORDER BY number`,
        [repoId, numbers, removal.deletedAt, removal.reason],
      );
      return result.rows.map((r) => r.number);
    },

    /** Removes comments by source id, leaving tombstones as deleteIssues does; returns how many were removed. */
    async deleteComments(
      repoId: number,
      externalIds: readonly string[],
      removal: Pick<IssueRemoval, 'deletedAt'>,
    ): Promise<number> {
      return (await repository.removeComments(repoId, externalIds, removal)).length;
    },

    /** deleteComments, answering the issue number of each comment it removed. */
    async removeComments(
      repoId: number,
      externalIds: readonly string[],
      removal: Pick<IssueRemoval, 'deletedAt'>,
    ): Promise<{ issueNumber: number }[]> {
      if (externalIds.length === 0) return [];
      await lockRepositories([repoId], 'exclusive');
      const result = await db.query<{ issueNumber: number }>(
        `WITH gone AS (
           DELETE FROM issue_comments WHERE repo_id = $1 AND external_id = ANY($2::text[]) RETURNING external_id, issue_number, updated_at
         ), tombstones AS (
           INSERT INTO comment_tombstones (repo_id, external_id, deleted_at)
           SELECT $1, e.external_id, GREATEST($3::timestamptz, (SELECT max(g.updated_at) FROM gone g WHERE g.external_id = e.external_id))
           FROM (SELECT DISTINCT unnest($2::text[]) AS external_id) e
           ON CONFLICT (repo_id, external_id) DO UPDATE SET deleted_at = GREATEST(comment_tombstones.deleted_at, EXCLUDED.deleted_at)
         )
         SELECT issue_number AS "issueNumber" FROM gone`,
        [repoId, externalIds, removal.deletedAt],
      );
      return result.rows;
    },

    /**
     * Comments keyed by (repo, source comment id); the newer edit wins, as for issues, and a copy no
     * newer than the comment's tombstone, or its issue's, is skipped. Returns how many rows it wrote.
     */
    async upsertComments(
      repoId: number,
      comments: (IssueComment & { issueNumber: number })[],
    ): Promise<number> {
      return (await repository.writeComments(repoId, comments)).length;
    },

    /** upsertComments, answering the issue number of each comment it wrote. */
    async writeComments(
      repoId: number,
      comments: (IssueComment & { issueNumber: number })[],
    ): Promise<{ issueNumber: number }[]> {
      if (comments.length === 0) return [];
      const rows = comments.map((c) => ({
        issue_number: c.issueNumber,
        external_id: c.externalId,
        author: c.author,
        author_association: c.authorAssociation ?? null,
        body: c.body,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
      }));
      await lockRepositories([repoId], 'shared');
      const result = await db.query<{ issueNumber: number }>(
        `WITH written AS (
         INSERT INTO issue_comments (repo_id, issue_number, external_id, author, author_association, body, created_at, updated_at)
         SELECT $1, x.issue_number, x.external_id, x.author, x.author_association, x.body, x.created_at, x.updated_at
         FROM jsonb_to_recordset($2::jsonb) AS x(issue_number int, external_id text, author text,
           author_association text, body text, created_at timestamptz, updated_at timestamptz)
         WHERE NOT EXISTS (SELECT 1 FROM comment_tombstones t WHERE t.repo_id = $1 AND t.external_id = x.external_id AND t.deleted_at >= x.updated_at)
           AND NOT EXISTS (SELECT 1 FROM issue_tombstones t WHERE t.repo_id = $1 AND t.number = x.issue_number AND t.deleted_at >= x.updated_at)
         ON CONFLICT (repo_id, external_id) DO UPDATE SET
           issue_number = EXCLUDED.issue_number, author = EXCLUDED.author, author_association = EXCLUDED.author_association,
           body = EXCLUDED.body, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
         WHERE issue_comments.updated_at <= EXCLUDED.updated_at
         RETURNING external_id, issue_number
       ), revived AS (
         DELETE FROM comment_tombstones t USING written w WHERE t.repo_id = $1 AND t.external_id = w.external_id
       )
       SELECT issue_number AS "issueNumber" FROM written`,
        [repoId, JSON.stringify(rows)],
      );
      return result.rows;
    },

    async findById(id: number): Promise<StoredIssue | null> {
      const result = await db.query<StoredIssue>(
        `SELECT ${ISSUE_COLUMNS} FROM issues i JOIN repositories r ON r.id = i.repo_id WHERE i.id = $1`,
        [id],
      );
      return result.rows[0] ?? null;
    },

    async findByNumber(repoId: number, number: number): Promise<StoredIssue | null> {
      const result = await db.query<StoredIssue>(
        `SELECT ${ISSUE_COLUMNS} FROM issues i JOIN repositories r ON r.id = i.repo_id WHERE i.repo_id = $1 AND i.number = $2`,
        [repoId, number],
      );
      return result.rows[0] ?? null;
    },

    /** The issues and pull requests of one repository with these numbers (those not stored are left out). */
    async findByNumbers(
      repoId: number,
      numbers: readonly number[],
    ): Promise<{ id: number; number: number; title: string; state: string; isPullRequest: boolean }[]> {
      if (numbers.length === 0) return [];
      const result = await db.query<{
        id: number;
        number: number;
        title: string;
        state: string;
        isPullRequest: boolean;
      }>(
        `SELECT id, number, title, state, is_pull_request AS "isPullRequest" FROM issues
         WHERE repo_id = $1 AND number = ANY($2::int[]) ORDER BY number`,
        [repoId, [...numbers]],
      );
      return result.rows;
    },

    async listComments(repoId: number, issueNumber: number): Promise<StoredComment[]> {
      const result = await db.query<StoredComment>(
        `SELECT id, external_id AS "externalId", author, author_association AS "authorAssociation", body,
           created_at AS "createdAt", updated_at AS "updatedAt"
         FROM issue_comments WHERE repo_id = $1 AND issue_number = $2 ORDER BY created_at, id`,
        [repoId, issueNumber],
      );
      return result.rows;
    },

    /**
     * Merged pull requests whose title or body contains the issue's number (a cheap superset of
     * those that reference it; the detector reads the exact references).
     */
    async listMergedPullRequestsCiting(
      repoId: number,
      issueNumber: number,
    ): Promise<{ number: number; title: string; body: string }[]> {
      const result = await db.query<{ number: number; title: string; body: string }>(
        `SELECT number, title, coalesce(body, '') AS body FROM issues
         WHERE repo_id = $1 AND is_pull_request AND merged_at IS NOT NULL AND (title || ' ' || coalesce(body, '')) LIKE '%' || $2 || '%'
         ORDER BY number`,
        [repoId, String(issueNumber)],
      );
      return result.rows;
    },

    async countByRepo(repoId: number): Promise<{ issues: number; comments: number }> {
      const result = await db.query<{ issues: number; comments: number }>(
        `SELECT (SELECT count(*) FROM issues WHERE repo_id = $1)::int AS issues,
                (SELECT count(*) FROM issue_comments WHERE repo_id = $1)::int AS comments`,
        [repoId],
      );
      return result.rows[0] ?? { issues: 0, comments: 0 };
    },
  };
  return repository;
}

export { ISSUE_COLUMNS };
export type IssueRepository = ReturnType<typeof createIssueRepository>;
