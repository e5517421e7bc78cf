import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue, type JobQueue } from '../../src/jobs/job-queue.ts';
import { QUEUE_NAMES } from '../../src/jobs/job-registry.ts';
import { TRACE_CONTEXT_KEY } from '../../src/jobs/job-trace-context.ts';
import { registerWorkers, type RunningWorkers } from '../../src/jobs/register-workers.ts';
import { buildServer } from '../../src/server/app.ts';
import { createEventsService } from '../../src/services/events.service.ts';
import { createIssuesService } from '../../src/services/issues.service.ts';
import { createJobsService } from '../../src/services/jobs.service.ts';
import { createReposService } from '../../src/services/repos.service.ts';
import { createWebhooksService } from '../../src/services/webhooks.service.ts';
import {
  generateDemoDataset,
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../src/emulators/github/index.ts';
import { createGitHubClient } from '../../src/sources/github/github-client.ts';
import { createSourceRegistry } from '../../src/sources/source-registry.ts';
import type { Database } from '../../src/store/db.ts';
import { createRepoRepository } from '../../src/store/repo.repository.ts';
import { startTracing, type RunningTracing } from '../../src/tracing/tracing.ts';
import { openTestDatabase } from '../test-database.ts';
import { waitFor } from '../wait-for.ts';

// What a caller (a browser with its own instrumentation, a gateway) sends: the request continues it.
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

describe('tracing: one trace from POST /api/repos/:id/sync through the sync job to GitHub', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  let db: Database;
  let emulator: GitHubEmulator;
  let queue: JobQueue;
  let workers: RunningWorkers;
  let app: FastifyInstance;
  let repoId: number;

  beforeAll(async () => {
    // Before the server is built: its request hooks are only added while tracing is on.
    tracing = await startTracing(null, { exporter });
    db = await openTestDatabase();
    const dataset = generateDemoDataset({ seed: 11, repos: 1, issuesPerRepo: 40 });
    emulator = await startGitHubEmulator({ dataset });
    queue = await startJobQueue(db);
    const client = createGitHubClient({ token: null, apiUrl: emulator.url, retryBaseMs: 5 });
    const sources = createSourceRegistry({ github: { clientFor: () => client } });
    workers = await registerWorkers(
      { db, queue, sources, llm: null, consumers: [] },
      { 'sync-repo': 1, 'analyze-repo': 1 },
    );
    app = await buildServer({
      db,
      repos: createReposService({
        db,
        sources,
        enqueueSync: (id) => queue.enqueue('sync-repo', { repoId: id }),
        githubApiUrl: emulator.url,
      }),
      issues: createIssuesService({ db }),
      webhooks: createWebhooksService({ db }),
      events: createEventsService({ db }),
      jobs: createJobsService({ db, queues: QUEUE_NAMES, retry: (name, id) => queue.retry(name, id) }),
      githubWebhookSecret: null,
      workspace: { demo: false, githubApiUrl: emulator.url },
      logLevel: 'silent',
      serveWeb: false,
    });
    const { owner, name } = dataset.repos[0]!;
    repoId = (await createRepoRepository(db).add({ owner, name, apiUrl: emulator.url })).repo.id;
  });
  afterAll(async () => {
    await app?.close();
    await workers?.stop();
    await queue?.stop();
    await emulator?.close();
    await db?.close();
    await tracing?.shutdown();
  });

  it("links the request, the job it queued, and every GitHub call of the sync into the caller's trace", async () => {
    // One 502 on the first issues page: its retry must show as a second HTTP attempt under one call.
    emulator.injectFault({ kind: 'status', status: 502, path: /\/issues\?/, times: 1 });
    const response = await app.inject({
      method: 'POST',
      url: `/api/repos/${repoId}/sync`,
      headers: { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
    });
    expect(response.statusCode).toBe(202);
    const { jobId } = response.json() as { jobId: string };

    const consumer = await waitFor(
      async () => exporter.getFinishedSpans().find((s) => s.name === 'process sync-repo'),
      60,
      "the sync job's span to end",
    );
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanContext?.spanId ?? '');
    const ancestors = (span: ReadableSpan) => {
      const chain: ReadableSpan[] = [];
      for (let p = parentOf(span); p; p = parentOf(p)) chain.push(p);
      return chain;
    };

    const server = spans.find((s) => s.name === 'POST /api/repos/:id/sync')!;
    expect(server).toBeDefined();
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(server.attributes).toMatchObject({
      'http.route': '/api/repos/:id/sync',
      'http.response.status_code': 202,
    });

    const producer = spans.find(
      (s) => s.name === 'send sync-repo' && s.attributes['messaging.message.id'] === jobId,
    )!;
    expect(producer).toBeDefined();
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(producer)).toBe(server);

    expect(consumer.kind).toBe(SpanKind.CONSUMER);
    expect(consumer.attributes['messaging.message.id']).toBe(jobId);
    expect(consumer.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(parentOf(consumer)).toBe(producer);
    expect(consumer.status.code).not.toBe(SpanStatusCode.ERROR);

    const calls = spans.filter((s) => s.name.startsWith('GitHub GET '));
    expect(calls.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'GitHub GET /repos/{owner}/{repo}',
        'GitHub GET /repos/{owner}/{repo}/issues',
        'GitHub GET /repos/{owner}/{repo}/issues/comments',
      ]),
    );
    for (const call of calls) {
      expect(call.spanContext().traceId).toBe(CALLER_TRACE_ID);
      expect(ancestors(call)).toContain(consumer);
    }
    const attempts = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(attempts.length).toBeGreaterThan(calls.length); // the 502 and its retry are two attempts of one call
    for (const attempt of attempts) {
      expect(attempt.spanContext().traceId).toBe(CALLER_TRACE_ID);
      expect(calls).toContain(parentOf(attempt));
      expect(String(attempt.attributes['url.full'])).toMatch(new RegExp(`^${emulator.url}/`));
    }
    const failed = attempts.filter((s) => s.attributes['http.response.status_code'] === 502);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.status.code).toBe(SpanStatusCode.ERROR);
    const retried = parentOf(failed[0]!)!;
    expect(retried.name).toBe('GitHub GET /repos/{owner}/{repo}/issues');
    expect(retried.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(
      attempts.filter((s) => parentOf(s) === retried).map((s) => s.attributes['http.response.status_code']),
    ).toEqual([502, 200]);
  });

  it('stores the trace context with the job but keeps it out of the payload the API shows', async () => {
    const [job] = (
      await db.query<{ id: string; data: Record<string, unknown> }>(
        `SELECT id::text AS id, data FROM pgboss.job WHERE name = 'sync-repo' ORDER BY created_on DESC LIMIT 1`,
      )
    ).rows;
    expect(job!.data[TRACE_CONTEXT_KEY]).toMatch(new RegExp(`^00-${CALLER_TRACE_ID}-[0-9a-f]{16}-01$`));
    const listed = (await app.inject({ method: 'GET', url: '/api/jobs?queue=sync-repo' })).json() as {
      queues: { jobs: { id: string; payload: unknown }[] }[];
    };
    expect(listed.queues[0]!.jobs.find((j) => j.id === job!.id)?.payload).toEqual({ repoId });
  });

  it('leaves /health out of traces', async () => {
    exporter.reset();
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/repos' })).statusCode).toBe(200);
    await tracing.flush();
    expect(
      exporter
        .getFinishedSpans()
        .filter((s) => s.kind === SpanKind.SERVER)
        .map((s) => s.name),
    ).toEqual(['GET /api/repos']);
  });
});
