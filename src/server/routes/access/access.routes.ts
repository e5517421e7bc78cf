import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessService, Principal } from '../../../services/access.service.ts';
import type { ConnectionsService } from '../../../services/connections.service.ts';
import type { ApiTokenRecord, Membership, MemberRecord } from '../../../store/access.repository.ts';
import type { ConnectionRecord } from '../../../store/connection.repository.ts';
import { errorResponses } from '../common.schema.ts';
import {
  addConnectionBodySchema,
  connectionResponseSchema,
  connectionsResponseSchema,
  createTokenBodySchema,
  createTokenResponseSchema,
  createWorkspaceBodySchema,
  createWorkspaceResponseSchema,
  idParamsSchema,
  meResponseSchema,
  memberParamsSchema,
  memberResponseSchema,
  membersResponseSchema,
  noContentSchema,
  setMemberBodySchema,
  tokensResponseSchema,
} from './schema.ts';

const presentMembership = (m: Membership) => ({ slug: m.slug, name: m.name, isDemo: m.isDemo, role: m.role });
const presentMember = (m: MemberRecord) => ({
  login: m.login,
  name: m.name,
  role: m.role,
  addedAt: m.addedAt,
});
const presentToken = (t: ApiTokenRecord, owners: Map<number, string>) => ({
  id: String(t.id),
  name: t.name,
  prefix: t.tokenPrefix,
  scopes: t.scopes,
  owner: owners.get(t.userId) ?? '',
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});
const presentConnection = (c: ConnectionRecord) => ({
  id: String(c.id),
  kind: c.kind,
  name: c.name,
  baseUrl: c.baseUrl,
  hasCredentials: c.hasCredentials,
  createdAt: c.createdAt,
});

/** The request's principal on a route that requires one (access-control.ts sets it before the handler). */
const principalOf = (request: { principal: Principal | null }): Principal => request.principal as Principal;

export interface AccessRoutesOptions {
  access: AccessService;
  connections: ConnectionsService;
  mode: 'local' | 'github';
}

/** Who am I, workspaces, members, API tokens and connections. */
export const accessRoutes =
  (options: AccessRoutesOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const { access, connections } = options;

    app.get(
      '/api/me',
      {
        config: { access: 'signed-in' },
        schema: {
          summary: 'The signed-in person, their workspaces and the current one',
          tags: ['access'],
          response: { 200: meResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = request.user!;
        const memberships = await access.memberships(user.id);
        const current = request.principal
          ? (memberships.find((m) => m.slug === request.principal!.workspace.slug) ?? null)
          : null;
        return {
          mode: options.mode,
          user: { login: user.login, name: user.name, avatarUrl: user.avatarUrl },
          workspace: current ? presentMembership(current) : null,
          workspaces: memberships.map(presentMembership),
          csrfToken:
            options.mode === 'github' && !request.headers.authorization ? reply.generateCsrf() : null,
        };
      },
    );

    app.post(
      '/api/workspaces',
      {
        config: { access: 'signed-in' },
        schema: {
          summary: 'Create a workspace (you become its owner)',
          tags: ['access'],
          body: createWorkspaceBodySchema,
          response: { 201: createWorkspaceResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const workspace = await access.createWorkspace(request.user!, request.body);
        return reply.status(201).send({
          workspace: {
            slug: workspace.slug,
            name: workspace.name,
            isDemo: workspace.isDemo,
            role: 'owner' as const,
          },
        });
      },
    );

    app.get(
      '/api/members',
      {
        schema: {
          summary: 'Members of the workspace and their roles',
          tags: ['access'],
          response: { 200: membersResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({ members: (await access.members(principalOf(request))).map(presentMember) }),
    );

    app.put(
      '/api/members/:login',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Add a person (by GitHub login) or change their role',
          tags: ['access'],
          params: memberParamsSchema,
          body: setMemberBodySchema,
          response: { 200: memberResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({
        member: presentMember(
          await access.setMember(principalOf(request), request.params.login, request.body.role),
        ),
      }),
    );

    app.delete(
      '/api/members/:login',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Remove a person from the workspace',
          tags: ['access'],
          params: memberParamsSchema,
          response: { 204: noContentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await access.removeMember(principalOf(request), request.params.login);
        return reply.status(204).send();
      },
    );

    const ownersOf = async (principal: Principal) =>
      new Map((await access.members(principal)).map((m) => [m.id, m.login]));

    app.get(
      '/api/tokens',
      {
        schema: {
          summary:
            'API tokens of the workspace (admins: all; others: their own). Secrets are never shown again.',
          tags: ['access'],
          response: { 200: tokensResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const owners = await ownersOf(principal);
        return { tokens: (await access.listTokens(principal)).map((t) => presentToken(t, owners)) };
      },
    );

    app.post(
      '/api/tokens',
      {
        schema: {
          summary: 'Make an API token (its secret is in this answer only)',
          tags: ['access'],
          body: createTokenBodySchema,
          response: { 201: createTokenResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { token, record } = await access.createToken(principal, request.body);
        return reply.status(201).send({ token, apiToken: presentToken(record, await ownersOf(principal)) });
      },
    );

    app.delete(
      '/api/tokens/:id',
      {
        schema: {
          summary: 'Revoke an API token',
          tags: ['access'],
          params: idParamsSchema,
          response: { 204: noContentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await access.revokeToken(principalOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/connections',
      {
        schema: {
          summary: 'Connections of the workspace (credentials are never returned)',
          tags: ['access'],
          response: { 200: connectionsResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({
        connections: (await connections.list(principalOf(request))).map(presentConnection),
      }),
    );

    app.post(
      '/api/connections',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Add a connection to a source (credentials are sealed with LOUPE_SECRET_KEY)',
          tags: ['access'],
          body: addConnectionBodySchema,
          response: { 201: connectionResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send({ connection: presentConnection(await connections.add(principalOf(request), request.body)) }),
    );

    app.delete(
      '/api/connections/:id',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Remove a connection no repository uses',
          tags: ['access'],
          params: idParamsSchema,
          response: { 204: noContentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await connections.remove(principalOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
