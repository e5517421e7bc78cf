import type { Command } from 'commander';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import { selectLlmProvider } from '../../guidance/providers/select-provider.ts';
import { runRepoAnalysis } from '../../jobs/analyze-repo.job.ts';
import { searchLexiconConsumer } from '../../jobs/event-consumers.ts';
import { startEventDispatcher } from '../../jobs/event-dispatcher.ts';
import { startProcessLiveness } from '../../jobs/process-liveness.ts';
import { runRepoSync } from '../../jobs/sync-repo.job.ts';
import { totalRequests } from '../../jobs/sync-source.ts';
import { createRepoRepository } from '../../store/repo.repository.ts';
import { openWorkspace } from '../../services/workspace.ts';
import { action } from '../cli-error.ts';
import { createSyncProgressPrinter } from '../progress.ts';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Sync one repository (or every repository) now, in the foreground')
    .argument('[owner/name]', 'repository to sync; all when omitted')
    .option('--token <token>', 'GitHub token (default: GITHUB_TOKEN)')
    .option('--no-analyze', 'skip analysing changed issues (type, difficulty, concepts, duplicates) after the sync')
    .action(action(async (fullName: string | undefined, options: { token?: string; analyze: boolean }) => {
      const printer = createSyncProgressPrinter();
      const workspace = await openWorkspace({ purpose: 'loupe sync', token: options.token ?? null, log: (m) => process.stderr.write(`\n${m}\n`) });
      // A run this process leaves behind when killed is marked interrupted by the next process to look.
      const liveness = await startProcessLiveness(workspace.db, { role: 'cli', exclusive: workspace.config.database.engine === 'pglite' });
      try {
        const repos = createRepoRepository(workspace.db);
        const targets = fullName ? [await repos.findByFullName(`${parseRepoFullName(fullName).owner}/${parseRepoFullName(fullName).name}`)] : await repos.list();
        if (targets.length === 0) throw new LoupeError('INVALID_INPUT', 'No repositories yet: add one with `loupe repo add owner/name`.');
        const missing = targets.findIndex((t) => t === null);
        if (missing >= 0) throw new LoupeError('NOT_FOUND', `${fullName} is not in this workspace: add it with \`loupe repo add ${fullName}\`.`);
        let failures = 0;
        for (const repo of targets) {
          try {
            const result = await runRepoSync({ db: workspace.db, sources: workspace.sources, secrets: workspace.secrets, onProgress: printer.update, workerId: liveness.workerId }, repo!.id);
            const requests = totalRequests(result);
            printer.done(result.upToDate
              ? `${repo!.fullName}: up to date (${requests} request${requests === 1 ? '' : 's'}, ${result.notModified} not modified)`
              : `${repo!.fullName}: ${result.issuesSynced} issues and ${result.commentsSynced} comments synced with ${requests} requests`);
            if (options.analyze) {
              const analysed = await runRepoAnalysis({ db: workspace.db, llm: selectLlmProvider(workspace.config.llm), onProgress: (p) => printer.note(`${repo!.fullName}: analysed ${p.analyzed} of ${p.analyzed + p.pending} changed issues`) }, repo!.id);
              if (analysed.analyzed > 0) printer.done(`${repo!.fullName}: analysed ${analysed.analyzed} issues`);
            }
          } catch (error) {
            failures++;
            printer.done(`${repo!.fullName}: sync failed: ${(error as Error).message}`);
          }
        }
        // The lexicon's consumer takes in what these syncs wrote now (its cursor moves, so the server
        // does not redo it); analysis was run above, and the server's analysis consumer finds it done.
        const lexicon = await startEventDispatcher(workspace.db, [searchLexiconConsumer({ db: workspace.db })], { holder: liveness.workerId, pollSeconds: 3600 });
        await lexicon.drain();
        await lexicon.stop();
        if (failures > 0) process.exitCode = 1;
      } finally {
        await liveness.stop();
        await workspace.close();
      }
    }));
}
