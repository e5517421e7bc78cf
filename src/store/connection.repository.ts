import type { SqlClient } from './db.ts';

export interface ConnectionRecord {
  id: number;
  workspaceId: number;
  kind: string;
  name: string;
  baseUrl: string;
  hasCredentials: boolean;
  createdAt: string;
}

const COLUMNS = `id, workspace_id AS "workspaceId", kind, name, base_url AS "baseUrl",
  credentials_encrypted IS NOT NULL AS "hasCredentials", created_at AS "createdAt"`;

/** A workspace's connections to its sources. Credentials go in and out only in their sealed form. */
export function createConnectionRepository(db: SqlClient) {
  return {
    /** Adds a connection; null when the workspace already has one of that name. */
    async add(input: {
      workspaceId: number;
      kind: string;
      name: string;
      baseUrl: string;
      sealedCredentials: string | null;
    }): Promise<ConnectionRecord | null> {
      const result = await db.query<ConnectionRecord>(
        `INSERT INTO connections (workspace_id, kind, name, base_url, credentials_encrypted) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, name) DO NOTHING RETURNING ${COLUMNS}`,
        [input.workspaceId, input.kind, input.name, input.baseUrl, input.sealedCredentials],
      );
      return result.rows[0] ?? null;
    },

    async list(workspaceId: number): Promise<ConnectionRecord[]> {
      return (
        await db.query<ConnectionRecord>(
          `SELECT ${COLUMNS} FROM connections WHERE workspace_id = $1 ORDER BY id`,
          [workspaceId],
        )
      ).rows;
    },

    async find(workspaceId: number, id: number): Promise<ConnectionRecord | null> {
      const result = await db.query<ConnectionRecord>(
        `SELECT ${COLUMNS} FROM connections WHERE workspace_id = $1 AND id = $2`,
        [workspaceId, id],
      );
      return result.rows[0] ?? null;
    },

    async findByName(workspaceId: number, name: string): Promise<ConnectionRecord | null> {
      const result = await db.query<ConnectionRecord>(
        `SELECT ${COLUMNS} FROM connections WHERE workspace_id = $1 AND name = $2`,
        [workspaceId, name],
      );
      return result.rows[0] ?? null;
    },

    /** The sealed credentials of a connection, for the process that reads its source (never for the API). */
    async sealedCredentials(
      connectionId: number,
    ): Promise<{ kind: string; baseUrl: string; sealed: string | null } | null> {
      const result = await db.query<{ kind: string; baseUrl: string; sealed: string | null }>(
        'SELECT kind, base_url AS "baseUrl", credentials_encrypted AS sealed FROM connections WHERE id = $1',
        [connectionId],
      );
      return result.rows[0] ?? null;
    },

    /** Removes a connection no container uses; 'in-use' when one does (their foreign key restricts it). */
    /** Removes a connection of the workspace, unless repositories are read through it (they are named). */
    async remove(
      workspaceId: number,
      id: number,
    ): Promise<{ outcome: 'removed' | 'not-found' } | { outcome: 'in-use'; repositories: string[] }> {
      const used = await db.query<{ fullName: string }>(
        `SELECT owner || '/' || name AS "fullName" FROM repositories
          WHERE workspace_id = $1 AND connection_id = $2 ORDER BY lower(owner), lower(name) LIMIT 6`,
        [workspaceId, id],
      );
      if (used.rows.length > 0) return { outcome: 'in-use', repositories: used.rows.map((r) => r.fullName) };
      const result = await db.query('DELETE FROM connections WHERE workspace_id = $1 AND id = $2', [
        workspaceId,
        id,
      ]);
      return { outcome: result.rowCount > 0 ? 'removed' : 'not-found' };
    },
  };
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>;
