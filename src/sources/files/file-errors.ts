/**
 * Errors raised while reading issue files. Both carry a stable `code` (STYLE habit 9) and a message
 * that names the file, the line and what was expected, so a user can open the file and fix it.
 */
import path from 'node:path';

/** Problems with the file as a whole: it cannot be opened, decoded or understood at all. */
export type FileSourceErrorCode =
  'FILE_NOT_FOUND' | 'FILE_UNREADABLE' | 'NOT_A_FILE' | 'BAD_GZIP' | 'UNKNOWN_FORMAT' | 'MISSING_COLUMN';

/** The whole file cannot be read (never skipped by `skipBad`: there is nothing left to read). */
export class FileSourceError extends Error {
  override readonly name = 'FileSourceError';
  readonly code: FileSourceErrorCode;
  /** The path as the caller gave it. */
  readonly path: string;

  constructor(code: FileSourceErrorCode, filePath: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.path = filePath;
  }
}

/** One record of an otherwise readable file is malformed; `skipBad` skips these. */
export class FileRecordError extends Error {
  override readonly name = 'FileRecordError';
  readonly code = 'BAD_RECORD' as const;
  readonly path: string;
  /** 1-based line where the bad record starts. */
  readonly line: number;
  /** What a good record looks like, e.g. "one GitHub issue object per line". */
  readonly expected: string;
  /** What was wrong, e.g. "invalid JSON (Unexpected token …)". */
  readonly reason: string;

  constructor(details: { path: string; line: number; reason: string; expected: string }) {
    super(
      `${path.basename(details.path)} line ${details.line}: ${details.reason}; expected ${details.expected}`,
    );
    this.path = details.path;
    this.line = details.line;
    this.reason = details.reason;
    this.expected = details.expected;
  }
}

/**
 * What a format mapper throws for one bad record; the reader adds the file and line. Kept apart
 * from FileRecordError so that mappers stay free of file names.
 */
export class RecordProblem extends Error {
  readonly expected: string;

  constructor(reason: string, expected: string) {
    super(reason);
    this.expected = expected;
  }
}
