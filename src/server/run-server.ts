import type { LoupeConfig } from '../config.ts';
import { LoupeError } from '../core/errors.ts';
import { Registry } from 'prom-client';
import { createLoupe, type Loupe } from '../app/create-loupe.ts';
import { createJobMetrics } from '../jobs/job-metrics.ts';
import { startJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { QUEUE_NAMES } from '../jobs/job-registry.ts';
import { startProcessLiveness } from '../jobs/process-liveness.ts';
import { registerWorkers } from '../jobs/register-workers.ts';
import { generateDemoDataset, startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { startTracing } from '../tracing/tracing.ts';
import { buildServer, LOUPE_VERSION } from './app.ts';
import { prepareDemoClone } from './demo-clone.ts';
import { loadDemoWorkspace, DEMO_SEED } from './demo-workspace.ts';

export interface RunningLoupe {
  url: string;
  loupe: Loupe;
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
  const loupe = await createLoupe(config, { purpose: 'loupe start' }).catch(async (error: unknown) => {
    await tracing.shutdown();
    throw error;
  });
  const closers: (() => Promise<void>)[] = [() => tracing.shutdown(), () => loupe.close()];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => undefined);
  };
  try {
    // Only one process uses a PGlite data dir, so whatever another process left running was cut short.
    const liveness = await startProcessLiveness(loupe.db, {
      role: 'server',
      exclusive: config.database.engine === 'pglite',
      log: (m) => process.stderr.write(`${m}\n`),
    });
    closers.push(() => liveness.stop());
    const metrics = new Registry();
    const queue = await startJobQueue(loupe.db, {
      workerId: liveness.workerId,
      metrics: createJobMetrics(metrics, { countsByState: () => loupe.jobs.countsByState() }),
    });
    loupe.attachQueue(queue, QUEUE_NAMES);
    await liveness.attachQueue(queue);
    // Jobs stop at their next safe point (a saved page or analysis) before the queue and database close.
    const shutdown = new AbortController();
    closers.push(async () => {
      shutdown.abort();
      await queue.stop();
    });
    let emulator: GitHubEmulator | null = null;
    const demo = options.demo === 'auto' && !config.github.token;
    if (demo) {
      const size = options.demoSize ?? { repos: 4, issuesPerRepo: 600 };
      const dataset = generateDemoDataset({ seed: DEMO_SEED, ...size });
      emulator = await startGitHubEmulator({ dataset });
      closers.push(() => emulator!.close());
      await loadDemoWorkspace({
        db: loupe.db,
        repos: loupe.repos,
        emulatorUrl: emulator.url,
        repoNames: dataset.repos.map((r) => `${r.owner}/${r.name}`),
      });
      // A small git history for loupe-demo/lumen, so the demo shows "already implemented?" verdicts.
      const log = (m: string) => process.stderr.write(`${m}\n`);
      await prepareDemoClone({ clones: loupe.clones, dataDir: config.dataDir, log });
    }
    if (config.inProcessWorkers) {
      const workers = await registerWorkers(
        {
          db: loupe.db,
          queue,
          sources: loupe.sources,
          secrets: loupe.secrets,
          signal: shutdown.signal,
          llm: await loupe.llm(),
          workerId: liveness.workerId,
        },
        { 'sync-repo': 2, 'analyze-repo': 1 },
      );
      closers.push(() => workers.stop());
    }
    // Issues whose analysis is missing or from an older model version are (re)analysed in the background.
    // Only ids are needed: the plain list, not the per-repository counts of the overview.
    const enqueueAnalysisOfAll = async (workspaceId?: number) => {
      for (const repo of await loupe.repos.listRecords(workspaceId))
        await queue.enqueue('analyze-repo', { repoId: repo.id });
    };
    await enqueueAnalysisOfAll();
    const app = await buildServer({
      db: loupe.db,
      repos: loupe.repos,
      issues: loupe.issues,
      webhooks: loupe.webhooks,
      events: loupe.events,
      jobs: loupe.jobs,
      access: loupe.access,
      metrics,
      githubWebhookSecret: config.github.webhookSecret,
      afterConceptsSaved: enqueueAnalysisOfAll,
      workspace: { demo, githubApiUrl: emulator?.url ?? config.github.apiUrl },
      connections: loupe.connections,
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
    const address = await app
      .listen({ host: config.host, port: config.port })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          throw new LoupeError(
            'INVALID_INPUT',
            `${config.host}:${config.port} is already in use: stop what listens there, or choose another port with PORT=… or --port.`,
          );
        }
        throw error;
      });
    return { url: address.replace('[::1]', 'localhost'), loupe, queue, demo, close };
  } catch (error) {
    await close();
    throw error;
  }
}
