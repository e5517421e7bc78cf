import type { Role, TokenScope } from '../../api-client/api-types.ts';

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** Whether a role may change data (sync, add repositories, make its own API tokens): member and up. */
export function canWrite(role: Role): boolean {
  return RANK[role] >= RANK.member;
}

/** Whether a role may administer the workspace (members, connections): admin and owner. */
export function canAdmin(role: Role): boolean {
  return RANK[role] >= RANK.admin;
}

/** The scopes a role may give a token it makes (the server refuses more). */
export function scopesAllowedFor(role: Role): TokenScope[] {
  if (canAdmin(role)) return ['read', 'write', 'admin'];
  return canWrite(role) ? ['read', 'write'] : ['read'];
}

/** The roles a role may hand out: only an owner makes owners. */
export function rolesAssignableBy(role: Role): Role[] {
  return role === 'owner' ? ['viewer', 'member', 'admin', 'owner'] : ['viewer', 'member', 'admin'];
}
