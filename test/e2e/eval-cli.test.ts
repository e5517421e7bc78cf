/**
 * `loupe eval classify|dupes|gfi` and `loupe analyze` end to end, in a child process, on small
 * slices of ../shared/data written to a temporary directory (skipped with a message when the data
 * is absent, as in a fresh clone). Until src/cli/main.ts registers these commands, the child builds
 * a program the way main.ts does and registers them itself.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDuplicatePairs, readIssueRecords } from '../../src/sources/files/index.ts';
import type { IssueRecord } from '../../src/sources/files/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(ROOT, '../shared/data');
const FILES = {
  nlbse: path.join(DATA, 'nlbse24/issues_train.csv'),
  reports: path.join(DATA, 'gitbugs/SeaMonkey_bugs.csv'),
  pairs: path.join(DATA, 'gitbugs/SeaMonkey_bugs-combined.csv'),
  github: path.join(DATA, 'github/huggingface-datasets-issues.jsonl.gz'),
};
const available = Object.values(FILES).every((file) => existsSync(file));
if (!available)
  console.log(`eval-cli e2e: ${DATA} is absent; skipping (it needs nlbse24, gitbugs and github data).`);

const wired = readFileSync(path.join(ROOT, 'src/cli/main.ts'), 'utf8').includes('registerEvalCommand');
const INLINE_MAIN = `
import { Command } from 'commander';
const { registerEvalCommand } = await import('./src/cli/commands/eval.ts');
const { registerAnalyzeCommand } = await import('./src/cli/commands/analyze.ts');
const program = new Command().name('loupe').showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
registerEvalCommand(program);
registerAnalyzeCommand(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function loupe(args: string[]): Promise<Run> {
  const argv = wired
    ? [path.join(ROOT, 'bin/loupe.js'), ...args]
    : ['--import', 'tsx', '--input-type=module', '-e', INLINE_MAIN, '--', ...args];
  const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';
const quote = (field: string): string => `"${field.replace(/"/g, '""')}"`;
const csv = (header: string[], rows: string[][]): string =>
  [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n';

async function collect(file: string, keep: (r: IssueRecord) => boolean): Promise<IssueRecord[]> {
  const out: IssueRecord[] = [];
  for await (const record of readIssueRecords(file)) if (keep(record)) out.push(record);
  return out;
}

/** NLBSE: the first 40 issues of each repository; every fifth is a test issue. */
async function writeNlbse(dir: string): Promise<{ train: string; test: string }> {
  const perRepo = new Map<string, number>();
  const slice = await collect(FILES.nlbse, (r) => {
    const n = perRepo.get(r.repo ?? '') ?? 0;
    perRepo.set(r.repo ?? '', n + 1);
    return n < 40;
  });
  const row = (r: IssueRecord): string[] => [r.repo ?? '', r.label ?? '', r.title, r.body];
  const header = ['repo', 'label', 'title', 'body'];
  const train = path.join(dir, 'nlbse-train.csv');
  const test = path.join(dir, 'nlbse-test.csv');
  await writeFile(train, csv(header, slice.filter((_, i) => i % 5 !== 0).map(row)));
  await writeFile(test, csv(header, slice.filter((_, i) => i % 5 === 0).map(row)));
  return { train, test };
}

/** gitbugs SeaMonkey: the reports of the first 8 distinct complete pairs plus 40 other reports. */
async function writeGitbugs(dir: string): Promise<{ reports: string; pairs: string }> {
  const all = await collect(FILES.reports, () => true);
  const ids = new Set(all.map((r) => r.id));
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for await (const p of readDuplicatePairs(FILES.pairs)) {
    const key = [p.issueId, p.duplicateId].sort().join('|');
    if (
      pairs.length < 8 &&
      ids.has(p.issueId) &&
      ids.has(p.duplicateId) &&
      p.issueId !== p.duplicateId &&
      !seen.has(key)
    ) {
      seen.add(key);
      pairs.push([p.issueId, p.duplicateId]);
    }
  }
  const wanted = new Set(pairs.flat());
  const others = all.filter((r) => !wanted.has(r.id)).slice(0, 40);
  const slice = [...all.filter((r) => wanted.has(r.id)), ...others];
  const reports = path.join(dir, 'reports.csv');
  const pairsFile = path.join(dir, 'pairs.csv');
  await writeFile(
    reports,
    csv(
      ['Summary', 'Issue id', 'Resolution', 'Created', 'Description'],
      slice.map((r) => [r.title, r.id, r.resolution ?? '', r.createdAt ?? '', r.body]),
    ),
  );
  await writeFile(pairsFile, csv(['Issue id', 'Duplicate id'], pairs));
  return { reports, pairs: pairsFile };
}

