/**
 * Loaders for the issue-classification data under ../shared/data (NLBSE'24 CSV and the
 * huggingface/datasets issue dump). Benches and scripts do I/O; src/core never does.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { LabelledText } from '../src/core/classify/index.ts';
import { typeFromLabels } from '../src/core/classify/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared/data relative to the project root (absent in a user's fresh clone). */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');
export const nlbseCsvPath = path.join(sharedDataDir, 'nlbse24/issues_train.csv');
export const hfIssuesPath = path.join(sharedDataDir, 'github/huggingface-datasets-issues.jsonl.gz');

/**
 * Incremental RFC 4180 CSV parser: feed it chunks of any size (a chunk may end inside a quoted
 * field, or between the two quotes of an escaped `""`), get back every record completed so far.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** A quote seen inside a quoted field whose meaning depends on the next character. */
  private pendingQuote = false;
  private fieldStarted = false;

  push(chunk: string): string[][] {
    const done: string[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false; // closing quote; fall through to handle ch unquoted
      }
      if (this.inQuotes) {
        if (ch === '"') this.pendingQuote = true;
        else this.field += ch;
        continue;
      }
      if (ch === '"' && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
      } else if (ch === ',') {
        this.endField();
      } else if (ch === '\n') {
        this.endField();
        done.push(this.record);
        this.record = [];
      } else if (ch !== '\r') {
        this.field += ch;
        this.fieldStarted = true;
      }
    }
    return done;
  }

  /** Flushes a final record that has no trailing newline. */
  end(): string[][] {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw new Error('CSV ends inside a quoted field');
    if (!this.fieldStarted && this.record.length === 0) return [];
    this.endField();
    const last = this.record;
    this.record = [];
    return [last];
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }
}

/** Parses a whole CSV string (header row included) into records. */
export function parseCsv(text: string): string[][] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

export interface NlbseIssue {
  repo: string;
  createdAt: string;
  label: string;
  title: string;
  body: string;
}

/** Streams the NLBSE'24 CSV; throws if a record does not have the header's column count. */
export async function loadNlbseIssues(file = nlbseCsvPath): Promise<NlbseIssue[]> {
  const parser = new CsvParser();
  const rows: string[][] = [];
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  for await (const chunk of stream) rows.push(...parser.push(chunk as string));
  rows.push(...parser.end());
  const [header, ...records] = rows;
  if (!header) throw new Error(`${file} is empty`);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column "${name}"`);
    return i;
  };
  const [r, c, l, t, b] = ['repo', 'created_at', 'label', 'title', 'body'].map(col) as number[];
  return records.map((rec, n) => {
    if (rec.length !== header.length) throw new Error(`${file}: record ${n + 1} has ${rec.length} fields`);
    const at = (i: number | undefined): string => rec[i as number] as string;
    return { repo: at(r), createdAt: at(c), label: at(l), title: at(t), body: at(b) };
  });
}

/** NLBSE issues as classifier examples (labels are already bug / feature / question). */
export function toLabelled(issues: NlbseIssue[]): LabelledText[] {
  return issues.map((i) => ({ text: { title: i.title, body: i.body }, label: i.label, repo: i.repo }));
}

/**
 * Issues (not pull requests) of huggingface/datasets whose labels map to one of `types`
 * through typeFromLabels, as extra cross-repository training data.
 */
export async function loadHfIssues(
  options: { file?: string; types?: string[] } = {},
): Promise<LabelledText[]> {
  const file = options.file ?? hfIssuesPath;
  const types = new Set(options.types ?? ['bug', 'feature', 'question']);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const out: LabelledText[] = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    const issue = JSON.parse(line) as {
      title?: string;
      body?: string | null;
      pull_request?: unknown;
      labels?: { name: string }[];
    };
    if (issue.pull_request) continue;
    const type = typeFromLabels((issue.labels ?? []).map((x) => x.name));
    if (!type || !types.has(type)) continue;
    out.push({ text: { title: issue.title ?? '', body: issue.body ?? '' }, label: type, repo: 'huggingface/datasets' });
  }
  return out;
}

/** True when the shared data folder is present; otherwise prints why and returns false. */
export function sharedDataAvailable(files: string[] = [nlbseCsvPath]): boolean {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return true;
  console.error(`Shared data not found (${missing.join(', ')}); it lives in ../shared/data beside the project.`);
  return false;
}
