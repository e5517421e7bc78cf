/**
 * Reads the cases of `loupe eval detect`: a CSV with the header `issue,commit,implemented` (issue
 * number, a commit of the repository, 1 or 0), one judged case per row.
 */
import { parseCsvRows } from './csv-rows.parser.ts';
import { FileRecordError, FileSourceError } from './file-errors.ts';
import { openTextChunks } from './text-chunks.ts';

export interface DetectCase {
  issue: number;
  commit: string;
  implemented: boolean;
  line: number;
}

const EXPECTED = 'issue number, commit, implemented (1 or 0)';
const COLUMNS = ['issue', 'commit', 'implemented'] as const;

/** Every case of the file; throws FileRecordError (file, line, reason) on the first malformed row. */
export async function readDetectCases(filePath: string): Promise<DetectCase[]> {
  let columns: number[] | null = null;
  const cases: DetectCase[] = [];
  for await (const row of parseCsvRows(openTextChunks(filePath), { maxRowChars: 64 * 1024 })) {
    if (columns === null) {
      const header = row.fields.map((f) => f.trim().toLowerCase());
      columns = COLUMNS.map((name) => header.indexOf(name));
      if (columns.some((c) => c < 0)) {
        throw new FileSourceError(
          'MISSING_COLUMN',
          filePath,
          `${filePath}: the header must name the columns issue,commit,implemented (found "${row.fields.join(',')}")`,
        );
      }
      continue;
    }
    if (row.fields.length === 1 && !row.fields[0]?.trim()) continue;
    const [issue, commit, implemented] = columns.map((c) => row.fields[c]?.trim() ?? '') as [
      string,
      string,
      string,
    ];
    const reason = !/^\d+$/.test(issue)
      ? `issue "${issue}" is not a number`
      : !/^[\w./~^@{}-]+$/.test(commit)
        ? `commit "${commit}" is not a revision`
        : !['0', '1'].includes(implemented)
          ? `implemented is "${implemented}", not 1 or 0`
          : null;
    if (reason) throw new FileRecordError({ path: filePath, line: row.line, reason, expected: EXPECTED });
    cases.push({ issue: Number(issue), commit, implemented: implemented === '1', line: row.line });
  }
  if (columns === null)
    throw new FileSourceError(
      'MISSING_COLUMN',
      filePath,
      `${filePath}: empty; expected the header issue,commit,implemented`,
    );
  return cases;
}
