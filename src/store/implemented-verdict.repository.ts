import type { Evidence, DetectStatus } from '../core/detect/detect.types.ts';
import type { SqlClient } from './db.ts';

/** The "already implemented?" verdict stored for one issue. */
export interface ImplementedVerdict {
  issueId: number;
  /** Full sha of the commit the issue was judged at. */
  commit: string;
  confidence: number;
  threshold: number;
  status: DetectStatus;
  /** Strongest first. */
  evidence: Evidence[];
  detectedAt: string;
}

/** An issue that needs a (new) verdict: no verdict yet, a verdict at another commit, or it changed since. */
export interface IssueToJudge {
  id: number;
  number: number;
  repo: string;
  title: string;
  body: string;
  labels: { name: string }[];
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `v.issue_id AS "issueId", v.commit, v.confidence, v.threshold, v.status, v.evidence,
  v.detected_at AS "detectedAt"`;

export function createImplementedVerdictRepository(db: SqlClient) {
  return {
    /** Issues (not pull requests) of the repository whose verdict is missing or stale at `commit`. */
    async issuesToJudge(repositoryId: number, commit: string, limit: number): Promise<IssueToJudge[]> {
      const result = await db.query<IssueToJudge>(
        `SELECT i.id, i.number, r.owner || '/' || r.name AS repo, i.title, coalesce(i.body, '') AS body, i.labels,
           i.created_at AS "createdAt", i.updated_at::text AS "updatedAt"
         FROM issues i JOIN repositories r ON r.id = i.repo_id
         LEFT JOIN issue_implemented v ON v.issue_id = i.id
         WHERE i.repo_id = $1 AND NOT i.is_pull_request
           AND (v.issue_id IS NULL OR v.commit <> $2 OR v.issue_updated_at < i.updated_at)
         ORDER BY i.created_at, i.id LIMIT $3`,
        [repositoryId, commit, limit],
      );
      // updatedAt stays PostgreSQL's own text: stored back as is, it compares equal to the issue's.
      return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
    },

    /** The earliest creation time among the issues `issuesToJudge` would return (bounds the history read). */
    async earliestToJudge(repositoryId: number, commit: string): Promise<string | null> {
      const result = await db.query<{ earliest: string | Date | null }>(
        `SELECT min(i.created_at) AS earliest FROM issues i LEFT JOIN issue_implemented v ON v.issue_id = i.id
         WHERE i.repo_id = $1 AND NOT i.is_pull_request
           AND (v.issue_id IS NULL OR v.commit <> $2 OR v.issue_updated_at < i.updated_at)`,
        [repositoryId, commit],
      );
      const earliest = result.rows[0]?.earliest ?? null;
      return earliest === null ? null : new Date(earliest).toISOString();
    },

    async save(
      repositoryId: number,
      verdicts: readonly (Omit<ImplementedVerdict, 'detectedAt'> & { issueUpdatedAt: string })[],
    ): Promise<void> {
      for (const v of verdicts)
        await db.query(
          `INSERT INTO issue_implemented (issue_id, repository_id, commit, issue_updated_at, confidence, threshold, status, evidence)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (issue_id) DO UPDATE SET commit = EXCLUDED.commit, issue_updated_at = EXCLUDED.issue_updated_at,
             confidence = EXCLUDED.confidence, threshold = EXCLUDED.threshold, status = EXCLUDED.status,
             evidence = EXCLUDED.evidence, detected_at = now()`,
          [
            v.issueId,
            repositoryId,
            v.commit,
            v.issueUpdatedAt,
            v.confidence,
            v.threshold,
            v.status,
            JSON.stringify(v.evidence),
          ],
        );
    },

    async find(issueId: number): Promise<ImplementedVerdict | null> {
      const result = await db.query<ImplementedVerdict>(
        `SELECT ${COLUMNS} FROM issue_implemented v WHERE v.issue_id = $1`,
        [issueId],
      );
      const row = result.rows[0];
      return row ? { ...row, detectedAt: new Date(row.detectedAt).toISOString() } : null;
    },
  };
}
