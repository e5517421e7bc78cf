/**
 * Turns the file readers' errors into LoupeErrors the CLI reports plainly (their messages already
 * name the file, line and what was expected), and reports records skipped with --skip-bad.
 */
import { LoupeError } from '../core/errors.ts';
import { FileRecordError, FileSourceError, readIssueRecords } from '../sources/files/index.ts';
import type { FileRecordError as RecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';

/** A reader error as an INVALID_INPUT LoupeError (with code, path and line in details); others unchanged. */
export function asInputError(error: unknown): unknown {
  if (error instanceof FileRecordError) {
    return new LoupeError('INVALID_INPUT', `${error.message} (use --skip-bad to skip malformed records)`, {
      code: error.code,
      path: error.path,
      line: error.line,
    });
  }
  if (error instanceof FileSourceError) {
    return new LoupeError('INVALID_INPUT', error.message, { code: error.code, path: error.path });
  }
  return error;
}

/** Runs `fn`, rethrowing reader errors as LoupeErrors. */
export async function withInputErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asInputError(error);
  }
}

/**
 * An onSkip callback that writes the first `max` skipped records (file, line, reason) to `write`
 * and then one note that more were skipped; the total is in each command's report.
 */
export function createSkipReporter(write: (line: string) => void, max = 10): (error: RecordError) => void {
  let seen = 0;
  return (error) => {
    seen++;
    if (seen <= max) write(`loupe: skipped ${error.message}`);
    else if (seen === max + 1)
      write(`loupe: skipping further malformed records (the count is in the report)`);
  };
}

const FORMATS = ['auto', 'jsonl', 'csv', 'fasttext'] as const;

/** Validates a --format value. */
export function parseFormat(value: string | undefined): IssueFileFormat | 'auto' {
  const format = (value ?? 'auto').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new LoupeError('INVALID_INPUT', `--format must be one of ${FORMATS.join(', ')} (got "${value}")`);
  }
  return format as IssueFileFormat | 'auto';
}

/** The reading options every eval command shares. */
export interface RecordReadOptions {
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: RecordError) => void;
}

/** Opens an issue file with a command's options; `skipped()` counts the records --skip-bad dropped so far. */
export function readCountedRecords(
  path: string,
  options: RecordReadOptions,
): { records: AsyncGenerator<IssueRecord>; skipped: () => number } {
  let skipped = 0;
  const records = readIssueRecords(path, {
    format: options.format ?? 'auto',
    skipBad: options.skipBad ?? false,
    onSkip: (error) => {
      skipped++;
      options.onSkip?.(error);
    },
  });
  return { records, skipped: () => skipped };
}
