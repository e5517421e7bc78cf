/**
 * One issue as read from a plain file (JSON Lines, CSV or fastText): the text analysis reads plus
 * whatever the file states about labels, state and duplicates. Fields a format does not carry are
 * left undefined (the optional ones) or null.
 */
export interface IssueRecord {
  /**
   * The file's id for the issue: GitHub `number` (else `id`), the CSV id/key column; when the file
   * has none, the 1-based ordinal of the record in the file ("1", "2", …).
   */
  id: string;
  /** "owner/name" (GitHub) or the project column; null when the file does not say. */
  repo: string | null;
  title: string;
  body: string;
  /**
   * The one gold class the file states: CSV label/type column, the first fastText __label__, a JSON
   * `label` field. GitHub REST objects have only `labels`, so it is null for them: mapping label
   * names to classes is the classifier's job.
   */
  label: string | null;
  /** Every label name the record carries (includes `label` when set). */
  labels: string[];
  /** ISO-8601 UTC ("2021-09-30T17:20:00.000Z") when the written date is recognised, else as written. */
  createdAt: string | null;
  state?: 'open' | 'closed' | null;
  stateReason?: string | null;
  isPullRequest?: boolean;
  /** Pull requests (GitHub `pull_request.merged_at`): when merged, null when not. */
  mergedAt?: string | null;
  commentsCount?: number;
  reactionsCount?: number;
  authorAssociation?: string | null;
  assigneesCount?: number;
  milestone?: string | null;
  /** Id of the issue this one duplicates (the first one when the file lists several). */
  duplicateOf?: string | null;
  /** Jira-style resolution as written ("Duplicate", "FIXED", …). */
  resolution?: string | null;
  /** 1-based line where the record starts. */
  line: number;
}

/** The formats readIssueRecords understands. */
export type IssueFileFormat = 'jsonl' | 'csv' | 'fasttext';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_LIKE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** Jira exports: "30/Sep/21 17:20" or "30/Sep/2021 5:20 PM". */
const JIRA = /^(\d{1,2})\/([a-z]{3})\/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?:\s*([ap]m))?$/i;

/**
 * Normalises the date formats found in issue exports to ISO-8601 UTC. A date with no zone is taken
 * as UTC (exports rarely say, and a fixed rule keeps results reproducible). Unrecognised text is
 * returned as written rather than guessed at; blank is null.
 */
export function normaliseTimestamp(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, date, time, zone] = iso;
    const offset = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : withColon(zone)) : 'Z';
    return toIso(`${date}T${time ?? '00:00:00'}${offset}`) ?? text;
  }
  const jira = JIRA.exec(text);
  if (jira) return fromJira(jira) ?? text;
  return text;
}

function withColon(zone: string): string {
  const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}

function fromJira(match: RegExpExecArray): string | null {
  const [, day, monthName, yearText, hourText, minute, meridiem] = match;
  const month = MONTHS.indexOf((monthName ?? '').toLowerCase());
  if (month === -1) return null;
  let year = Number(yearText);
  // Two-digit years: Jira prints the current century; 70-99 can only be the last one.
  if (year < 100) year += year < 70 ? 2000 : 1900;
  let hour = Number(hourText);
  if (meridiem) hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  const pad = (n: number | string): string => String(n).padStart(2, '0');
  return toIso(`${year}-${pad(month + 1)}-${pad(day ?? '')}T${pad(hour)}:${minute}:00Z`);
}

function toIso(text: string): string | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
