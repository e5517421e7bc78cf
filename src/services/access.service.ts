import { createHash, randomBytes } from 'node:crypto';
import { LoupeError } from '../core/errors.ts';
import {
  createAccessRepository,
  LOCAL_USER_ID,
  ROLES,
  type ApiTokenRecord,
  type Membership,
  type Role,
  type TokenScope,
  type UserRecord,
  type WorkspaceRecord,
} from '../store/access.repository.ts';
import type { SqlClient } from '../store/db.ts';

/** What a request may touch: one workspace, as one person, with a role there and the scopes of how they came in. */
export interface Principal {
  user: UserRecord;
  workspace: WorkspaceRecord;
  role: Role;
  scopes: readonly TokenScope[];
  via: 'local' | 'session' | 'token';
  tokenId: number | null;
}

/** What a route needs: nothing, a signed-in person, or read / write / admin rights in the workspace. */
export type Access = 'public' | 'signed-in' | 'read' | 'write' | 'admin';

const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const ALL_SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];

/**
 * Whether a principal may do what a route needs: the role must allow it, and so must the token's
 * scopes. `writes`: the request changes something (a person's own writes, such as making a
 * workspace, still need a token that may write).
 */
export function allows(
  principal: Pick<Principal, 'role' | 'scopes'> & Partial<Pick<Principal, 'via'>>,
  access: Access,
  writes = false,
): boolean {
  if (access === 'public') return true;
  if (access === 'signed-in')
    return !(writes && principal.via === 'token') || principal.scopes.some((s) => s !== 'read');
  const rank = ROLE_RANK[principal.role];
  if (access === 'read') return principal.scopes.length > 0;
  if (access === 'write')
    return (
      rank >= ROLE_RANK.member && (principal.scopes.includes('write') || principal.scopes.includes('admin'))
    );
  return rank >= ROLE_RANK.admin && principal.scopes.includes('admin');
}

/** Scopes a role may hand to a token it makes. */
export function scopesAllowedFor(role: Role): TokenScope[] {
  if (ROLE_RANK[role] >= ROLE_RANK.admin) return ['read', 'write', 'admin'];
  return ROLE_RANK[role] >= ROLE_RANK.member ? ['read', 'write'] : ['read'];
}

/** Who GitHub says signed in. */
export interface GitHubProfile {
  githubId: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
}

export const SESSION_COOKIE = 'loupe_session';
export const TOKEN_PREFIX = 'loupe_';
const SESSION_DAYS = 14;

/**
 * How long the local user's record and workspaces are reused between requests. Every local request
 * needs them; on PGlite each query waits behind whatever a job is writing. Workspaces are never
 * deleted or renamed, one unknown to the cache is looked up again, and one made here clears it,
 * so the only staleness is another process's role change, for at most this long.
 */
