import type { Issue, IssueComment } from '../core/issue.ts';
import type { SqlClient } from './db.ts';

export interface StoredIssue extends Issue {
  id: number;
  repoId: number;
  isDemo: boolean;
}

export interface StoredComment extends IssueComment {
  id: number;
}

const ISSUE_COLUMNS = `i.id, i.repo_id AS "repoId", 'github' AS source, r.owner || '/' || r.name AS repo, i.number,
  i.external_id AS "externalId", i.url, i.title, i.body, i.state, i.state_reason AS "stateReason",
  i.is_pull_request AS "isPullRequest", i.merged_at AS "mergedAt", i.labels, i.author,
  i.author_association AS "authorAssociation", i.assignees, i.milestone, i.comments_count AS "commentsCount",
  i.reactions_count AS "reactionsCount", i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  i.closed_at AS "closedAt", r.is_demo AS "isDemo"`;

/** Issues and their comments. Writes are idempotent upserts keyed by the source's identity. */
export function createIssueRepository(db: SqlClient) {
  return {
    /**
     * Stores a batch in one statement. A row already stored with a newer updated_at is kept: a page
     * fetched before a crash and replayed after it can never roll an issue back.
     */
    async upsertIssues(repoId: number, issues: Issue[]): Promise<number> {
      if (issues.length === 0) return 0;
      const rows = issues.map((i) => ({
        number: i.number, external_id: i.externalId, url: i.url, title: i.title, body: i.body, state: i.state,
        state_reason: i.stateReason, is_pull_request: i.isPullRequest, merged_at: i.mergedAt, author: i.author,
        author_association: i.authorAssociation, assignees: i.assignees, milestone: i.milestone,
        label_names: i.labels.map((l) => l.name), labels: i.labels, comments_count: i.commentsCount,
        reactions_count: i.reactionsCount, created_at: i.createdAt, updated_at: i.updatedAt, closed_at: i.closedAt,
      }));
      const result = await db.query(
        `INSERT INTO issues (repo_id, number, external_id, url, title, body, state, state_reason, is_pull_request,
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
         ON CONFLICT (repo_id, number) DO UPDATE SET
           external_id = EXCLUDED.external_id, url = EXCLUDED.url, title = EXCLUDED.title, body = EXCLUDED.body,
           state = EXCLUDED.state, state_reason = EXCLUDED.state_reason, is_pull_request = EXCLUDED.is_pull_request,
           merged_at = EXCLUDED.merged_at, author = EXCLUDED.author, author_association = EXCLUDED.author_association,
           assignees = EXCLUDED.assignees, milestone = EXCLUDED.milestone, label_names = EXCLUDED.label_names,
           labels = EXCLUDED.labels, comments_count = EXCLUDED.comments_count, reactions_count = EXCLUDED.reactions_count,
           created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at,
           synced_at = now()
         WHERE issues.updated_at <= EXCLUDED.updated_at`,
        [repoId, JSON.stringify(rows)],
      );
      return result.rowCount;
    },

    /**
     * Removes issues by number with their comments (analyses and duplicate links go with them through
     * their foreign keys). Returns how many issues were removed.
     */
    async deleteIssues(repoId: number, numbers: readonly number[]): Promise<number> {
      if (numbers.length === 0) return 0;
      await db.query('DELETE FROM issue_comments WHERE repo_id = $1 AND issue_number = ANY($2::int[])', [repoId, numbers]);
      const result = await db.query<{ id: number }>('DELETE FROM issues WHERE repo_id = $1 AND number = ANY($2::int[]) RETURNING id', [repoId, numbers]);
      return result.rows.length;
    },

    /** Removes comments by source id; returns how many were removed. */
    async deleteComments(repoId: number, externalIds: readonly string[]): Promise<number> {
      if (externalIds.length === 0) return 0;
      const result = await db.query<{ id: number }>('DELETE FROM issue_comments WHERE repo_id = $1 AND external_id = ANY($2::text[]) RETURNING id', [repoId, externalIds]);
      return result.rows.length;
    },

    /** Comments keyed by (repo, source comment id); the newer edit wins, as for issues. */
    async upsertComments(repoId: number, comments: (IssueComment & { issueNumber: number })[]): Promise<number> {
      if (comments.length === 0) return 0;
      const rows = comments.map((c) => ({
        issue_number: c.issueNumber, external_id: c.externalId, author: c.author,
        author_association: c.authorAssociation ?? null, body: c.body, created_at: c.createdAt, updated_at: c.updatedAt,
      }));
      const result = await db.query(
        `INSERT INTO issue_comments (repo_id, issue_number, external_id, author, author_association, body, created_at, updated_at)
         SELECT $1, x.issue_number, x.external_id, x.author, x.author_association, x.body, x.created_at, x.updated_at
         FROM jsonb_to_recordset($2::jsonb) AS x(issue_number int, external_id text, author text,
           author_association text, body text, created_at timestamptz, updated_at timestamptz)
         ON CONFLICT (repo_id, external_id) DO UPDATE SET
           issue_number = EXCLUDED.issue_number, author = EXCLUDED.author, author_association = EXCLUDED.author_association,
           body = EXCLUDED.body, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
         WHERE issue_comments.updated_at <= EXCLUDED.updated_at`,
        [repoId, JSON.stringify(rows)],
      );
      return result.rowCount;
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
    async listMergedPullRequestsCiting(repoId: number, issueNumber: number): Promise<{ number: number; title: string; body: string }[]> {
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
}

export { ISSUE_COLUMNS };
export type IssueRepository = ReturnType<typeof createIssueRepository>;
