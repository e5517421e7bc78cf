import type { SqlClient } from './db.ts';

/** A git clone Loupe keeps for a repository ("already implemented?" reads its history). */
export interface RepositoryClone {
  repositoryId: number;
  /** Absolute path of the (bare) clone. */
  path: string;
  /** URL or local path it is cloned and fetched from. */
  sourceUrl: string;
  /** Full sha of HEAD after the last clone or fetch; null until one succeeded. */
  headCommit: string | null;
  fetchedAt: string | null;
}

const COLUMNS = `c.repository_id AS "repositoryId", c.path, c.source_url AS "sourceUrl",
  c.head_commit AS "headCommit", c.fetched_at AS "fetchedAt"`;

/**
 * Clone records. Reads scoped to a person take the workspace id (through repositories.workspace_id);
 * jobs acting on a repository id the system queued read without one.
 */
export function createRepositoryCloneRepository(db: SqlClient) {
  return {
    async find(repositoryId: number, workspaceId?: number): Promise<RepositoryClone | null> {
      const result = await db.query<RepositoryClone>(
        `SELECT ${COLUMNS} FROM repository_clones c JOIN repositories r ON r.id = c.repository_id
         WHERE c.repository_id = $1 AND ($2::bigint IS NULL OR r.workspace_id = $2)`,
        [repositoryId, workspaceId ?? null],
      );
      return result.rows[0] ?? null;
    },

    /** Records (or moves) the clone of a repository. */
    async save(input: {
      repositoryId: number;
      path: string;
      sourceUrl: string;
      headCommit: string | null;
    }): Promise<RepositoryClone> {
      const result = await db.query<RepositoryClone>(
        `INSERT INTO repository_clones AS c (repository_id, path, source_url, head_commit, fetched_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (repository_id) DO UPDATE SET path = EXCLUDED.path, source_url = EXCLUDED.source_url,
           head_commit = EXCLUDED.head_commit, fetched_at = EXCLUDED.fetched_at
         RETURNING ${COLUMNS}`,
        [input.repositoryId, input.path, input.sourceUrl, input.headCommit],
      );
      return result.rows[0]!;
    },

    /** After a fetch: the new head and when. */
    async recordFetch(repositoryId: number, headCommit: string): Promise<void> {
      await db.query(
        'UPDATE repository_clones SET head_commit = $2, fetched_at = now() WHERE repository_id = $1',
        [repositoryId, headCommit],
      );
    },
  };
}
