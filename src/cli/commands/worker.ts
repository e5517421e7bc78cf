import type { Command } from 'commander';
import { LoupeError } from '../../core/errors.ts';
import { action } from '../cli-error.ts';
import { openLoupe } from '../open-loupe.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run background job workers only (PostgreSQL mode: start as many as you like)')
    .option('--concurrency <n>', 'sync jobs run at once in this process', '2')
    .action(
      action(async (options: { concurrency: string }) => {
        const concurrency = Number(options.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
          throw new LoupeError(
            'INVALID_INPUT',
            `--concurrency must be an integer from 1 to 32 (got "${options.concurrency}")`,
          );
        }
        const loupe = await openLoupe({ purpose: 'loupe worker' });
        if (loupe.config.database.engine === 'pglite') {
          await loupe.close();
          throw new LoupeError(
            'INVALID_INPUT',
            'Separate workers need a shared database: set DATABASE_URL to a PostgreSQL server (the embedded PGlite runs its workers inside `loupe start`).',
          );
        }
        const [
          { startJobQueue },
          { QUEUE_NAMES },
          { startProcessLiveness },
          { registerWorkers },
          { startTracing },
        ] = await Promise.all([
          import('../../jobs/job-queue.ts'),
          import('../../jobs/job-registry.ts'),
          import('../../jobs/process-liveness.ts'),
          import('../../jobs/register-workers.ts'),
          import('../../tracing/tracing.ts'),
        ]);
        const tracing = await startTracing(loupe.config.tracing);
        const liveness = await startProcessLiveness(loupe.db, {
          role: 'worker',
          exclusive: false,
          log: (m) => process.stdout.write(`${m}\n`),
        });
        const queue = await startJobQueue(loupe.db, {
          onError: (e) => process.stderr.write(`worker: ${e.message}\n`),
          workerId: liveness.workerId,
        });
        loupe.attachQueue(queue, QUEUE_NAMES);
        await liveness.attachQueue(queue);
        const shutdown = new AbortController();
        const workers = await registerWorkers(
          {
            db: loupe.db,
            queue,
            sources: loupe.sources,
            secrets: loupe.secrets,
            log: (m) => process.stdout.write(`${m}\n`),
            signal: shutdown.signal,
            llm: await loupe.llm(),
            workerId: liveness.workerId,
          },
          { 'sync-repo': concurrency, 'analyze-repo': 1 },
        );
        process.stdout.write(`Loupe worker running (${concurrency} sync jobs at once); Ctrl-C to stop.\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        shutdown.abort();
        await workers.stop();
        await queue.stop();
        await liveness.stop();
        await loupe.close();
        await tracing.shutdown();
      }),
    );
}
