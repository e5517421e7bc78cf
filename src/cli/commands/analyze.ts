import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { LoupeError } from '../../core/errors.ts';
import { action } from '../cli-error.ts';

const HELP = `
Writes one JSON line per issue: id, repo, line, type (label and probabilities), difficulty (level and
good-first-issue score), concepts, and the top duplicate candidates within the file (same repository)
with their scores. The file is read twice: first every issue is indexed into a temporary Loupe store
(removed afterwards), then each issue is analysed and its duplicates are retrieved with Loupe's
retrieval SQL and re-ranked. Memory stays bounded by one record plus the word statistics.

Files: JSON Lines of GitHub REST issue objects, CSV with a header row (title/Summary,
body/Description, optional id/Issue id, repo, label, created_at …) or fastText lines; .gz accepted.`;

/** The reader of stdout went away (`loupe analyze f | head`): stop reading, exit quietly. */
class OutputClosed extends Error {}

const isBrokenPipe = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';

/** Writes a line, waiting when the stream's buffer is full so a large file never piles up in memory. */
async function writeLine(out: Writable, line: string): Promise<void> {
  if (out.destroyed) throw new OutputClosed();
  try {
    if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  } catch (error) {
    throw isBrokenPipe(error) ? new OutputClosed() : error;
  }
}

/** Registers `loupe analyze <file>`. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('Analyse every issue of a file: type, difficulty, concepts, duplicates (JSON lines)')
    .argument('<file>', 'issues file (JSONL, CSV or fastText; .gz accepted)')
    .option('--out <file>', 'write the JSON lines here instead of stdout')
    .option('--duplicates <n>', 'duplicate candidates per issue', '10')
    .option('--format <format>', 'input format: auto, jsonl, csv or fasttext', 'auto')
    .option('--skip-bad', 'skip malformed records (counted) instead of stopping')
    .addHelpText('after', HELP)
    .action(
      action(
        async (
          file: string,
          options: { out?: string; duplicates: string; format?: string; skipBad?: boolean },
        ) => {
          const [{ analyzeFile }, { createSkipReporter, parseFormat, withInputErrors }] = await Promise.all([
            import('../../eval/analyze-file.ts'),
            import('../../eval/input-errors.ts'),
          ]);
          const duplicates = Number(options.duplicates);
          if (!Number.isInteger(duplicates) || duplicates < 0 || duplicates > 100) {
            throw new LoupeError(
              'INVALID_INPUT',
              `--duplicates must be 0 to 100 (got "${options.duplicates}")`,
            );
          }
          const format = parseFormat(options.format);
          const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
          let broken = false;
          out.on('error', (error) => {
            // Reported through the next write; EPIPE just means nobody reads any more.
            broken = broken || isBrokenPipe(error);
          });
          const run = withInputErrors(() =>
            analyzeFile({
              path: file,
              format,
              duplicates,
              skipBad: options.skipBad ?? false,
              onSkip: createSkipReporter((line) => process.stderr.write(`${line}\n`)),
              onResult: (analysis) => {
                if (broken) throw new OutputClosed();
                return writeLine(out, JSON.stringify(analysis));
              },
            }),
          ).finally(async () => {
            if (options.out) {
              out.end();
              await once(out, 'close');
            }
          });
          const summary = await run.catch((error: unknown) => {
            if (error instanceof OutputClosed) return null;
            throw error;
          });
          if (summary === null) return;
          const skipped =
            summary.recordsSkipped > 0
              ? `; skipped ${summary.recordsSkipped} malformed record${summary.recordsSkipped === 1 ? '' : 's'}`
              : '';
          const note = `analyzed ${summary.issues} issue${summary.issues === 1 ? '' : 's'}${options.out ? ` into ${options.out}` : ''}${skipped}\n`;
          // With --out, stdout carries the summary; without, stdout is the JSON lines alone.
          (options.out ? process.stdout : process.stderr).write(note);
        },
      ),
    );
}
