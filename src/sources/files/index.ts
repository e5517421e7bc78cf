/** Plain-file issue sources: streaming readers of JSONL / CSV / fastText issue files and duplicate pairs. */
export type { IssueRecord, IssueFileFormat } from './issue-record.ts';
export { normaliseTimestamp } from './issue-record.ts';
export { FileRecordError, FileSourceError, type FileSourceErrorCode } from './file-errors.ts';
export { readIssueRecords, formatFromName, type ReadIssueRecordsOptions } from './read-issue-records.ts';
export {
  readDuplicatePairs,
  type DuplicatePair,
  type ReadDuplicatePairsOptions,
} from './read-duplicate-pairs.ts';
export { CSV_COLUMN_ALIASES } from './map-csv-issue.ts';
