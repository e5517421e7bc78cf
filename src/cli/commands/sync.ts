import type { Command } from 'commander';
import type { Loupe } from '../../app/create-loupe.ts';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import { action } from '../cli-error.ts';
import { withLoupe } from '../open-loupe.ts';

interface SyncOptions {
  token?: string;
  analyze: boolean;
}

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Sync one repository (or every repository) now, in the foreground')
    .argument('[owner/name]', 'repository to sync; all when omitted')
    .option('--token <token>', 'GitHub token (default: GITHUB_TOKEN)')
    .option(
      '--no-analyze',
      'skip analysing changed issues (type, difficulty, concepts, duplicates) after the sync',
    )
    .action(
      action(async (fullName: string | undefined, options: SyncOptions) => {
        await withLoupe(
          {
            purpose: 'loupe sync',
            token: options.token ?? null,
            log: (m) => process.stderr.write(`\n${m}\n`),
          },
          (loupe) => syncRepos(loupe, fullName, options),
        );
      }),
    );
}

async function syncRepos(loupe: Loupe, fullName: string | undefined, options: SyncOptions): Promise<void> {
  // The sync engine and the analysis load with this command, not with the CLI.
  const [
    { createSyncProgressPrinter },
    { runRepoAnalysis },
    { searchLexiconConsumer },
    { startEventDispatcher },
    { startProcessLiveness },
    { runRepoSync },
    { totalRequests },
  ] = await Promise.all([
    import('../progress.ts'),
    import('../../jobs/analyze-repo.job.ts'),
    import('../../jobs/event-consumers.ts'),
    import('../../jobs/event-dispatcher.ts'),
    import('../../jobs/process-liveness.ts'),
    import('../../jobs/sync-repo.job.ts'),
    import('../../jobs/sync-source.ts'),
  ]);
  const printer = createSyncProgressPrinter();
  // A run this process leaves behind when killed is marked interrupted by the next process to look.
  const liveness = await startProcessLiveness(loupe.db, {
    role: 'cli',
    exclusive: loupe.config.database.engine === 'pglite',
  });
  try {
    if (fullName) parseRepoFullName(fullName);
    const targets = fullName
      ? [await loupe.repos.findInAnyWorkspace(fullName)]
      : await loupe.repos.listRecords();
    if (targets.length === 0)
      throw new LoupeError('INVALID_INPUT', 'No repositories yet: add one with `loupe repo add owner/name`.');
    const missing = targets.findIndex((t) => t === null);
    if (missing >= 0)
      throw new LoupeError(
        'NOT_FOUND',
        `${fullName} is not in this workspace: add it with \`loupe repo add ${fullName}\`.`,
      );
    let failures = 0;
    for (const repo of targets) {
      try {
        const result = await runRepoSync(
          {
            db: loupe.db,
            sources: loupe.sources,
            secrets: loupe.secrets,
            onProgress: printer.update,
            workerId: liveness.workerId,
          },
          repo!.id,
        );
        const requests = totalRequests(result);
        printer.done(
          result.upToDate
            ? `${repo!.fullName}: up to date (${requests} request${requests === 1 ? '' : 's'}, ${result.notModified} not modified)`
            : `${repo!.fullName}: ${result.issuesSynced} issues and ${result.commentsSynced} comments synced with ${requests} requests`,
        );
        if (options.analyze) {
          const analysed = await runRepoAnalysis(
            {
              db: loupe.db,
              llm: await loupe.llm(),
              onProgress: (p) =>
                printer.note(
                  `${repo!.fullName}: analysed ${p.analyzed} of ${p.analyzed + p.pending} changed issues`,
                ),
            },
            repo!.id,
          );
          if (analysed.analyzed > 0) printer.done(`${repo!.fullName}: analysed ${analysed.analyzed} issues`);
          // With a clone (`loupe repo clone`): fetch it, then judge the issues at its head.
          const { runRepoDetection } = await import('../../jobs/judge-implemented.ts');
          const { fetchRepositoryClone } = await import('../../services/clones.service.ts');
          await fetchRepositoryClone(loupe.db, repo!.id).catch((error: Error) =>
            printer.done(`${repo!.fullName}: clone not fetched: ${error.message}`),
          );
          const judged = await runRepoDetection({ db: loupe.db }, repo!.id);
          if (judged.judged > 0)
            printer.done(`${repo!.fullName}: judged ${judged.judged} issues ("already implemented?")`);
        }
      } catch (error) {
        failures++;
        printer.done(`${repo!.fullName}: sync failed: ${(error as Error).message}`);
      }
    }
    // The lexicon's consumer takes in what these syncs wrote now (its cursor moves, so the server
    // does not redo it); analysis was run above, and the server's analysis consumer finds it done.
    const lexicon = await startEventDispatcher(loupe.db, [searchLexiconConsumer({ db: loupe.db })], {
      holder: liveness.workerId,
      pollSeconds: 3600,
    });
    await lexicon.drain();
    await lexicon.stop();
    if (failures > 0) process.exitCode = 1;
  } finally {
    await liveness.stop();
  }
}
