/**
 * Maps CSV rows to IssueRecords. Columns are found by header name, case-insensitively and with
 * spaces, underscores and hyphens treated alike, so that the NLBSE layout (repo, created_at, label,
 * title, body), Jira/gitbugs exports (Summary, Issue id, Status, Resolution, Created, Description)
 * and similar files all read without configuration.
 */
import path from 'node:path';
import { FileSourceError, RecordProblem } from './file-errors.ts';
import { normaliseTimestamp, type IssueRecord } from './issue-record.ts';

/** Accepted header names per field, in order of preference (normalised: lower case, single spaces). */
export const CSV_COLUMN_ALIASES = {
  title: ['title', 'summary', 'subject'],
  body: ['body', 'description', 'text', 'content'],
  id: ['id', 'issue id', 'key', 'issue key', 'number', 'issue number', 'bug id'],
  repo: ['repo', 'repository', 'project', 'repo name'],
  label: ['label', 'type', 'issue type', 'class', 'category'],
  labels: ['labels', 'tags'],
  createdAt: ['created at', 'created', 'createdat', 'creation date', 'date'],
  state: ['state', 'status'],
  stateReason: ['state reason', 'statereason'],
  resolution: ['resolution'],
  duplicateOf: [
    'duplicate id',
    'duplicate of',
    'duplicated issue',
    'duplicate',
    'duplicates',
    'dup id',
    'duplicate ids',
  ],
} as const;

export type CsvField = keyof typeof CSV_COLUMN_ALIASES;
/** Column index per field found in the header. */
export type CsvColumns = Partial<Record<CsvField, number>> & { count: number };

/** Jira/Bugzilla statuses that mean the issue is finished; every other non-blank status is open. */
const CLOSED_STATUSES = new Set([
  'closed',
  'resolved',
  'verified',
  'done',
  'fixed',
  'completed',
  'cancelled',
]);

export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** Finds the columns; throws MISSING_COLUMN when neither a title nor a body column exists. */
export function resolveCsvColumns(header: string[], filePath: string): CsvColumns {
  const names = header.map(normaliseHeader);
  const columns: CsvColumns = { count: header.length };
  for (const field of Object.keys(CSV_COLUMN_ALIASES) as CsvField[]) {
    for (const alias of CSV_COLUMN_ALIASES[field]) {
      const index = names.indexOf(alias);
      if (index !== -1) {
        columns[field] = index;
        break;
      }
    }
  }
  if (columns.title === undefined && columns.body === undefined) {
    throw new FileSourceError(
      'MISSING_COLUMN',
      filePath,
      `${path.basename(filePath)}: no title or body column in the header row. ` +
        `Found columns: ${header.map((h) => JSON.stringify(h)).join(', ')}. ` +
        `Accepted for the title: ${CSV_COLUMN_ALIASES.title.join(', ')}; ` +
        `for the body: ${CSV_COLUMN_ALIASES.body.join(', ')} (any case; spaces, _ and - alike).`,
    );
  }
  return columns;
}

/** Throws RecordProblem when the row does not have as many fields as the header. */
export function mapCsvIssue(
  fields: string[],
  columns: CsvColumns,
  at: { line: number; ordinal: number },
): IssueRecord {
  if (fields.length !== columns.count) {
    throw new RecordProblem(
      `found ${fields.length} field${fields.length === 1 ? '' : 's'}`,
      `${columns.count} fields as in the header row (a stray or unbalanced quote in this record or the one before?)`,
    );
  }
  const get = (field: CsvField): string | null => {
    const index = columns[field];
    return index === undefined ? null : (fields[index] ?? null);
  };
  const blankToNull = (field: CsvField): string | null => get(field)?.trim() || null;
  const id = blankToNull('id');
  if (columns.id !== undefined && id === null) {
    throw new RecordProblem('the id column is empty', 'a non-empty id in every record');
  }
  const label = blankToNull('label');
  const labels = splitList(get('labels'));
  if (label !== null && !labels.includes(label)) labels.unshift(label);
  const record: IssueRecord = {
    id: id ?? String(at.ordinal),
    repo: blankToNull('repo'),
    title: get('title') ?? '',
    body: get('body') ?? '',
    label,
    labels,
    createdAt: normaliseTimestamp(get('createdAt')),
    line: at.line,
  };
  if (columns.state !== undefined) record.state = stateOf(blankToNull('state'));
  if (columns.stateReason !== undefined) record.stateReason = blankToNull('stateReason');
  if (columns.resolution !== undefined) record.resolution = blankToNull('resolution');
  if (columns.duplicateOf !== undefined) record.duplicateOf = splitList(get('duplicateOf'))[0] ?? null;
  return record;
}

function stateOf(status: string | null): 'open' | 'closed' | null {
  if (status === null) return null;
  return CLOSED_STATUSES.has(status.toLowerCase()) ? 'closed' : 'open';
}

/** "bug, help wanted" / "a;b" / "a|b" -> trimmed, non-empty items. */
export function splitList(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/[,;|]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
