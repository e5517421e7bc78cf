import type { LoupeConfig } from '../config.ts';
import { LoupeError } from '../core/errors.ts';
import { Registry } from 'prom-client';
import { createJobMetrics } from '../jobs/job-metrics.ts';
import { startJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { QUEUE_NAMES } from '../jobs/job-registry.ts';
import { createEventsService } from '../services/events.service.ts';
import { createConnectionsService } from '../services/connections.service.ts';
import { createJobsService } from '../services/jobs.service.ts';
import { selectLlmProvider } from '../guidance/providers/select-provider.ts';
import { startProcessLiveness } from '../jobs/process-liveness.ts';
import { registerWorkers } from '../jobs/register-workers.ts';
import { createIssuesService } from '../services/issues.service.ts';
import { createReposService } from '../services/repos.service.ts';
import { createWebhooksService } from '../services/webhooks.service.ts';
import { openWorkspace, type Workspace } from '../services/workspace.ts';
import { generateDemoDataset, startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { createJobRepository } from '../store/job.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { startTracing } from '../tracing/tracing.ts';
import { buildServer, LOUPE_VERSION } from './app.ts';
import { loadDemoWorkspace, DEMO_SEED } from './demo-workspace.ts';

export interface RunningLoupe {
  url: string;
  workspace: Workspace;
  queue: JobQueue;
  demo: boolean;
  close(): Promise<void>;
}

export interface RunServerOptions {
  config: LoupeConfig;
  /** 'auto': offer the demo workspace when there is no GitHub token. */
  demo: 'auto' | 'off';
  /** Size of the generated demo organisation (tests use a small one). */
  demoSize?: { repos: number; issuesPerRepo: number };
  serveWeb?: boolean;
}

/**
 * Starts Loupe as `npm start` does: database + migrations, durable job queue with in-process workers,
 * the demo emulator when there is no token, and the HTTP server.
 */
export async function runLoupeServer(options: RunServerOptions): Promise<RunningLoupe> {
  const { config } = options;
  // First to start and last to stop: the spans of everything below are exported before exit.
  const tracing = await startTracing(config.tracing, { serviceVersion: LOUPE_VERSION });
  const workspace = await openWorkspace({ config, purpose: 'loupe start' }).catch(async (error: unknown) => {
    await tracing.shutdown();
    throw error;
  });
  const closers: (() => Promise<void>)[] = [() => tracing.shutdown(), () => workspace.close()];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => undefined);
  };
  try {
    // Only one process uses a PGlite data dir, so whatever another process left running was cut short.
    const liveness = await startProcessLiveness(workspace.db, {
      role: 'server', exclusive: config.database.engine === 'pglite', log: (m) => process.stderr.write(`${m}\n`),
    });
    closers.push(() => liveness.stop());
    const metrics = new Registry();
    const queue = await startJobQueue(workspace.db, { workerId: liveness.workerId, metrics: createJobMetrics(metrics, { countsByState: () => createJobRepository(workspace.db).countsByState(QUEUE_NAMES) }) });
    await liveness.attachQueue(queue);
    // Jobs stop at their next safe point (a saved page or analysis) before the queue and database close.
    const shutdown = new AbortController();
    closers.push(async () => {
      shutdown.abort();
      await queue.stop();
    });
    const repos = createReposService({ db: workspace.db, sources: workspace.sources, enqueueSync: (repoId) => queue.enqueue('sync-repo', { repoId }), githubApiUrl: config.github.apiUrl });

    let emulator: GitHubEmulator | null = null;
    const demo = options.demo === 'auto' && !config.github.token;
    if (demo) {
      const size = options.demoSize ?? { repos: 4, issuesPerRepo: 600 };
      const dataset = generateDemoDataset({ seed: DEMO_SEED, ...size });
      emulator = await startGitHubEmulator({ dataset });
      closers.push(() => emulator!.close());
      await loadDemoWorkspace({
        db: workspace.db,
        repos,
        emulatorUrl: emulator.url,
        repoNames: dataset.repos.map((r) => `${r.owner}/${r.name}`),
      });
    }
    if (config.inProcessWorkers) {
      const workers = await registerWorkers(
        { db: workspace.db, queue, sources: workspace.sources, secrets: workspace.secrets, signal: shutdown.signal, llm: selectLlmProvider(workspace.config.llm), workerId: liveness.workerId },
        { 'sync-repo': 2, 'analyze-repo': 1 },
      );
      closers.push(() => workers.stop());
    }
    // Issues whose analysis is missing or from an older model version are (re)analysed in the background.
    // Only ids are needed: the plain list, not the per-repository counts of the overview.
    const enqueueAnalysisOfAll = async (workspaceId?: number) => {
      for (const repo of await createRepoRepository(workspace.db).list(workspaceId)) await queue.enqueue('analyze-repo', { repoId: repo.id });
    };
    await enqueueAnalysisOfAll();
    const app = await buildServer({
      db: workspace.db,
      repos,
      issues: createIssuesService({ db: workspace.db }),
      webhooks: createWebhooksService({ db: workspace.db }),
      events: createEventsService({ db: workspace.db }),
      jobs: createJobsService({ db: workspace.db, queues: QUEUE_NAMES, retry: (name, id) => queue.retry(name, id) }),
      metrics,
      githubWebhookSecret: config.github.webhookSecret,
      afterConceptsSaved: enqueueAnalysisOfAll,
      workspace: { demo, githubApiUrl: emulator?.url ?? config.github.apiUrl },
      connections: createConnectionsService({ db: workspace.db, secrets: workspace.secrets, kinds: () => workspace.sources.kinds() }),
      auth: {
        mode: config.auth.mode,
        // Local mode opens on the demo while it runs (the demo is its own workspace), else on the user's own.
        defaultWorkspaceSlug: demo ? 'demo' : 'default',
        rateLimitPerMinute: config.auth.rateLimitPerMinute,
        secureCookies: (config.auth.publicUrl ?? '').startsWith('https://'),
        ...(config.auth.mode === 'github'
          ? {
              github: {
                clientId: config.auth.githubClientId!,
                clientSecret: config.auth.githubClientSecret!,
                webUrl: config.auth.githubWebUrl,
                apiUrl: config.github.apiUrl,
                publicUrl: config.auth.publicUrl ?? `http://${config.host}:${config.port}`,
              },
            }
          : {}),
      },
      logLevel: config.logLevel,
      ...(options.serveWeb !== undefined ? { serveWeb: options.serveWeb } : {}),
    });
    closers.push(() => app.close());
    const address = await app.listen({ host: config.host, port: config.port }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        throw new LoupeError('INVALID_INPUT', `${config.host}:${config.port} is already in use: stop what listens there, or choose another port with PORT=… or --port.`);
      }
      throw error;
    });
    return { url: address.replace('[::1]', 'localhost'), workspace, queue, demo, close };
  } catch (error) {
    await close();
    throw error;
  }
}
