/**
 * Streams IssueRecords out of a plain file: GitHub JSON Lines, CSV with a header row, or fastText
 * lines, each optionally gzip-compressed. Records are yielded as they complete, so memory is bounded
 * by the largest record, never by the file.
 */
import path from 'node:path';
import { parseCsvRows, type CsvRow } from './csv-rows.parser.ts';
import { FileRecordError, FileSourceError, RecordProblem } from './file-errors.ts';
import type { IssueFileFormat, IssueRecord } from './issue-record.ts';
import { mapCsvIssue, resolveCsvColumns, type CsvColumns } from './map-csv-issue.ts';
import { mapFastTextIssue } from './map-fasttext-issue.ts';
import { JSONL_EXPECTED, mapJsonIssue } from './map-json-issue.ts';
import { openTextChunks, peekText } from './text-chunks.ts';
import { splitTextLines } from './text-lines.parser.ts';

export interface ReadIssueRecordsOptions {
  /** 'auto' (default) decides by extension (.jsonl/.ndjson, .csv, each optionally .gz), else sniffs. */
  format?: IssueFileFormat | 'auto';
  /** Skip malformed records (reporting each to onSkip) instead of throwing on the first. */
  skipBad?: boolean;
  /** Called once per skipped record when skipBad is set. */
  onSkip?: (error: FileRecordError) => void;
  /** A record longer than this (characters) is bad rather than held in memory. Default 64 Mi. */
  maxRecordChars?: number;
}

const DEFAULT_MAX_RECORD_CHARS = 64 * 1024 * 1024;
const CSV_EXPECTED = 'a CSV record';

/**
 * Reads issue records from `filePath`. Throws FileSourceError (FILE_NOT_FOUND, FILE_UNREADABLE,
 * NOT_A_FILE, BAD_GZIP, UNKNOWN_FORMAT, MISSING_COLUMN) for problems with the whole file, and
 * FileRecordError (BAD_RECORD) for the first malformed record unless `skipBad` is set.
 */
export async function* readIssueRecords(
  filePath: string,
  options: ReadIssueRecordsOptions = {},
): AsyncGenerator<IssueRecord> {
  const settings = { ...options, maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS };
  let chunks: AsyncIterable<string> = openTextChunks(filePath);
  let format = options.format && options.format !== 'auto' ? options.format : formatFromName(filePath);
  if (format === null) {
    const peeked = await peekText(chunks, 4096);
    try {
      format = sniffFormat(peeked.head, filePath);
    } catch (error) {
      await peeked.close();
      throw error;
    }
    chunks = peeked.chunks;
  }
  const input = { filePath, chunks, settings };
  if (format === 'csv') yield* readCsv(input);
  else yield* readLines(input, format);
}

interface ReadInput {
  filePath: string;
  chunks: AsyncIterable<string>;
  settings: ReadIssueRecordsOptions & { maxRecordChars: number };
}

/** The format an extension names, or null when the content must decide. */
export function formatFromName(filePath: string): IssueFileFormat | null {
  const name = filePath.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson|jsonlines)$/.test(name)) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  if (/\.(fasttext|ft)$/.test(name)) return 'fasttext';
  return null;
}

function sniffFormat(head: string, filePath: string): IssueFileFormat {
  const start = head.trimStart();
  if (start.startsWith('{')) return 'jsonl';
  if (start.startsWith('__label__')) return 'fasttext';
  const name = path.basename(filePath);
  if (start.startsWith('[')) {
    throw new FileSourceError(
      'UNKNOWN_FORMAT',
      filePath,
      `${name}: this is a JSON array; expected JSON Lines (one issue object per line). Convert it with: jq -c '.[]' ${name} > issues.jsonl`,
    );
  }
  throw new FileSourceError(
    'UNKNOWN_FORMAT',
    filePath,
    `${name}: cannot tell the format. Use a .jsonl, .csv or .fasttext name (optionally .gz), or pass format: 'jsonl' | 'csv' | 'fasttext'.`,
  );
}

async function* readLines(input: ReadInput, format: 'jsonl' | 'fasttext'): AsyncGenerator<IssueRecord> {
  const expected = format === 'jsonl' ? JSONL_EXPECTED : 'one fastText example per line';
  let ordinal = 0;
  for await (const { text, line, tooLarge } of splitTextLines(input.chunks, {
    maxLineChars: input.settings.maxRecordChars,
  })) {
    if (text.trim() === '') continue;
    ordinal++;
    const at = { line, ordinal };
    const record = mapOrSkip(input, line, () => {
      if (tooLarge) throw tooLargeProblem(input.settings.maxRecordChars, expected);
      return format === 'jsonl' ? mapJsonIssue(parseJson(text), at) : mapFastTextIssue(text, at);
    });
    if (record) yield record;
  }
}

async function* readCsv(input: ReadInput): AsyncGenerator<IssueRecord> {
  const rows = parseCsvRows(input.chunks, { maxRowChars: input.settings.maxRecordChars });
  let columns: CsvColumns | null = null;
  let ordinal = 0;
  for await (const row of rows) {
    if (columns === null) {
      // A header that cannot be read leaves nothing to read the rest with: never skipped.
      const problem = rowProblem(row, input.settings.maxRecordChars);
      if (problem) throw toRecordError(problem, input.filePath, row.line);
      columns = resolveCsvColumns(row.fields, input.filePath);
      continue;
    }
    ordinal++;
    const known: CsvColumns = columns;
    const at = { line: row.line, ordinal };
    const record = mapOrSkip(input, row.line, () => {
      const problem = rowProblem(row, input.settings.maxRecordChars);
      if (problem) throw problem;
      return mapCsvIssue(row.fields, known, at);
    });
    if (record) yield record;
  }
  if (columns === null) {
    throw new FileSourceError(
      'MISSING_COLUMN',
      input.filePath,
      `${path.basename(input.filePath)}: the file is empty; expected a header row naming the columns (e.g. title,body,label)`,
    );
  }
}

function rowProblem(row: CsvRow, maxRecordChars: number): RecordProblem | null {
  if (row.error === 'unterminated-quote') {
    return new RecordProblem(
      'a quoted field is never closed before the end of the file',
      'a closing " for every opening "',
    );
  }
  if (row.error === 'too-large') return tooLargeProblem(maxRecordChars, CSV_EXPECTED);
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RecordProblem(`invalid JSON (${detail})`, JSONL_EXPECTED);
  }
}

function tooLargeProblem(max: number, expected: string): RecordProblem {
  return new RecordProblem(
    `the record is longer than ${max} characters`,
    `${expected} of at most maxRecordChars characters`,
  );
}

function toRecordError(problem: RecordProblem, filePath: string, line: number): FileRecordError {
  return new FileRecordError({ path: filePath, line, reason: problem.message, expected: problem.expected });
}

/**
 * Runs one record's mapping. A RecordProblem becomes a FileRecordError that is thrown, or, with
 * skipBad, reported to onSkip (the record is then null). Anything else is a bug and propagates.
 */
function mapOrSkip(input: ReadInput, line: number, map: () => IssueRecord): IssueRecord | null {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof RecordProblem)) throw error;
    const recordError = toRecordError(error, input.filePath, line);
    if (!input.settings.skipBad) throw recordError;
    input.settings.onSkip?.(recordError);
    return null;
  }
}
