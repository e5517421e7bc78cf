import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { createConnectionsService } from '../src/services/connections.service.ts';
import { createSecretBox } from '../src/services/secret-box.ts';
import {
  createAccessRepository,
  DEFAULT_WORKSPACE_ID,
  LOCAL_USER_ID,
} from '../src/store/access.repository.ts';
import { createConnectionRepository } from '../src/store/connection.repository.ts';
import type { Issue } from '../src/core/issue.ts';
import { buildServer } from '../src/server/app.ts';
import { analysisVersionFor } from '../src/services/concepts.service.ts';
import { createIssuesService } from '../src/services/issues.service.ts';
import { createReposService } from '../src/services/repos.service.ts';
import { createWebhooksService } from '../src/services/webhooks.service.ts';
import { createEventsService } from '../src/services/events.service.ts';
import { createAnalysisRepository } from '../src/store/analysis.repository.ts';
import { READ_ONLY } from '../src/sources/source.ts';
import type { SourceRegistry } from '../src/sources/source-registry.ts';
import type { Database } from '../src/store/db.ts';
import { createDuplicateRepository } from '../src/store/duplicate.repository.ts';
import { createIssueRepository } from '../src/store/issue.repository.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import { openTestDatabase } from './test-database.ts';

/** The whole HTTP API as server/app.ts builds it, on a fresh database with a little seeded data. */
export interface ApiTestApp {
  app: FastifyInstance;
  db: Database;
  /** Ids of what was seeded, for requests that should find something. */
  seeded: {
    repoIds: number[];
    issueIds: number[];
    repoFullNames: string[];
    /** Logins of members of the default workspace besides the local user. */
    logins: string[];
    /** An API token's and a connection's id (DELETE routes). */
    tokenIds: number[];
    connectionIds: number[];
    labels: string[];
    authors: string[];
  };
  /**
   * What a handler returned before the response schema serialised it, for the response whose
   * `x-test-request-id` header is `requestId` (only with `recordPayloads`).
   */
  payloadOf(requestId: string): unknown;
  close(): Promise<void>;
}

export interface ApiTestAppOptions {
  /** Keep each handler's return value (see payloadOf), to check that serialising drops nothing. */
  recordPayloads?: boolean;
  /**
   * What POST /api/repos asks whether a repository exists; default: a source that knows every
   * repository (so adding one needs no network), with the API URL below.
   */
  sources?: Pick<SourceRegistry, 'get'>;
  githubApiUrl?: string;
}

/** A source that says every repository exists (describeContainer only: jobs are not run here). */
export const everyRepositoryExists: Pick<SourceRegistry, 'get'> = {
  get: () => ({
    kind: 'github',
    streams: [],
    capabilities: READ_ONLY,
    describeContainer: async (ref) => ({
      externalId: `test-${ref.key}`,
      description: `${ref.key}, as the test source describes it`,
      htmlUrl: `https://github.com/${ref.key}`,
      defaultBranch: 'main',
      language: 'TypeScript',
      topics: [],
      stars: 0,
    }),
    listChanges: () => {
      throw new Error('the API test app runs no syncs');
    },
    fetchItem: async () => null,
  }),
};

export const API_TEST_WEBHOOK_SECRET = 'api-test-secret';

function makeIssue(repo: string, number: number, overrides: Partial<Issue> = {}): Issue {
  const day = String(1 + (number % 27)).padStart(2, '0');
  return {
    source: 'github',
    repo,
    number,
    externalId: `${repo}#${number}`,
    url: `https://github.com/${repo}/issues/${number}`,
    title: `Crash when parsing config file ${number}`,
    body: `Steps to reproduce: run the parser on a large yaml file (${number}).`,
    state: number % 3 === 0 ? 'closed' : 'open',
    stateReason: number % 3 === 0 ? 'completed' : null,
    isPullRequest: number % 4 === 0,
    mergedAt: null,
    labels: [{ name: number % 2 ? 'bug' : 'docs', color: 'd73a4a' }],
    author: number % 2 ? 'alice' : 'bob',
    authorAssociation: 'CONTRIBUTOR',
    assignees: [],
    milestone: null,
    commentsCount: 1,
    reactionsCount: 0,
    createdAt: `2024-03-${day}T10:00:00.000Z`,
    updatedAt: `2024-04-${day}T10:00:00.000Z`,
    closedAt: null,
    ...overrides,
  };
}

