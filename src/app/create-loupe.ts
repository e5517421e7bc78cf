/**
 * The one composition root: the database, the sources, the secret box and the services, built once
 * per process. `loupe start` (server/run-server.ts), `loupe worker` and every CLI command that reads
 * or writes the store start here; what a command does not touch is never built or loaded.
 */
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { LoupeConfig } from '../config.ts';
import { LoupeError } from '../core/errors.ts';
import type { LlmProvider } from '../guidance/providers/llm-provider.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { createAccessService, type AccessService } from '../services/access.service.ts';
import { createClonesService, type ClonesService } from '../services/clones.service.ts';
import { createConceptsService, type ConceptsService } from '../services/concepts.service.ts';
import { createConnectionsService, type ConnectionsService } from '../services/connections.service.ts';
import type { DetectRun, IssueForDetect } from '../services/detect.service.ts';
import { createEventsService, type EventsService } from '../services/events.service.ts';
import { createIssuesService, type IssuesService } from '../services/issues.service.ts';
import { createJobsService, type JobsService } from '../services/jobs.service.ts';
import { createReposService, type ReposService } from '../services/repos.service.ts';
import { loadSecretBox, type SecretBox } from '../services/secret-box.ts';
import { createWebhooksService, type WebhooksService } from '../services/webhooks.service.ts';
import type { GitHubOctokit } from '../sources/github/github-client.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import { lockDataDir } from '../store/data-dir-lock.ts';
import { openDatabase, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';

export interface CreateLoupeOptions {
  /** What this process is (`loupe repo list`): named to a second process that finds the PGlite data dir locked. */
  purpose: string;
  /** The process's GitHub token (a command's --token); default GITHUB_TOKEN. */
  token?: string | null;
  /** Where notes go (a rate-limit wait, a key file created); default stderr. */
  log?: (message: string) => void;
  /**
   * False for a process that never reads a source (listing, searching, removing): the GitHub client
   * (Octokit and its plugins) is then not loaded, and `sources` and `clientFor` throw. Default true.
   */
  sources?: boolean;
  /**
   * A command that runs a few queries and exits: the embedded database's WebAssembly is compiled by
   * V8's baseline compiler only (Liftoff), which halves its start-up CPU and saves some 70 MB; heavy
   * queries run slower, so a server, a worker or a sync leaves this off (bench/cli-startup.bench.ts).
   */
  shortLived?: boolean;
}

/** "Already implemented?" over the store: the detector and its TypeScript parser load on first use. */
export interface DetectService {
  /** The issue, its comments and the merged pull requests citing it; NOT_FOUND says how to get it. */
  loadIssue(ref: { repo: string; number: number }): Promise<IssueForDetect>;
  judge(
    input: IssueForDetect & { repoDir: string; at?: string; hideReferences?: boolean },
  ): Promise<DetectRun>;
}

export interface Loupe {
  readonly config: LoupeConfig;
  readonly db: Database;
  /** One GitHub client per API URL (api.github.com, a GHES host, the demo emulator) and token. */
  readonly clientFor: (apiUrl: string, credentials?: string | null) => GitHubOctokit;
  /** The sources this Loupe can read (GitHub through clientFor). */
  readonly sources: SourceRegistry;
  /** Seals and opens connection credentials; null on a PostgreSQL server without LOUPE_SECRET_KEY. */
  readonly secrets: SecretBox | null;
  readonly access: AccessService;
  readonly repos: ReposService;
  readonly issues: IssuesService;
  readonly events: EventsService;
  readonly concepts: ConceptsService;
  readonly connections: ConnectionsService;
  readonly webhooks: WebhooksService;
  /** The jobs page and retries: needs the queue (attachQueue). */
  readonly jobs: JobsService;
  readonly detect: DetectService;
  /** Repository clones for "already implemented?" (`loupe repo clone`). */
  readonly clones: ClonesService;
  /** The configured LLM provider, or null (its SDK is loaded only when one is configured). */
  llm(): Promise<LlmProvider | null>;
  /**
   * Gives the services this process's job queue: repositories added or synced through `repos` then
   * get a durable sync job, and `jobs` lists and retries. Call it before the first use of either.
   */
  attachQueue(queue: JobQueue, queueNames: readonly string[]): void;
  /** The queue attached, if any. */
  readonly queue: JobQueue | null;
  close(): Promise<void>;
}

/**
 * Opens the database the config names (a PGlite data dir, locked to this process, or PostgreSQL),
 * brings its schema up to date and loads the secret box; services are built on first use.
 */
export async function createLoupe(config: LoupeConfig, options: CreateLoupeOptions): Promise<Loupe> {
  // The GitHub client (Octokit) loads while the database starts: PGlite's start-up is CPU on this
  // thread, module loading mostly on tsx's loader thread.
  const sourcesModule = options.sources === false ? Promise.resolve(null) : loadSources(config, options);
  sourcesModule.catch(() => undefined);
  // Process-wide, and read when WebAssembly is compiled: set before the database starts.
  if (options.shortLived && config.database.engine === 'pglite') setFlagsFromString('--liftoff-only');
  const unlock =
    config.database.engine === 'pglite' ? await lockDataDir(config.database.dataDir, options.purpose) : null;
  let db: Database;
  try {
    db = await openDatabase(
      config.database.engine === 'pglite'
        ? { engine: 'pglite', dataDir: config.database.dataDir }
        : config.database,
    );
  } catch (error) {
    await unlock?.();
    throw error;
  }
  const closeStore = async () => {
    await db.close();
    await unlock?.();
  };
  let secrets: SecretBox | null;
  let loaded: Awaited<typeof sourcesModule>;
  try {
    await migrate(db);
    secrets = await loadSecretBox(config, options.log);
    loaded = await sourcesModule;
  } catch (error) {
    await closeStore();
    throw error;
  }

  const sources = loaded ?? {
    clientFor: () => notLoaded(),
    registry: { get: () => notLoaded(), kinds: () => notLoaded() } satisfies SourceRegistry,
  };
  let queue: JobQueue | null = null;
  let queueNames: readonly string[] = [];
  const built = new Map<string, unknown>();
  /** Builds a service on first use, then hands out the same one. */
  const once = <T>(name: string, build: () => T): T => {
    if (!built.has(name)) built.set(name, build());
    return built.get(name) as T;
  };

  return {
    config,
    db,
    clientFor: sources.clientFor,
    sources: sources.registry,
    secrets,
    get access() {
      return once('access', () => createAccessService({ db }));
    },
    get repos() {
      return once('repos', () =>
        createReposService({
          db,
          sources: sources.registry,
          secrets,
          githubApiUrl: config.github.apiUrl,
          ...(queue
            ? {
                enqueueSync: (repoId: number, jobId: string) =>
                  queue!.enqueue('sync-repo', { repoId }, { id: jobId }),
              }
            : {}),
        }),
      );
    },
    get issues() {
      return once('issues', () => createIssuesService({ db }));
    },
    get events() {
      return once('events', () => createEventsService({ db }));
    },
    get concepts() {
      return once('concepts', () => createConceptsService({ db }));
    },
    get connections() {
      return once('connections', () =>
        createConnectionsService({ db, secrets, kinds: () => sources.registry.kinds() }),
      );
    },
    get webhooks() {
      return once('webhooks', () => createWebhooksService({ db }));
    },
    get jobs() {
      return once('jobs', () =>
        createJobsService({
          db,
          queues: queueNames,
          retry: (name, id) => {
            if (!queue)
              throw new LoupeError(
                'INVALID_INPUT',
                'This process runs no job queue: retry the job through `loupe start` or a running server.',
              );
            return queue.retry(name, id);
          },
        }),
      );
    },
    get clones() {
      return once('clones', () =>
        createClonesService({ db, cloneRoot: path.join(config.dataDir, 'clones') }),
      );
    },
    get detect() {
      return once('detect', (): DetectService => ({
        // Loaded on use: the detector pulls in the TypeScript compiler.
        loadIssue: async (ref) => (await import('../services/detect.service.ts')).loadIssueForDetect(db, ref),
        judge: async (input) => (await import('../services/detect.service.ts')).detectInRepository(input),
      }));
    },
    async llm() {
      if (!config.llm.provider) return null;
      return (await import('../guidance/providers/select-provider.ts')).selectLlmProvider(config.llm);
    },
    attachQueue(attached, names) {
      if (built.has('repos') || built.has('jobs'))
        throw new Error('attachQueue must come before the first use of repos or jobs');
      queue = attached;
      queueNames = names;
    },
    get queue() {
      return queue;
    },
    close: closeStore,
  };
}

function notLoaded(): never {
  throw new Error('This Loupe was created with { sources: false }: it reads no source.');
}

/** The GitHub clients and the source registry, loaded on demand (Octokit and its plugins). */
async function loadSources(config: LoupeConfig, options: CreateLoupeOptions) {
  const [{ createGitHubCheckClient, createGitHubClient }, { createSourceRegistry }] = await Promise.all([
    import('../sources/github/github-client.ts'),
    import('../sources/source-registry.ts'),
  ]);
  const token = options.token ?? config.github.token;
  const onLog = options.log ? { onLog: options.log } : {};
  // A connection's token gets its own client (its own rate-limit state); undefined means the process's token.
  const tokenOf = (credentials: string | null | undefined) =>
    credentials === undefined ? token : credentials;
  const clientFor = onePerKey(
    (apiUrl, clientToken) =>
      createGitHubClient({
        token: clientToken,
        apiUrl,
        maxRateLimitWaitSeconds: config.maxRateLimitWaitSeconds,
        ...onLog,
      }),
    tokenOf,
  );
  const checkClientFor = onePerKey(
    (apiUrl, clientToken) => createGitHubCheckClient({ token: clientToken, apiUrl, ...onLog }),
    tokenOf,
  );
  return { clientFor, registry: createSourceRegistry({ github: { clientFor, checkClientFor } }) };
}

/** One client per API URL and token, made on first use. */
function onePerKey(
  make: (apiUrl: string, token: string | null) => GitHubOctokit,
  tokenOf: (credentials: string | null | undefined) => string | null,
): (apiUrl: string, credentials?: string | null) => GitHubOctokit {
  const clients = new Map<string, GitHubOctokit>();
  return (apiUrl, credentials) => {
    const clientToken = tokenOf(credentials);
    const key = `${apiUrl}\u0000${clientToken ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = make(apiUrl, clientToken);
      clients.set(key, client);
    }
    return client;
  };
}
