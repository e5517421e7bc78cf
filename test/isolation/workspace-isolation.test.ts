import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issue.ts';
import { startJobQueue, type JobQueue } from '../../src/jobs/job-queue.ts';
import { QUEUE_NAMES } from '../../src/jobs/job-registry.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAccessService, hashSecret, type AccessService } from '../../src/services/access.service.ts';
import { analysisVersionFor } from '../../src/services/concepts.service.ts';
import { createConnectionsService } from '../../src/services/connections.service.ts';
import { createEventsService } from '../../src/services/events.service.ts';
import { createIssuesService } from '../../src/services/issues.service.ts';
import { createJobsService } from '../../src/services/jobs.service.ts';
import { createReposService } from '../../src/services/repos.service.ts';
import { createSecretBox } from '../../src/services/secret-box.ts';
import { createWebhooksService } from '../../src/services/webhooks.service.ts';
import { createAccessRepository } from '../../src/store/access.repository.ts';
import { createAnalysisRepository } from '../../src/store/analysis.repository.ts';
import { createConceptRepository } from '../../src/store/concept.repository.ts';
import type { Database } from '../../src/store/db.ts';
import { createDuplicateRepository } from '../../src/store/duplicate.repository.ts';
import { createEventRepository } from '../../src/store/event.repository.ts';
import { createIssueRepository } from '../../src/store/issue.repository.ts';
import { createRepoRepository } from '../../src/store/repo.repository.ts';
import { validValue } from '../openapi-arbitraries.ts';
import {
  listRoutes,
  streamsEvents,
  type ApiRoute,
  type JsonSchema,
  type OpenApiDocument,
} from '../openapi-routes.ts';
import { openTestDatabase } from '../test-database.ts';

/**
 * Workspace isolation, checked on every route of /api/openapi.json (a new route is covered without
 * editing this file): a member of workspace B calls each route with workspace A's ids, names and
 * filters, and no answer may hold anything of A; a viewer of A calls every route that writes, with A's
 * ids and valid bodies, and A must be unchanged. Runs in server mode with API tokens, on PGlite and
 * (pg suite) PostgreSQL.
 */

/** Strings that exist only in workspace A: none may appear in an answer to B. */
const A_MARKERS = [
  'ALPHA-SECRET crash',
  'alpha-secret comment',
  'alpha-secret reason',
  'alpha-secret evidence',
  'alpha-secret yaml',
  'alpha-secret concept',
  'alpha-secret workspace',
  'alpha-secret-member',
  'tok-alpha-secret',
  'conn-alpha-secret',
  'ghp_alpha',
];

function issue(repo: string, number: number, title: string): Issue {
  return {
    source: 'github',
    repo,
    number,
    externalId: `${repo}#${number}`,
    url: `https://github.com/${repo}/issues/${number}`,
    title,
    body: `${title}: steps to reproduce with the config parser.`,
    state: 'open',
    stateReason: null,
    isPullRequest: false,
    mergedAt: null,
    labels: [{ name: 'bug', color: 'd73a4a' }],
    author: 'someone',
    authorAssociation: 'CONTRIBUTOR',
    assignees: [],
    milestone: null,
    commentsCount: 1,
    reactionsCount: 0,
    createdAt: '2024-03-01T10:00:00.000Z',
    updatedAt: `2024-04-0${number}T10:00:00.000Z`,
    closedAt: null,
  };
}

interface Seeded {
  a: {
    workspaceId: number;
    repoIds: number[];
    issueIds: number[];
    tokenIds: number[];
    connectionIds: number[];
    jobIds: string[];
    fullName: string;
  };
  /** A fresh token per route: a route that revokes tokens must not leave the rest of the suite unauthenticated. */
  tokens: { memberOfB: () => Promise<string>; viewerOfA: () => Promise<string> };
}