const LOCAL_PRINCIPAL_CACHE_MS = 30_000;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Workspaces, members, sessions and API tokens: who may do what, where. */
export function createAccessService(deps: { db: SqlClient }) {
  const access = createAccessRepository(deps.db);

  let local: { user: UserRecord; memberships: Membership[]; readAt: number } | null = null;
  async function localUser(fresh: boolean): Promise<NonNullable<typeof local>> {
    if (!fresh && local && Date.now() - local.readAt < LOCAL_PRINCIPAL_CACHE_MS) return local;
    const [user, memberships] = await Promise.all([
      access.findUserById(LOCAL_USER_ID),
      access.membershipsOf(LOCAL_USER_ID),
    ]);
    local = { user: user as UserRecord, memberships, readAt: Date.now() };
    return local;
  }

  async function membership(
    userId: number,
    slug: string | null,
    fallbackSlug: string | null,
    known?: Membership[],
  ): Promise<Membership> {
    const memberships = known ?? (await access.membershipsOf(userId));
    if (slug) {
      const found = memberships.find((m) => m.slug === slug);
      // The same answer whether the workspace does not exist or is someone else's: nothing leaks.
      if (!found) throw new LoupeError('NOT_FOUND', `No workspace "${slug}" among yours.`);
      return found;
    }
    const preferred = (fallbackSlug && memberships.find((m) => m.slug === fallbackSlug)) || memberships[0];
    if (!preferred)
      throw new LoupeError(
        'FORBIDDEN',
        'You are not a member of any workspace yet: create one (POST /api/workspaces) or ask an owner to add you.',
      );
    return preferred;
  }

  async function ensureGitHubUser(profile: GitHubProfile): Promise<UserRecord> {
    const user = await access.upsertGitHubUser(profile);
    if ((await access.membershipsOf(user.id)).length === 0) {
      const base =
        profile.login
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '-')
          .replace(/^-+/, '')
          .slice(0, 50) || 'workspace';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
        if (await access.createWorkspace({ slug, name: `${profile.login}'s workspace`, ownerId: user.id }))
          break;
      }
    }
    return user;
  }

  const service = {
    ROLES,

    /** The local single-user mode: the local user, owner of every workspace this installation has. */
    async localPrincipal(slug: string | null, fallbackSlug: string | null): Promise<Principal> {
      let cached = await localUser(false);
      // A workspace made since (by another process) is not in the cache yet: the one asked for, or the
      // fallback, is looked up again when it is missing.
      const wanted = slug ?? fallbackSlug;
      if (wanted && !cached.memberships.some((m) => m.slug === wanted)) cached = await localUser(true);
      const { user } = cached;
      const { role, ...workspace } = await membership(
        LOCAL_USER_ID,
        slug,
        fallbackSlug,
        cached.memberships,
      ).catch((error: unknown) => {
        if (error instanceof LoupeError && error.code === 'NOT_FOUND')
          throw new LoupeError(
            'NOT_FOUND',
            `No workspace "${slug}" (the local ones are "default", "demo" once the demo ran, and those you created).`,
          );
        throw error;
      });
      return { user, workspace, role, scopes: ALL_SCOPES, via: 'local', tokenId: null };
    },

    /** A browser session's user in the workspace it asks for (or its first). */
    async sessionUser(rawSession: string): Promise<UserRecord | null> {
      return access.findSessionUser(hashSecret(rawSession));
    },

    async sessionPrincipal(user: UserRecord, slug: string | null): Promise<Principal> {
      const { role, ...workspace } = await membership(user.id, slug, null);
      return { user, workspace, role, scopes: ALL_SCOPES, via: 'session', tokenId: null };
    },

    /** An API token's principal: its workspace, its owner's current role, its scopes. */
    async tokenPrincipal(rawToken: string, slug: string | null): Promise<Principal | null> {
      const token = await access.useToken(hashSecret(rawToken));
      if (!token) return null;
      const [user, workspace, role] = await Promise.all([
        access.findUserById(token.userId),
        access.findWorkspaceById(token.workspaceId),
        access.roleOf(token.workspaceId, token.userId),
      ]);
      // A token outlives nothing: its owner left the workspace, so it opens nothing.
      if (!user || !workspace || !role) return null;
      if (slug && slug !== workspace.slug)
        throw new LoupeError(
          'FORBIDDEN',
          `This token belongs to workspace "${workspace.slug}", not "${slug}".`,
        );
      return { user, workspace, role, scopes: token.scopes, via: 'token', tokenId: token.id };
    },

    async memberships(userId: number): Promise<Membership[]> {
      return access.membershipsOf(userId);
    },

    /**
     * Signs a GitHub user in: creates or updates them; on their first sign-in with no membership they
     * get a workspace of their own. Answers the raw session token for the cookie (stored hashed).
     */
    async signInWithGitHub(
      profile: GitHubProfile,
    ): Promise<{ user: UserRecord; session: string; expiresAt: Date }> {
      const user = await ensureGitHubUser(profile);
      const session = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
      await access.createSession({ tokenHash: hashSecret(session), userId: user.id, expiresAt });
      return { user, session, expiresAt };
    },

    /**
     * `loupe login`: the same sign-in, answered with an API token for one workspace (the named one, or
     * their first) carrying every scope their role allows there, instead of a browser session.
     */
    async signInWithGitHubForCli(
      profile: GitHubProfile,
      input: { workspaceSlug: string | null; tokenName: string },
    ): Promise<{ token: string; record: ApiTokenRecord; principal: Principal }> {
      const user = await ensureGitHubUser(profile);
      const { role, ...workspace } = await membership(user.id, input.workspaceSlug, null);
      const principal: Principal = {
        user,
        workspace,
        role,
        scopes: ALL_SCOPES,
        via: 'session',
        tokenId: null,
      };
      const made = await service.createToken(principal, {
        name: input.tokenName,
        scopes: scopesAllowedFor(role),
      });
      return { ...made, principal };
    },

    async signOut(rawSession: string): Promise<void> {
      await access.deleteSession(hashSecret(rawSession));
    },

    async createWorkspace(
      principalUser: UserRecord,
      input: { slug: string; name: string },
    ): Promise<WorkspaceRecord> {
      const created = await access.createWorkspace({ ...input, ownerId: principalUser.id });
      local = null;
      if (!created)
        throw new LoupeError(
          'ALREADY_EXISTS',
          `The workspace slug "${input.slug}" is taken: choose another.`,
        );
      return created;
    },

    async members(principal: Principal) {
      return access.members(principal.workspace.id);
    },

    /** Adds a person by GitHub login (they appear when they first sign in) or changes their role. */
    async setMember(principal: Principal, login: string, role: Role) {
      if (role === 'owner' && principal.role !== 'owner')
        throw new LoupeError('FORBIDDEN', 'Only an owner can make someone an owner.');
      const user = await access.ensureUser(login);
      const current = await access.roleOf(principal.workspace.id, user.id);
      if (current === 'owner' && principal.role !== 'owner')
        throw new LoupeError('FORBIDDEN', "Only an owner can change an owner's role.");
      if (
        current === 'owner' &&
        role !== 'owner' &&
        (await access.countOwners(principal.workspace.id)) <= 1
      ) {
        throw new LoupeError(
          'INVALID_INPUT',
          `${user.login} is the workspace's last owner: make someone else an owner first.`,
        );
      }
      await access.setMember(principal.workspace.id, user.id, role);
      local = null;
      return (await access.members(principal.workspace.id)).find((m) => m.id === user.id)!;
    },

    async removeMember(principal: Principal, login: string): Promise<void> {
      const user = await access.findUserByLogin(login);
      const current = user ? await access.roleOf(principal.workspace.id, user.id) : null;
      if (!user || !current) throw new LoupeError('NOT_FOUND', `${login} is not a member of this workspace.`);
      if (current === 'owner' && principal.role !== 'owner')
        throw new LoupeError('FORBIDDEN', 'Only an owner can remove an owner.');
      if (current === 'owner' && (await access.countOwners(principal.workspace.id)) <= 1) {
        throw new LoupeError(
          'INVALID_INPUT',
          `${user.login} is the workspace's last owner and cannot be removed.`,
        );
      }
      await access.removeMember(principal.workspace.id, user.id);
      local = null;
    },

    /** Makes an API token; the only time its secret is shown. Scopes cannot exceed the maker's role. */
    async createToken(
      principal: Principal,
      input: { name: string; scopes: TokenScope[] },
    ): Promise<{ token: string; record: ApiTokenRecord }> {
      const allowed = scopesAllowedFor(principal.role).filter(
        (s) => principal.scopes.includes(s) || principal.scopes.includes('admin'),
      );
      const denied = input.scopes.filter((s) => !allowed.includes(s));
      if (denied.length > 0)
        throw new LoupeError(
          'FORBIDDEN',
          `As ${principal.role} you can make tokens with ${allowed.join(', ')} only, not ${denied.join(', ')}.`,
        );
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const record = await access.createToken({
        workspaceId: principal.workspace.id,
        userId: principal.user.id,
        name: input.name,
        tokenHash: hashSecret(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 4),
        scopes: [...new Set(input.scopes)],
      });
      return { token, record };
    },

    /** Admins see every token of the workspace; others see their own. */
    async listTokens(principal: Principal): Promise<ApiTokenRecord[]> {
      const all = await access.listTokens(principal.workspace.id);
      return allows(principal, 'admin') ? all : all.filter((t) => t.userId === principal.user.id);
    },

    async revokeToken(principal: Principal, id: number): Promise<void> {
      const token = await access.findToken(principal.workspace.id, id);
      if (!token || (token.userId !== principal.user.id && !allows(principal, 'admin')))
        throw new LoupeError('NOT_FOUND', `No API token with id ${id} in this workspace.`);
      await access.revokeToken(principal.workspace.id, id);
    },
  };
  return service;
}

export type AccessService = ReturnType<typeof createAccessService>;