/** huggingface/datasets: 20 "good first issue" issues, the first 150 other issues and 10 pull requests, raw lines. */
async function writeGithub(dir: string): Promise<string> {
  const lines: string[] = [];
  let positives = 0;
  let others = 0;
  let pulls = 0;
  for await (const line of createInterface({
    input: createReadStream(FILES.github).pipe(createGunzip()),
    crlfDelay: Infinity,
  })) {
    if (!line.trim()) continue;
    const issue = JSON.parse(line) as { labels: { name: string }[]; pull_request?: unknown };
    if (issue.pull_request) {
      if (pulls++ < 10) lines.push(line);
    } else if (issue.labels.some((l) => l.name === 'good first issue')) {
      if (positives++ < 20) lines.push(line);
    } else if (others++ < 150) lines.push(line);
  }
  const file = path.join(dir, 'issues.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe.skipIf(!available)('loupe eval and analyze on slices of ../shared/data', () => {
  let dir: string;
  let nlbse: { train: string; test: string };
  let gitbugs: { reports: string; pairs: string };
  let github: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-eval-cli-'));
    nlbse = await writeNlbse(dir);
    gitbugs = await writeGitbugs(dir);
    github = await writeGithub(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('eval classify prints per-repository scores and ends with the summary line', async () => {
    const run = await loupe([
      'eval',
      'classify',
      '--train',
      nlbse.train,
      '--test',
      nlbse.test,
      '--no-global',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('facebook/react');
    expect(run.stdout).toContain('gold \\ predicted');
    const match = /^classify macro-F1 (\d\.\d{3}) \(5 repos\)$/.exec(lastLine(run.stdout));
    expect(match, run.stdout).not.toBeNull();
    // 160 training issues: well above chance (1/3), below perfect.
    expect(Number(match?.[1])).toBeGreaterThan(0.45);
    expect(Number(match?.[1])).toBeLessThan(1);
  });

  it('eval classify --json prints one parseable object and nothing else', async () => {
    const run = await loupe([
      'eval',
      'classify',
      '--train',
      nlbse.train,
      '--test',
      nlbse.test,
      '--no-global',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(run.stdout) as {
      macro_f1: number;
      repos: unknown[];
      test_issues: number;
      global_model: boolean;
    };
    expect(json.repos).toHaveLength(5);
    expect(json.test_issues).toBe(40);
    expect(json.global_model).toBe(false);
    expect(json.macro_f1).toBeGreaterThan(0.45);
  });

  it('eval dupes compares Loupe with full-text search on the same queries', async () => {
    const text = await loupe(['eval', 'dupes', '--reports', gitbugs.reports, '--pairs', gitbugs.pairs]);
    expect(text.code, text.stderr).toBe(0);
    expect(lastLine(text.stdout)).toMatch(
      /^dupes RR@10 \d\.\d{3} MAP \d\.\d{3} \(baseline RR@10 \d\.\d{3} MAP \d\.\d{3}; 8 queries\)$/,
    );
    const run = await loupe([
      'eval',
      'dupes',
      '--reports',
      gitbugs.reports,
      '--pairs',
      gitbugs.pairs,
      '--json',
    ]);
    const json = JSON.parse(run.stdout) as {
      queries: number;
      loupe: Record<string, number>;
      baseline: Record<string, number>;
    };
    expect(json.queries).toBe(8);
    for (const m of [json.loupe, json.baseline]) {
      expect(m.rr1).toBeLessThanOrEqual(m.rr10 as number);
      expect(m.map).toBeGreaterThanOrEqual(0);
      expect(m.map).toBeLessThanOrEqual(1);
    }
    // Among 56 reports the partner is easy to find for Loupe.
    expect(json.loupe.rr10).toBeGreaterThanOrEqual(0.5);
  });

  it('eval gfi prints the ROC AUC with the label hidden', async () => {
    const run = await loupe(['eval', 'gfi', '--issues', github, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as {
      roc_auc: number;
      issues: number;
      positives: number;
      pull_requests_skipped: number;
    };
    expect(json).toMatchObject({ issues: 170, positives: 20, pull_requests_skipped: 10 });
    expect(json.roc_auc).toBeGreaterThan(0.5);
    expect(json.roc_auc).toBeLessThanOrEqual(1);
    const text = await loupe(['eval', 'gfi', '--issues', github]);
    expect(lastLine(text.stdout)).toMatch(
      /^gfi ROC-AUC \d\.\d{3} adapted to each repository; shipped model alone \d\.\d{3} \(20 "good first issue" of 170 issues\)$/,
    );
  });

  it('analyze writes one JSON line per issue', async () => {
    const out = path.join(dir, 'predictions.jsonl');
    const run = await loupe(['analyze', nlbse.test, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(lastLine(run.stdout)).toBe(`analyzed 40 issues into ${out}`);
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; type: { label: string }; duplicates: { id: string }[] });
    expect(lines).toHaveLength(40);
    expect(lines.map((l) => l.id)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
    expect(lines.every((l) => ['bug', 'feature', 'question'].includes(l.type.label))).toBe(true);
    expect(lines.every((l) => l.duplicates.length <= 10 && !l.duplicates.some((d) => d.id === l.id))).toBe(
      true,
    );
  });

  it('stops at a malformed line with its number, or skips and counts it with --skip-bad', async () => {
    const good = (await readFile(github, 'utf8')).split('\n').filter(Boolean);
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, [good[0], '{"number": 12, "title": "cut off', ...good.slice(1)].join('\n'));
    const failed = await loupe(['eval', 'gfi', '--issues', bad]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/bad\.jsonl line 2: invalid JSON/);
    expect(failed.stdout).toBe('');
    const skipped = await loupe(['eval', 'gfi', '--issues', bad, '--skip-bad']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toContain('skipped 1 malformed record (--skip-bad)');
    expect(skipped.stderr).toContain('line 2');
  });

  it('fails with a message on a missing file or an unknown option', async () => {
    const missing = await loupe([
      'eval',
      'dupes',
      '--reports',
      path.join(dir, 'nope.csv'),
      '--pairs',
      gitbugs.pairs,
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.csv.*not found/);
    const unknown = await loupe(['eval', 'gfi', '--issues', github, '--bogus']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
  });
});
