/**
 * Loader for the gitbugs Jira duplicate data (../shared/data/gitbugs): bug reports and
 * confirmed (Issue id, Duplicate id) pairs. Returns null when the data is absent (a fresh clone).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GitbugsReport {
  id: string;
  title: string;
  body: string;
  /** ISO-8601; the files give no time zone, so UTC is assumed. */
  createdAt: string;
  resolution: string;
}

export interface GitbugsDataset {
  name: GitbugsName;
  reports: GitbugsReport[];
  /** Unique unordered duplicate pairs whose two reports are both in `reports`, sorted. */
  pairs: [string, string][];
  /** Pair rows naming a report that is not in the reports file (skipped). */
  skippedPairs: number;
}

export type GitbugsName = 'hadoop' | 'seamonkey';

const FILES: Record<GitbugsName, { reports: string; pairs: string }> = {
  hadoop: { reports: 'hadoop_bugs.csv', pairs: 'hadoop_bugs-combined.csv' },
  seamonkey: { reports: 'SeaMonkey_bugs.csv', pairs: 'SeaMonkey_bugs-combined.csv' },
};

/** ../shared/data/gitbugs resolved from the repository root, or null when absent. */
export function gitbugsDir(): string | null {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(root, '../shared/data', 'gitbugs');
  return existsSync(dir) ? dir : null;
}

/** Loads one data set, or null when the files are absent. */
export function loadGitbugs(name: GitbugsName): GitbugsDataset | null {
  const dir = gitbugsDir();
  if (!dir) return null;
  const files = FILES[name];
  const reportsPath = path.join(dir, files.reports);
  const pairsPath = path.join(dir, files.pairs);
  if (!existsSync(reportsPath) || !existsSync(pairsPath)) return null;
  const reports = toRecords(parseCsv(readFileSync(reportsPath, 'utf8'))).map((r) => ({
    id: (r['Issue id'] ?? '').trim(),
    title: r.Summary ?? '',
    body: r.Description ?? '',
    createdAt: parseCreated(r.Created ?? ''),
    resolution: r.Resolution ?? '',
  }));
  const ids = new Set(reports.map((r) => r.id));
  const pairKeys = new Set<string>();
  let skippedPairs = 0;
  for (const row of toRecords(parseCsv(readFileSync(pairsPath, 'utf8')))) {
    const a = (row['Issue id'] ?? '').trim();
    // A report can list several duplicates: "13547000, 13396667".
    for (const b of (row['Duplicate id'] ?? '').split(/[\s,]+/).filter(Boolean)) {
      if (a === b) continue;
      if (!ids.has(a) || !ids.has(b)) skippedPairs += 1;
      else pairKeys.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
  const pairs = [...pairKeys].sort().map((k) => k.split('|') as [string, string]);
  return { name, reports, pairs, skippedPairs };
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
}

function toRecords(rows: string[][]): Record<string, string>[] {
  const [header, ...data] = rows;
  if (!header) return [];
  return data.map((cells) => Object.fromEntries(header.map((name, i) => [name.trim(), cells[i] ?? ''])));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "30/Sep/21 17:20" (Jira export) or "2020-01-02 17:14:21+00:00" (Bugzilla) -> ISO-8601 UTC. */
export function parseCreated(value: string): string {
  const jira = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}) (\d{1,2}):(\d{2})$/.exec(value.trim());
  if (jira) {
    const [, day, mon, year, hour, minute] = jira;
    const month = MONTHS.indexOf((mon ?? '').toLowerCase());
    return new Date(Date.UTC(2000 + Number(year), month, Number(day), Number(hour), Number(minute))).toISOString();
  }
  const parsed = Date.parse(value.trim().replace(' ', 'T'));
  if (Number.isNaN(parsed)) throw new Error(`unrecognised Created date: ${value}`);
  return new Date(parsed).toISOString();
}
