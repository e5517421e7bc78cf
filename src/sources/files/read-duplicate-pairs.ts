/**
 * Streams (issue, duplicate) id pairs from a CSV such as gitbugs' `*-combined.csv` / `*-test.csv`:
 * header `Issue id,Duplicate id`, where one cell may list several ids ("1619142, 1630921"). Each listed
 * id becomes its own pair with the same line. Pairs are yielded as written: the files list most
 * links in both directions (A,B and B,A) and nothing is de-duplicated here.
 */
import path from 'node:path';
import { parseCsvRows, type CsvRow } from './csv-rows.parser.ts';
import { FileRecordError, FileSourceError } from './file-errors.ts';
import { normaliseHeader, splitList } from './map-csv-issue.ts';
import { openTextChunks } from './text-chunks.ts';

export interface DuplicatePair {
  issueId: string;
  duplicateId: string;
  /** 1-based line of the row the pair comes from. */
  line: number;
}

export interface ReadDuplicatePairsOptions {
  /** Skip malformed rows (reporting each to onSkip) instead of throwing on the first. */
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
}

const ISSUE_ALIASES = ['issue id', 'issue', 'id', 'bug id', 'issue key', 'key'];
const DUPLICATE_ALIASES = [
  'duplicate id',
  'duplicate ids',
  'duplicate of',
  'duplicate',
  'duplicates',
  'duplicated issue',
  'dup id',
];
const EXPECTED = 'an issue id and one or more duplicate ids (separated by commas)';

/** Throws FileSourceError for unreadable files or a header without both columns. */
export async function* readDuplicatePairs(
  filePath: string,
  options: ReadDuplicatePairsOptions = {},
): AsyncGenerator<DuplicatePair> {
  let columns: { issue: number; duplicate: number; count: number } | null = null;
  for await (const row of parseCsvRows(openTextChunks(filePath), { maxRowChars: 1024 * 1024 })) {
    if (columns === null) {
      columns = pairColumns(row.fields, filePath);
      continue;
    }
    const issueId = row.fields[columns.issue]?.trim() ?? '';
    const duplicates = splitList(row.fields[columns.duplicate] ?? '');
    const reason = pairProblem({ row, count: columns.count, issueId, duplicates });
    if (reason) {
      const error = new FileRecordError({ path: filePath, line: row.line, reason, expected: EXPECTED });
      if (!options.skipBad) throw error;
      options.onSkip?.(error);
      continue;
    }
    for (const duplicateId of duplicates) yield { issueId, duplicateId, line: row.line };
  }
  if (columns === null) columns = pairColumns([], filePath);
}

function pairProblem(at: {
  row: CsvRow;
  count: number;
  issueId: string;
  duplicates: string[];
}): string | null {
  if (at.row.error === 'unterminated-quote')
    return 'a quoted field is never closed before the end of the file';
  if (at.row.error === 'too-large') return 'the row is over 1 MiB';
  if (at.row.fields.length !== at.count)
    return `found ${at.row.fields.length} fields, the header has ${at.count}`;
  if (!at.issueId) return 'the issue id is empty';
  return at.duplicates.length === 0 ? 'no duplicate id' : null;
}

function pairColumns(
  header: string[],
  filePath: string,
): { issue: number; duplicate: number; count: number } {
  const names = header.map(normaliseHeader);
  const find = (aliases: string[]): number =>
    aliases.map((a) => names.indexOf(a)).find((i) => i !== -1) ?? -1;
  const issue = find(ISSUE_ALIASES);
  const duplicate = find(DUPLICATE_ALIASES);
  if (issue === -1 || duplicate === -1) {
    const found = header.length
      ? header.map((h) => JSON.stringify(h)).join(', ')
      : 'none (the file is empty)';
    throw new FileSourceError(
      'MISSING_COLUMN',
      filePath,
      `${path.basename(filePath)}: expected a header with an issue id and a duplicate id column. Found columns: ${found}. ` +
        `Accepted for the issue: ${ISSUE_ALIASES.join(', ')}; for the duplicate: ${DUPLICATE_ALIASES.join(', ')}.`,
    );
  }
  return { issue, duplicate, count: header.length };
}
