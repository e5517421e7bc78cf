/** The API of who may do what: the signed-in person, members, API tokens, connections, sign-out. */
import { requestJson } from './http.ts';
import type {
  AddConnectionBody,
  ApiToken,
  Connection,
  CreateTokenResponse,
  Me,
  Member,
  Role,
  TokenScope,
  WorkspaceMembership,
} from './api-types.ts';

/** GET /api/me: the person, their workspaces and (server mode) the CSRF token for writes. 401 when signed out. */
export function getMe(signal?: AbortSignal): Promise<Me> {
  return requestJson<Me>('/api/me', { signal });
}

/** POST /auth/logout: ends the browser session (server mode). */
export async function signOut(): Promise<void> {
  await requestJson<undefined>('/auth/logout', { method: 'POST' });
}

/** GET /api/members: the people of the current workspace and their roles. */
export async function listMembers(signal?: AbortSignal): Promise<Member[]> {
  return (await requestJson<{ members: Member[] }>('/api/members', { signal })).members;
}

/** PUT /api/members/:login: adds a person by GitHub login, or changes their role (admins). */
export async function setMember(login: string, role: Role): Promise<Member> {
  return (
    await requestJson<{ member: Member }>(`/api/members/${encodeURIComponent(login)}`, {
      method: 'PUT',
      body: { role },
    })
  ).member;
}

/** DELETE /api/members/:login: removes a person from the workspace (admins). */
export async function removeMember(login: string): Promise<void> {
  await requestJson<undefined>(`/api/members/${encodeURIComponent(login)}`, { method: 'DELETE' });
}

/** GET /api/tokens: API tokens (admins see all of the workspace, others their own); never their secrets. */
export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await requestJson<{ tokens: ApiToken[] }>('/api/tokens', { signal })).tokens;
}

/** POST /api/tokens: makes a token; the answer holds its secret, the only time it is ever sent. */
export function createToken(input: { name: string; scopes: TokenScope[] }): Promise<CreateTokenResponse> {
  return requestJson<CreateTokenResponse>('/api/tokens', { method: 'POST', body: input });
}

/** DELETE /api/tokens/:id: revokes a token. */
export async function revokeToken(id: string): Promise<void> {
  await requestJson<undefined>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** GET /api/connections: the workspace's connections to sources (without credentials). */
export async function listConnections(signal?: AbortSignal): Promise<Connection[]> {
  return (await requestJson<{ connections: Connection[] }>('/api/connections', { signal })).connections;
}

/** POST /api/connections: adds a connection; its token is sealed by the server and never sent back (admins). */
export async function addConnection(input: AddConnectionBody): Promise<Connection> {
  return (await requestJson<{ connection: Connection }>('/api/connections', { method: 'POST', body: input }))
    .connection;
}

/** DELETE /api/connections/:id: removes a connection no repository uses (admins). */
export async function removeConnection(id: string): Promise<void> {
  await requestJson<undefined>(`/api/connections/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** POST /api/workspaces: creates a workspace; the signed-in person becomes its owner. */
export async function createWorkspace(input: { slug: string; name: string }): Promise<WorkspaceMembership> {
  return (
    await requestJson<{ workspace: WorkspaceMembership }>('/api/workspaces', { method: 'POST', body: input })
  ).workspace;
}
