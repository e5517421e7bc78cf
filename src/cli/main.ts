#!/usr/bin/env node
import { Command } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze.ts';
import { registerConnectionCommand } from './commands/connection.ts';
import { registerDetectCommand } from './commands/detect.ts';
import { registerEmulatorCommand } from './commands/emulator.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerLoginCommands } from './commands/login.ts';
import { registerRepoCommand } from './commands/repo.ts';
import { registerSearchCommand } from './commands/search.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { registerWorkerCommand } from './commands/worker.ts';

const program = new Command()
  .name('loupe')
  .description('Issue intelligence: sync GitHub issues, search them, understand them.')
  .showHelpAfterError()
  .exitOverride((error) => {
    // Commander's own usage errors: message already printed; exit non-zero like every other failure.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

registerStartCommand(program);
registerWorkerCommand(program);
registerRepoCommand(program);
registerConnectionCommand(program);
registerSyncCommand(program);
registerSearchCommand(program);
registerEmulatorCommand(program);
registerEvalCommand(program);
registerAnalyzeCommand(program);
registerDetectCommand(program);
registerLoginCommands(program);

await program.parseAsync(process.argv);