async function seedWorkspace(
  db: Database,
  access: AccessService,
  slug: string,
  owner: string,
  marker: string,
) {
  const store = createAccessRepository(db);
  const user = await store.ensureUser(owner);
  const workspace = (await store.createWorkspace({ slug, name: `${marker} workspace`, ownerId: user.id }))!;
  const { repo } = await createRepoRepository(db).add({
    owner: 'acme',
    name: `${marker}-repo`,
    apiUrl: 'http://127.0.0.1:1',
    workspaceId: workspace.id,
  });
  const issues = createIssueRepository(db);
  await issues.upsertIssues(
    repo.id,
    [1, 2, 3].map((n) => issue(repo.fullName, n, `${marker.toUpperCase()} crash when parsing config ${n}`)),
  );
  await issues.upsertComments(repo.id, [
    {
      issueNumber: 1,
      externalId: `${marker}-c1`,
      author: 'carol',
      authorAssociation: null,
      body: `${marker} comment`,
      createdAt: '2024-04-02T00:00:00.000Z',
      updatedAt: '2024-04-02T00:00:00.000Z',
    },
  ]);
  const issueIds: number[] = [];
  for (const n of [1, 2, 3]) {
    const stored = (await issues.findByNumber(repo.id, n))!;
    issueIds.push(stored.id);
    await createAnalysisRepository(db).save(stored, analysisVersionFor(0), {
      type: 'bug',
      typeConfidence: 0.8,
      typeProbabilities: { bug: 0.8 },
      typeReasons: [`${marker} reason`],
      difficulty: 'easy',
      gfiScore: 0.7,
      difficultyReasons: ['small change'],
      concepts: [{ id: 'yaml', name: 'YAML', path: ['yaml'], score: 0.9, evidence: [`${marker} yaml`] }],
    });
  }
  await createDuplicateRepository(db).suggest(issueIds[0]!, [
    { otherId: issueIds[1]!, score: 0.9, evidence: [`${marker} evidence`] },
  ]);
  await db.transaction((tx) =>
    createEventRepository(tx).append([
      { type: 'item.created', repoId: repo.id, payload: { key: '#1', number: 1, origin: 'sync' } },
    ]),
  );
  await createConceptRepository(db).saveExtensions(workspace.id, [
    {
      id: `${marker}-concept`,
      name: `${marker} concept`,
      parent: null,
      kind: 'domain',
      aliases: [`${marker}-alias`],
    },
  ]);
  const member = await store.ensureUser(`${marker}-member`);
  await store.setMember(workspace.id, member.id, 'member');
  const ownerPrincipal = {
    user,
    workspace,
    role: 'owner' as const,
    scopes: ['read', 'write', 'admin'] as const,
    via: 'token' as const,
    tokenId: null,
  };
  const token = await access.createToken(ownerPrincipal, {
    name: `tok-${marker}`,
    scopes: ['read', 'write', 'admin'],
  });
  const connection = await createConnectionsService({
    db,
    secrets: createSecretBox(Buffer.alloc(32, 7)),
    kinds: () => ['github'],
  }).add(ownerPrincipal, {
    kind: 'github',
    name: `conn-${marker}`,
    baseUrl: 'http://127.0.0.1:1',
    token: `ghp_${marker}`,
  });
  return { workspace, user, repo, issueIds, token, connection };
}

