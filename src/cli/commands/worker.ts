import type { Command } from 'commander';
import { LoupeError } from '../../core/errors.ts';
import { startJobQueue } from '../../jobs/job-queue.ts';
import { selectLlmProvider } from '../../guidance/providers/select-provider.ts';
import { startProcessLiveness } from '../../jobs/process-liveness.ts';
import { registerWorkers } from '../../jobs/register-workers.ts';
import { openWorkspace } from '../../services/workspace.ts';
import { startTracing } from '../../tracing/tracing.ts';
import { action } from '../cli-error.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run background job workers only (PostgreSQL mode: start as many as you like)')
    .option('--concurrency <n>', 'sync jobs run at once in this process', '2')
    .action(action(async (options: { concurrency: string }) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
        throw new LoupeError('INVALID_INPUT', `--concurrency must be an integer from 1 to 32 (got "${options.concurrency}")`);
      }
      const workspace = await openWorkspace({ purpose: 'loupe worker' });
      if (workspace.config.database.engine === 'pglite') {
        await workspace.close();
        throw new LoupeError('INVALID_INPUT', 'Separate workers need a shared database: set DATABASE_URL to a PostgreSQL server (the embedded PGlite runs its workers inside `loupe start`).');
      }
      const tracing = await startTracing(workspace.config.tracing);
      const liveness = await startProcessLiveness(workspace.db, { role: 'worker', exclusive: false, log: (m) => process.stdout.write(`${m}\n`) });
      const queue = await startJobQueue(workspace.db, { onError: (e) => process.stderr.write(`worker: ${e.message}\n`), workerId: liveness.workerId });
      await liveness.attachQueue(queue);
      const shutdown = new AbortController();
      const workers = await registerWorkers(
        { db: workspace.db, queue, sources: workspace.sources, secrets: workspace.secrets, log: (m) => process.stdout.write(`${m}\n`), signal: shutdown.signal, llm: selectLlmProvider(workspace.config.llm), workerId: liveness.workerId },
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
      await workspace.close();
      await tracing.shutdown();
    }));
}
