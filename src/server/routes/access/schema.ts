import { z } from 'zod';
import { CONNECTOR_KINDS } from '../../../core/container.ts';
import { idParam, textField } from '../common.schema.ts';

const ROLE = z.enum(['owner', 'admin', 'member', 'viewer']);
const SCOPE = z.enum(['read', 'write', 'admin']);

export const workspaceSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    isDemo: z.boolean(),
    role: ROLE,
  })
  .meta({ id: 'WorkspaceMembership' });

export const userSchema = z
  .object({
    login: z.string(),
    name: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const meResponseSchema = z
  .object({
    mode: z
      .enum(['local', 'github'])
      .describe('local: one local user, no sign-in; github: signed in with GitHub'),
    user: userSchema,
    workspace: workspaceSummarySchema
      .nullable()
      .describe('The workspace requests are scoped to (header x-loupe-workspace, else the first)'),
    workspaces: z.array(workspaceSummarySchema),
    csrfToken: z
      .string()
      .nullable()
      .describe('Send as x-csrf-token on writes made with the session cookie (server mode)'),
  })
  .meta({ id: 'Me' });

export const slugField = textField('slug', { min: 1, max: 63, example: 'my-team' }).regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  'slug must be lowercase letters, digits and dashes, starting with a letter or digit',
);

export const createWorkspaceBodySchema = z.strictObject({
  slug: slugField,
  name: textField('name', { min: 1, max: 100 }),
});
export const createWorkspaceResponseSchema = z.object({ workspace: workspaceSummarySchema });

export const memberSchema = z
  .object({ login: z.string(), name: z.string().nullable(), role: ROLE, addedAt: z.string() })
  .meta({ id: 'Member' });
export const membersResponseSchema = z.object({ members: z.array(memberSchema) });
export const memberParamsSchema = z.object({
  login: textField('login', { min: 1, max: 39, example: 'octocat' }).regex(
    /^[A-Za-z0-9-]+$/,
    'login must be a GitHub login: letters, digits and dashes',
  ),
});
export const setMemberBodySchema = z.strictObject({ role: ROLE });
export const memberResponseSchema = z.object({ member: memberSchema });

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    scopes: z.array(SCOPE),
    owner: z.string().describe('Login of the person who made it'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const tokensResponseSchema = z.object({ tokens: z.array(tokenSchema) });
export const createTokenBodySchema = z.strictObject({
  name: textField('name', { min: 1, max: 100, example: 'ci' }),
  scopes: z
    .array(SCOPE, { error: 'scopes must be a list of read, write, admin' })
    .min(1, 'scopes must name at least one of read, write, admin'),
});
export const createTokenResponseSchema = z.object({
  token: z.string().describe('The secret: shown this once, stored only as a hash'),
  apiToken: tokenSchema,
});
export const idParamsSchema = z.object({ id: idParam('id') });

export const connectionSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    baseUrl: z.string(),
    hasCredentials: z.boolean().describe('Whether credentials are stored (they are never returned)'),
    createdAt: z.string(),
  })
  .meta({ id: 'Connection' });
export const connectionsResponseSchema = z.object({ connections: z.array(connectionSchema) });
export const addConnectionBodySchema = z.strictObject({
  // The kinds Loupe has a connector for (SOURCE_KINDS also lists the planned ones); the service
  // checks as well that this server has the kind configured.
  kind: z
    .enum(CONNECTOR_KINDS, { error: `kind must be one of ${CONNECTOR_KINDS.join(', ')}` })
    .describe('The source'),
  name: textField('name', { min: 1, max: 100 }).optional(),
  baseUrl: textField('baseUrl', { min: 1, max: 500, example: 'https://api.github.com' }).optional(),
  token: textField('token', { min: 1, max: 1000 }).optional(),
});
export const connectionResponseSchema = z.object({ connection: connectionSchema });
export const noContentSchema = z.undefined().describe('No content');