/** Two repositories, six issues each (some pull requests, some closed), a comment, analyses and a duplicate link. */
async function seed(db: Database): Promise<ApiTestApp['seeded']> {
  const repos = createRepoRepository(db);
  const issues = createIssueRepository(db);
  const analyses = createAnalysisRepository(db);
  const seeded: ApiTestApp['seeded'] = {
    repoIds: [],
    issueIds: [],
    repoFullNames: [],
    labels: ['bug', 'docs'],
    authors: ['alice', 'bob'],
    logins: ['dave'],
    tokenIds: [],
    connectionIds: [],
  };
  const access = createAccessRepository(db);
  await access.setMember(DEFAULT_WORKSPACE_ID, (await access.ensureUser('dave')).id, 'viewer');
  seeded.tokenIds.push(
    (
      await access.createToken({
        workspaceId: DEFAULT_WORKSPACE_ID,
        userId: LOCAL_USER_ID,
        name: 'ci',
        tokenHash: 'seeded-token-hash',
        tokenPrefix: 'loupe_seed',
        scopes: ['read'],
      })
    ).id,
  );
  seeded.connectionIds.push(
    (await createConnectionRepository(db).add({
      workspaceId: DEFAULT_WORKSPACE_ID,
      kind: 'github',
      name: 'seeded',
      baseUrl: 'http://127.0.0.1:1',
      sealedCredentials: null,
    }))!.id,
  );
  for (const [owner, name] of [
    ['acme', 'parser'],
    ['acme', 'docs-site'],
  ] as const) {
    const { repo } = await repos.add({ owner, name, apiUrl: 'http://127.0.0.1:1' });
    seeded.repoIds.push(repo.id);
    seeded.repoFullNames.push(repo.fullName);
    await issues.upsertIssues(
      repo.id,
      [1, 2, 3, 4, 5, 6].map((n) => makeIssue(repo.fullName, n)),
    );
    await issues.upsertComments(repo.id, [
      {
        issueNumber: 1,
        externalId: `${repo.fullName}-c1`,
        author: 'carol',
        body: 'Same here.',
        createdAt: '2024-04-02T00:00:00.000Z',
        updatedAt: '2024-04-02T00:00:00.000Z',
      },
    ]);
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const issue = (await issues.findByNumber(repo.id, n))!;
      seeded.issueIds.push(issue.id);
      if (n > 3) continue;
      await analyses.save(issue, analysisVersionFor(0), {
        type: n === 2 ? 'docs' : 'bug',
        typeConfidence: 0.8,
        typeProbabilities: { bug: 0.8, docs: 0.2 },
        typeReasons: ['title says crash'],
        difficulty: 'easy',
        gfiScore: 0.7,
        difficultyReasons: ['small change'],
        concepts: [
          { id: 'yaml', name: 'YAML', path: ['yaml'], score: 0.9, evidence: ['body mentions "yaml"'] },
        ],
      });
    }
  }
  await createDuplicateRepository(db).suggest(seeded.issueIds[0]!, [
    { otherId: seeded.issueIds[1]!, score: 0.91, evidence: ['same title words'] },
  ]);
  return seeded;
}

/**
 * Builds the API (every route, the real error handler, OpenAPI) on an in-memory PGlite with seeded
 * data. Jobs are not run: enqueueing answers a fake job id.
 */
export async function buildApiTestApp(options: ApiTestAppOptions = {}): Promise<ApiTestApp> {
  const db = await openTestDatabase();
  const enqueue = async (_repoId: number, jobId: string) => jobId;
  try {
    const seeded = await seed(db);
    const app = await buildServer({
      db,
      repos: createReposService({
        db,
        sources: options.sources ?? everyRepositoryExists,
        enqueueSync: enqueue,
        githubApiUrl: options.githubApiUrl ?? 'http://127.0.0.1:1',
      }),
      issues: createIssuesService({ db }),
      webhooks: createWebhooksService({ db }),
      events: createEventsService({ db }),
      connections: createConnectionsService({
        db,
        secrets: createSecretBox(randomBytes(32)),
        kinds: () => ['github'],
      }),
      githubWebhookSecret: API_TEST_WEBHOOK_SECRET,
      workspace: { demo: false, githubApiUrl: 'http://127.0.0.1:1' },
      logLevel: 'silent',
      serveWeb: false,
    });
    const payloads = new Map<string, unknown>();
    if (options.recordPayloads) {
      app.addHook('preSerialization', async (request, reply, payload) => {
        payloads.set(request.id, structuredClone(payload));
        reply.header('x-test-request-id', request.id);
        return payload;
      });
    }
    await app.ready();
    const payloadOf = (requestId: string) => payloads.get(requestId);
    return {
      app,
      db,
      seeded,
      payloadOf,
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
