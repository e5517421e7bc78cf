import type { SqlClient } from './db.ts';

export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface WorkspaceRecord {
  id: number;
  slug: string;
  name: string;
  isDemo: boolean;
  createdAt: string;
}

export interface UserRecord {
  id: number;
  login: string;
  githubId: number | null;
  name: string | null;
  avatarUrl: string | null;
}

export interface Membership extends WorkspaceRecord {
  role: Role;
}

export interface MemberRecord extends UserRecord {
  role: Role;
  addedAt: string;
}

export interface ApiTokenRecord {
  id: number;
  workspaceId: number;
  userId: number;
  name: string;
  tokenPrefix: string;
  scopes: TokenScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The local single-user mode's user, and the workspaces migration 0013 made (existing data; the demo). */
export const LOCAL_USER_ID = 1;
export const DEFAULT_WORKSPACE_ID = 1;
export const DEMO_WORKSPACE_ID = 2;

const WORKSPACE_COLUMNS = `w.id, w.slug, w.name, w.is_demo AS "isDemo", w.created_at AS "createdAt"`;
const USER_COLUMNS = `u.id, u.login, u.github_id AS "githubId", u.name, u.avatar_url AS "avatarUrl"`;
const TOKEN_COLUMNS = `id, workspace_id AS "workspaceId", user_id AS "userId", name, token_prefix AS "tokenPrefix", scopes,
  created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Workspaces, people, their roles, sessions and API tokens. Secrets arrive here already hashed. */
export function createAccessRepository(db: SqlClient) {
  return {
    async findWorkspaceBySlug(slug: string): Promise<WorkspaceRecord | null> {
      const result = await db.query<WorkspaceRecord>(
        `SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.slug = $1`,
        [slug],
      );
      return result.rows[0] ?? null;
    },

    async findWorkspaceById(id: number): Promise<WorkspaceRecord | null> {
      const result = await db.query<WorkspaceRecord>(
        `SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.id = $1`,
        [id],
      );
      return result.rows[0] ?? null;
    },

    /** Creates a workspace with its first owner, in one statement. */
    async createWorkspace(input: {
      slug: string;
      name: string;
      ownerId: number;
    }): Promise<WorkspaceRecord | null> {
      const result = await db.query<WorkspaceRecord>(
        `WITH w AS (INSERT INTO workspaces (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING *),
              m AS (INSERT INTO workspace_members (workspace_id, user_id, role) SELECT id, $3, 'owner' FROM w)
         SELECT ${WORKSPACE_COLUMNS} FROM w`,
        [input.slug, input.name, input.ownerId],
      );
      return result.rows[0] ?? null;
    },

    /** The workspaces a person belongs to, with their role in each. */
    async membershipsOf(userId: number): Promise<Membership[]> {
      const result = await db.query<Membership>(
        `SELECT ${WORKSPACE_COLUMNS}, m.role FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = $1 ORDER BY w.is_demo, w.id`,
        [userId],
      );
      return result.rows;
    },

    async roleOf(workspaceId: number, userId: number): Promise<Role | null> {
      const result = await db.query<{ role: Role }>(
        'SELECT role FROM workspace_members WHERE workspace_id = $1 AND user_id = $2',
        [workspaceId, userId],
      );
      return result.rows[0]?.role ?? null;
    },

    async members(workspaceId: number): Promise<MemberRecord[]> {
      const result = await db.query<MemberRecord>(
        `SELECT ${USER_COLUMNS}, m.role, m.added_at AS "addedAt" FROM workspace_members m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1 ORDER BY lower(u.login)`,
        [workspaceId],
      );
      return result.rows;
    },

    /** Adds a member or changes their role. */
    async setMember(workspaceId: number, userId: number, role: Role): Promise<void> {
      await db.query(
        `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [workspaceId, userId, role],
      );
    },

    async removeMember(workspaceId: number, userId: number): Promise<boolean> {
      return (
        (
          await db.query('DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2', [
            workspaceId,
            userId,
          ])
        ).rowCount > 0
      );
    },

    async countOwners(workspaceId: number): Promise<number> {
      const result = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM workspace_members WHERE workspace_id = $1 AND role = 'owner'`,
        [workspaceId],
      );
      return result.rows[0]?.n ?? 0;
    },

    async findUserById(id: number): Promise<UserRecord | null> {
      const result = await db.query<UserRecord>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
      return result.rows[0] ?? null;
    },

    async findUserByLogin(login: string): Promise<UserRecord | null> {
      const result = await db.query<UserRecord>(
        `SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.login) = lower($1)`,
        [login],
      );
      return result.rows[0] ?? null;
    },

    /**
     * The user signed in with this GitHub account, created on first sign-in or updated (a login can be
     * renamed on GitHub; the numeric id stays). A new user whose login is taken by a user never signed
     * in with GitHub (invited by name) takes over that row.
     */
    async upsertGitHubUser(input: {
      githubId: number;
      login: string;
      name: string | null;
      avatarUrl: string | null;
    }): Promise<UserRecord> {
      const result = await db.query<UserRecord>(
        `INSERT INTO users AS u (login, github_id, name, avatar_url, last_seen_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (lower(login)) DO UPDATE SET github_id = EXCLUDED.github_id, name = EXCLUDED.name,
           avatar_url = EXCLUDED.avatar_url, last_seen_at = now()
         WHERE u.github_id IS NULL OR u.github_id = EXCLUDED.github_id
         RETURNING ${USER_COLUMNS}`,
        [input.login, input.githubId, input.name, input.avatarUrl],
      );
      if (result.rows[0]) return result.rows[0];
      // The login belongs to another GitHub account (renamed accounts): the old row gives the login up.
      await db.query(`UPDATE users SET login = login || '~' || id WHERE lower(login) = lower($1)`, [
        input.login,
      ]);
      return this.upsertGitHubUser(input);
    },

    /** A user known only by login (invited before first sign-in). */
    async ensureUser(login: string): Promise<UserRecord> {
      await db.query('INSERT INTO users (login) VALUES ($1) ON CONFLICT (lower(login)) DO NOTHING', [login]);
      return (await this.findUserByLogin(login)) as UserRecord;
    },

    async createSession(input: { tokenHash: string; userId: number; expiresAt: Date }): Promise<void> {
      await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
        input.tokenHash,
        input.userId,
        input.expiresAt.toISOString(),
      ]);
      // Expired sessions are dropped as new ones are made: no scheduled job needed.
      await db.query(
        'DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions WHERE expires_at < now() LIMIT 100)',
      );
    },

    async findSessionUser(tokenHash: string): Promise<UserRecord | null> {
      const result = await db.query<UserRecord>(
        `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
      );
      return result.rows[0] ?? null;
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },

    async createToken(input: {
      workspaceId: number;
      userId: number;
      name: string;
      tokenHash: string;
      tokenPrefix: string;
      scopes: TokenScope[];
    }): Promise<ApiTokenRecord> {
      const result = await db.query<ApiTokenRecord>(
        `INSERT INTO api_tokens (workspace_id, user_id, name, token_hash, token_prefix, scopes) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${TOKEN_COLUMNS}`,
        [input.workspaceId, input.userId, input.name, input.tokenHash, input.tokenPrefix, input.scopes],
      );
      return result.rows[0] as ApiTokenRecord;
    },

    /** An unrevoked token by its hash; notes its use (at most once a minute, to spare writes). */
    async useToken(tokenHash: string): Promise<ApiTokenRecord | null> {
      const result = await db.query<ApiTokenRecord>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
        [tokenHash],
      );
      const token = result.rows[0] ?? null;
      if (token && (!token.lastUsedAt || Date.now() - Date.parse(token.lastUsedAt) > 60_000)) {
        await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [token.id]);
      }
      return token;
    },

    async listTokens(workspaceId: number): Promise<ApiTokenRecord[]> {
      return (
        await db.query<ApiTokenRecord>(
          `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE workspace_id = $1 ORDER BY id`,
          [workspaceId],
        )
      ).rows;
    },

    async findToken(workspaceId: number, id: number): Promise<ApiTokenRecord | null> {
      const result = await db.query<ApiTokenRecord>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE workspace_id = $1 AND id = $2`,
        [workspaceId, id],
      );
      return result.rows[0] ?? null;
    },

    async revokeToken(workspaceId: number, id: number): Promise<boolean> {
      const result = await db.query(
        'UPDATE api_tokens SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL',
        [workspaceId, id],
      );
      return result.rowCount > 0;
    },
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
