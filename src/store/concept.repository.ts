import type { Concept } from '../core/concepts/index.ts';
import type { SqlClient } from './db.ts';

/** The workspace's taxonomy extension as stored; revision 0 and no updatedAt when none was ever saved. */
export interface StoredConceptExtensions {
  extensions: Partial<Concept>[];
  /** Goes up by one on every save; 0 before the first. */
  revision: number;
  updatedAt: string | null;
}

interface ExtensionRow {
  extensions: Partial<Concept>[];
  revision: number;
  updated_at: string;
}

function toStored(row: ExtensionRow): StoredConceptExtensions {
  return { extensions: row.extensions, revision: row.revision, updatedAt: row.updated_at };
}

/** Issue counts per concept, and the workspace's concept taxonomy extension. */
export function createConceptRepository(db: SqlClient) {
  return {
    /** How many analysed issues of the workspace carry each concept. */
    async issueCounts(workspaceId: number): Promise<Map<string, number>> {
      const result = await db.query<{ id: string; n: number }>(
        `SELECT c AS id, count(*)::int AS n
         FROM issue_analysis a JOIN issues i ON i.id = a.issue_id JOIN repositories r ON r.id = i.repo_id, unnest(a.concept_ids) AS c
         WHERE r.workspace_id = $1 GROUP BY c`,
        [workspaceId],
      );
      return new Map(result.rows.map((r) => [r.id, r.n]));
    },

    /** The stored extension (empty, revision 0, when none was saved). */
    async extensions(workspaceId: number): Promise<StoredConceptExtensions> {
      const result = await db.query<ExtensionRow>(
        'SELECT extensions, revision, updated_at FROM concept_extensions WHERE workspace_id = $1',
        [workspaceId],
      );
      const row = result.rows[0];
      return row ? toStored(row) : { extensions: [], revision: 0, updatedAt: null };
    },

    /** Just the revision: a cheap check of whether a cached taxonomy is still current. */
    async extensionsRevision(workspaceId: number): Promise<number> {
      const result = await db.query<{ revision: number }>(
        'SELECT revision FROM concept_extensions WHERE workspace_id = $1',
        [workspaceId],
      );
      return result.rows[0]?.revision ?? 0;
    },

    /**
     * Replaces the extension as a whole and bumps the revision. The caller validates first: the
     * store keeps whatever array it is given. One statement, so concurrent saves each get their
     * own revision.
     */
    async saveExtensions(
      workspaceId: number,
      extensions: readonly Partial<Concept>[],
    ): Promise<StoredConceptExtensions> {
      const result = await db.query<ExtensionRow>(
        `INSERT INTO concept_extensions (workspace_id, extensions, revision) VALUES ($2, $1::jsonb, 1)
         ON CONFLICT (workspace_id) DO UPDATE
           SET extensions = EXCLUDED.extensions, revision = concept_extensions.revision + 1, updated_at = now()
         RETURNING extensions, revision, updated_at`,
        [JSON.stringify(extensions), workspaceId],
      );
      return toStored(result.rows[0] as ExtensionRow);
    },
  };
}