/** Every row of workspace A, as text: any change to A changes it. */
async function snapshotOf(db: Database, workspaceId: number): Promise<string> {
  const inA = 'repo_id IN (SELECT id FROM repositories WHERE workspace_id = $1)';
  const queries: [string, string][] = [
    ['workspaces', 'SELECT * FROM workspaces WHERE id = $1'],
    ['repositories', 'SELECT * FROM repositories WHERE workspace_id = $1 ORDER BY id'],
    [
      'issues',
      `SELECT id, number, title, body, state, label_names, updated_at FROM issues WHERE ${inA} ORDER BY id`,
    ],
    ['comments', `SELECT * FROM issue_comments WHERE ${inA} ORDER BY id`],
    [
      'analysis',
      `SELECT a.* FROM issue_analysis a JOIN issues i ON i.id = a.issue_id WHERE i.${inA} ORDER BY a.issue_id`,
    ],
    [
      'duplicates',
      `SELECT d.* FROM duplicate_links d JOIN issues i ON i.id = d.issue_id WHERE i.${inA} ORDER BY 1, 2`,
    ],
    ['sync_runs', `SELECT * FROM sync_runs WHERE ${inA} ORDER BY id`],
    ['members', 'SELECT * FROM workspace_members WHERE workspace_id = $1 ORDER BY user_id'],
    // The suite's own tokens (made for each route) are not the callers' doing.
    [
      'tokens',
      `SELECT * FROM api_tokens WHERE workspace_id = $1 AND name NOT LIKE 'isolation %' ORDER BY id`,
    ],
    ['connections', 'SELECT * FROM connections WHERE workspace_id = $1 ORDER BY id'],
    ['concepts', 'SELECT * FROM concept_extensions WHERE workspace_id = $1'],
    [
      'jobs',
      `SELECT id, state, data FROM pgboss.job WHERE (data->>'repoId')::bigint IN (SELECT id FROM repositories WHERE workspace_id = $1) ORDER BY id`,
    ],
  ];
  const parts: string[] = [];
  for (const [name, sql] of queries) {
    // last_used_at moves on every authenticated call: it records use, not a change the caller made.
    const rows = (await db.query(sql, [workspaceId])).rows.map((row) => ({
      ...row,
      last_used_at: undefined,
    }));
    parts.push(`${name}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

/**
 * The answer without what the caller sent (a message may quote the login, slug or query it was given):
 * what remains is what the server told about A.
 */
function withoutEchoes(body: string, call: Call, workspace: string | undefined): string {
  const url = new URL(call.url, 'http://x');
  const sent = [
    ...url.pathname.split('/').map(decodeURIComponent),
    ...[...url.searchParams.values()].flatMap((v) => [v, ...v.split(/\s+/)]),
    ...(workspace ? [workspace] : []),
    ...(call.payload !== undefined
      ? (JSON.stringify(call.payload)
          .match(/"(?:[^"\\]|\\.)*"/g)
          ?.map((s) => JSON.parse(s) as string) ?? [])
      : []),
  ].filter((v) => v.length >= 5);
  // Longest first, so a value is removed whole before any part of it.
  return sent.sort((x, y) => y.length - x.length).reduce((text, value) => text.split(value).join(''), body);
}

const changedLines = (before: string, after: string): string[] => {
  const old = new Set(before.split('\n'));
  return after
    .split('\n')
    .filter((line) => !old.has(line))
    .map((line) => line.slice(0, 400));
};

interface Call {
  method: ApiRoute['method'];
  url: string;
  payload?: unknown;
  /** The route answers an event stream (read for a moment over a connection, not injected). */
  streams?: boolean;
}

/** Values for each path parameter: every id, key and name of workspace A that could fit it. */
function pathCandidates(name: string, a: Seeded['a']): string[] {
  if (name === 'login') return ['alpha-secret-member', 'alpha-secret-owner'];
  if (name === 'queue') return [...QUEUE_NAMES];
  const ids = [...a.issueIds, ...a.repoIds, ...a.tokenIds, ...a.connectionIds].map(String);
  return [...new Set([...ids, ...a.jobIds])];
}

/** Bodies that aim at workspace A, then schema-valid ones (so a route is reached past validation). */
function bodies(route: ApiRoute, a: Seeded['a'], components: Record<string, JsonSchema>): unknown[] {
  const aimed: Record<string, unknown[]> = {
    'POST /api/repos': [
      { fullName: a.fullName },
      { fullName: 'acme/other', connectionId: String(a.connectionIds[0]) },
    ],
    'POST /api/issues/{id}/duplicates/{otherId}': [{ decision: 'confirm' }, { decision: 'reject' }],
    'PUT /api/members/{login}': [{ role: 'viewer' }, { role: 'owner' }],
    'PUT /api/concepts/extensions': [{ extensions: [] }],
  };
  const schema = route.operation.requestBody?.content['application/json']?.schema;
  const generated = schema ? fc.sample(validValue(schema, components), { numRuns: 3, seed: 7 }) : [undefined];
  return [...(aimed[`${route.method} ${route.path}`] ?? []), ...generated];
}

function callsFor(route: ApiRoute, a: Seeded['a'], components: Record<string, JsonSchema>): Call[] {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  let paths = [route.path];
  for (const name of names)
    paths = paths.flatMap((p) =>
      pathCandidates(name, a).map((v) => p.replace(`{${name}}`, encodeURIComponent(v))),
    );
  // Filters that name A's repository, issues and words: a list must not widen to A because of them.
  const query =
    route.method === 'GET'
      ? [``, `?repo=${encodeURIComponent(a.fullName)}`, `?q=alpha-secret`, `?q=ALPHA-SECRET%20crash`]
      : [''];
  return paths.flatMap((path) =>
    query.flatMap((q) =>
      bodies(route, a, components).map((payload) => ({
        method: route.method,
        url: `${path}${q}`,
        ...(payload !== undefined ? { payload } : {}),
        ...(streamsEvents(route.operation) ? { streams: true } : {}),
      })),
    ),
  );
}

describe('workspace isolation over every route', () => {
  let db: Database;
  let app: FastifyInstance;
  let queue: JobQueue;
  let seeded: Seeded;
  let routes: ApiRoute[];
  let components: Record<string, JsonSchema>;

  beforeAll(async () => {
    db = await openTestDatabase();
    const access = createAccessService({ db });
    const a = await seedWorkspace(db, access, 'alpha-secret', 'alpha-secret-owner', 'alpha-secret');
    // B's ids start far above A's, so a call with A's id can only ever reach A's row, never B's own.
    for (const table of ['workspaces', 'users', 'repositories', 'issues', 'api_tokens', 'connections']) {
      await db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), 100000)`);
    }
    const b = await seedWorkspace(db, access, 'bravo', 'bravo-owner', 'bravo');
    // A viewer of A whose tokens have every scope: the role must be what stops the writes.
    const store = createAccessRepository(db);
    const viewer = await store.ensureUser('viewer-of-a');
    await store.setMember(a.workspace.id, viewer.id, 'viewer');
    let made = 0;
    const tokenFor = (workspaceId: number, userId: number) => async () => {
      const token = `loupe_isolation-${(made += 1)}`;
      await store.createToken({
        workspaceId,
        userId,
        name: `isolation ${made}`,
        tokenHash: hashSecret(token),
        tokenPrefix: token.slice(0, 10),
        scopes: ['read', 'write', 'admin'],
      });
      return token;
    };
    queue = await startJobQueue(db);
    const jobId = (await queue.enqueue('sync-repo', { repoId: a.repo.id }))!;
    seeded = {
      a: {
        workspaceId: a.workspace.id,
        repoIds: [a.repo.id],
        issueIds: a.issueIds,
        tokenIds: [a.token.record.id],
        connectionIds: [a.connection.id],
        jobIds: [jobId],
        fullName: a.repo.fullName,
      },
      tokens: {
        memberOfB: tokenFor(b.workspace.id, b.user.id),
        viewerOfA: tokenFor(a.workspace.id, viewer.id),
      },
    };
    const sources = {
      get: () => ({
        describeContainer: async () => ({
          externalId: '1',
          description: null,
          htmlUrl: null,
          defaultBranch: 'main',
          language: null,
          topics: [],
          stars: 0,
        }),
      }),
    } as never;
    app = await buildServer({
      db,
      repos: createReposService({
        db,
        sources,
        enqueueSync: async () => null,
        githubApiUrl: 'http://127.0.0.1:1',
      }),
      issues: createIssuesService({ db }),
      webhooks: createWebhooksService({ db }),
      events: createEventsService({ db }),
      jobs: createJobsService({ db, queues: QUEUE_NAMES, retry: (name, id) => queue.retry(name, id) }),
      access,
      connections: createConnectionsService({
        db,
        secrets: createSecretBox(Buffer.alloc(32, 7)),
        kinds: () => ['github'],
      }),
      githubWebhookSecret: 'isolation-secret',
      workspace: { demo: false, githubApiUrl: 'http://127.0.0.1:1' },
      auth: {
        mode: 'github',
        github: {
          clientId: 'id',
          clientSecret: 'secret',
          webUrl: 'http://127.0.0.1:1',
          apiUrl: 'http://127.0.0.1:1',
          publicUrl: 'http://127.0.0.1:3000',
        },
      },
      logLevel: 'silent',
      serveWeb: false,
    });
    await app.ready();
    const document = (await app.inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
    routes = listRoutes(document);
    components = document.components?.schemas ?? {};
  });
  afterAll(async () => {
    await app?.close();
    await queue?.stop();
    await db?.close();
  });

  /**
   * An event stream never ends, so it is read over a real connection for `ms` and then closed: its
   * status and what it sent by then (from the oldest kept event, `after=0`) stand for its answer.
   */
  let listening: string | null = null;
  async function readStream(call: Call, token: string, workspace?: string, ms = 700) {
    listening ??= await app.listen({ host: '127.0.0.1', port: 0 });
    const stop = new AbortController();
    const url = `${listening}${call.url}${call.url.includes('?') ? '&' : '?'}after=0`;
    const response = await fetch(url, {
      headers: {
        authorization: `Bearer ${token}`,
        ...(workspace ? { 'x-loupe-workspace': workspace } : {}),
      },
      signal: stop.signal,
    });
    const timer = setTimeout(() => stop.abort(), ms);
    let body = '';
    try {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        body += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted after `ms`: what came by then is the answer.
    } finally {
      clearTimeout(timer);
    }
    return { statusCode: response.status, body };
  }

  const send = (call: Call, token: string, workspace?: string) =>
    call.streams
      ? readStream(call, token, workspace)
      : app.inject({
          method: call.method,
          url: call.url,
          headers: {
            authorization: `Bearer ${token}`,
            ...(workspace ? { 'x-loupe-workspace': workspace } : {}),
            ...(call.payload !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(call.payload !== undefined ? { payload: JSON.stringify(call.payload) } : {}),
        });

  it('a member of B finds nothing of A on any route, and changes nothing of A', async () => {
    const before = await snapshotOf(db, seeded.a.workspaceId);
    const leaks: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const token = await seeded.tokens.memberOfB();
      for (const call of callsFor(route, seeded.a, components)) {
        // Also asking for A by name: the token belongs to B, so that must be refused, not obeyed.
        for (const workspace of [undefined, 'alpha-secret']) {
          const response = await send(call, token, workspace);
          calls += 1;
          expect(
            response.statusCode,
            `${call.method} ${call.url}: ${response.body.slice(0, 200)}`,
          ).toBeLessThan(500);
          // A call that signed B out would make every later answer an empty 401: the suite must stay signed in.
          expect(response.statusCode, `${call.method} ${call.url}: ${response.body.slice(0, 200)}`).not.toBe(
            401,
          );
          const marker = A_MARKERS.find((m) => withoutEchoes(response.body, call, workspace).includes(m));
          if (marker)
            leaks.push(
              `${call.method} ${call.url}${workspace ? ` (x-loupe-workspace: ${workspace})` : ''} -> ${response.statusCode} holds "${marker}": ${response.body.slice(0, 200)}`,
            );
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(changedLines(before, await snapshotOf(db, seeded.a.workspaceId))).toEqual([]);
    // The suite reached every route many times (a route list that came back empty would prove nothing).
    expect(routes.length).toBeGreaterThan(20);
    expect(calls).toBeGreaterThan(routes.length * 3);
  });

  it('a viewer of A is refused every write, and A is unchanged', async () => {
    const before = await snapshotOf(db, seeded.a.workspaceId);
    const writes: string[] = [];
    let refused = 0;
    // Routes that do not write to the workspace: the signed webhook receiver (refused without a signature)
    // and making a new workspace of one's own.
    const notWorkspaceWrites = new Set(['POST /api/webhooks/github', 'POST /api/workspaces']);
    for (const route of routes.filter(
      (r) => r.method !== 'GET' && !notWorkspaceWrites.has(`${r.method} ${r.path}`),
    )) {
      const token = await seeded.tokens.viewerOfA();
      for (const call of callsFor(route, seeded.a, components)) {
        const response = await send(call, token);
        expect(response.statusCode, `${call.method} ${call.url}`).not.toBe(401);
        if (response.statusCode < 400) writes.push(`${call.method} ${call.url} -> ${response.statusCode}`);
        if (response.statusCode === 403) refused += 1;
      }
    }
    expect(writes).toEqual([]);
    expect(refused).toBeGreaterThan(10);
    expect(changedLines(before, await snapshotOf(db, seeded.a.workspaceId))).toEqual([]);
  });

  it('B sees its own data through the same routes (the suite would notice a route that answers nothing to anyone)', async () => {
    const bToken = await seeded.tokens.memberOfB();
    const repos = await send({ method: 'GET', url: '/api/repos' }, bToken);
    expect(repos.statusCode).toBe(200);
    expect(repos.body).toContain('bravo-repo');
    const search = await send({ method: 'GET', url: '/api/issues?q=BRAVO%20crash' }, bToken);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('BRAVO crash');
    const a = await send(
      { method: 'GET', url: '/api/issues?q=ALPHA-SECRET%20crash' },
      await seeded.tokens.viewerOfA(),
    );
    expect(a.body).toContain('ALPHA-SECRET crash');
  });
});
