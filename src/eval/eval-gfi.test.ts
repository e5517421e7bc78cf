import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreIssueDifficulty } from '../core/difficulty/index.ts';
import { LoupeError } from '../core/errors.ts';
import type { IssueRecord } from '../sources/files/index.ts';
import { evalGfi, hiddenLabelInput } from './eval-gfi.ts';

const EASY_BODY =
  'The typo is in `docs/source/loading.mdx` line 12: "recieve" should be "receive". PRs welcome, this is a one-line change.';
const HARD_BODY = [
  'Loading a sharded dataset with streaming deadlocks under multiprocessing.',
  '```\nTraceback (most recent call last):\n  File "/usr/lib/python3.10/multiprocessing/pool.py", line 125, in worker\n    result = (True, func(*args, **kwds))\n  File "src/datasets/builder.py", line 1702, in _prepare_split\nRuntimeError: deadlock detected\n```',
  '- `datasets` version: 2.14.0\n- Platform: Linux-5.15\n- Python version: 3.10.12\n- PyArrow version: 12.0.1',
].join('\n\n');

function issue(number: number, options: { easy: boolean; labels: string[]; pr?: boolean }): string {
  return JSON.stringify({
    number,
    title: options.easy
      ? `Fix typo in loading docs (${number})`
      : `Streaming deadlock with num_proc (${number})`,
    body: options.easy ? EASY_BODY : HARD_BODY,
    state: 'open',
    labels: options.labels.map((name) => ({ name })),
    comments: options.easy ? 1 : 9,
    created_at: '2023-05-01T10:00:00Z',
    updated_at: '2023-05-02T10:00:00Z',
    author_association: options.easy ? 'MEMBER' : 'NONE',
    ...(options.pr ? { pull_request: { merged_at: null } } : {}),
  });
}

describe('evalGfi', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-eval-gfi-'));
    file = path.join(dir, 'issues.jsonl');
    const lines = [
      ...Array.from({ length: 5 }, (_, i) =>
        issue(i + 1, { easy: true, labels: ['good first issue', 'documentation'] }),
      ),
      ...Array.from({ length: 15 }, (_, i) => issue(i + 10, { easy: false, labels: ['bug'] })),
      issue(40, { easy: true, labels: ['good first issue'], pr: true }),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('scores issues with the label hidden and ranks the labelled ones first', async () => {
    const result = await evalGfi({ issuesPath: file });
    expect(result).toMatchObject({
      label: 'good first issue',
      issues: 20,
      positives: 5,
      pullRequestsSkipped: 1,
      recordsSkipped: 0,
    });
    expect(result.auc).toBeGreaterThan(0.9);
  });

  it('matches the label case-insensitively, with - and _ like spaces', async () => {
    const result = await evalGfi({ issuesPath: file, label: 'Good-First-Issue' });
    expect(result.positives).toBe(5);
  });

  it('refuses a label no issue carries', async () => {
    await expect(evalGfi({ issuesPath: file, label: 'help wanted' })).rejects.toBeInstanceOf(LoupeError);
  });

  it('stops at a malformed line, or skips and counts it', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    const lines = [
      issue(1, { easy: true, labels: ['good first issue'] }),
      '{"number": 2, "title": ',
      issue(3, { easy: false, labels: [] }),
    ];
    await writeFile(bad, `${lines.join('\n')}\n`);
    await expect(evalGfi({ issuesPath: bad })).rejects.toMatchObject({ name: 'FileRecordError', line: 2 });
    const result = await evalGfi({ issuesPath: bad, skipBad: true });
    expect(result).toMatchObject({ issues: 2, positives: 1, recordsSkipped: 1 });
  });
});

describe("evalGfi: the repository's earlier good-first-issue activity", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-eval-gfi-history-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Every record has the same text, so only the history can tell them apart.
  const record = (repo: string, number: number, createdAt: string, gfi: boolean): string =>
    JSON.stringify({
      repo,
      number,
      title: 'Improve the error message',
      body: 'It could say which file failed.',
      state: 'open',
      labels: gfi ? [{ name: 'good first issue' }] : [],
      created_at: createdAt,
    });
  const file = async (name: string, laterMonth: string): Promise<string> => {
    const lines = [
      ...[1, 2, 3, 4].map((n) => record('acme/active', n, '2023-02-10T10:00:00Z', true)),
      ...[1, 2, 3, 4].map((n) => record('acme/quiet', n, '2023-02-10T10:00:00Z', false)),
      ...[5, 6, 7].map((n) => record('acme/active', n, `${laterMonth}-12T10:00:00Z`, true)),
      ...[5, 6, 7].map((n) => record('acme/quiet', n, `${laterMonth}-12T10:00:00Z`, false)),
    ];
    const target = path.join(dir, name);
    await writeFile(target, `${lines.join('\n')}\n`);
    return target;
  };

  it('ranks a later issue higher when its repository was labelling good first issues in the months before', async () => {
    const result = await evalGfi({ issuesPath: await file('later.jsonl', '2023-05') });
    // The three later positives beat every negative; the rest tie: (21 + 28 / 2) / 49.
    expect(result.auc).toBeCloseTo(35 / 49, 3);
  });

  it("never lets an issue see its own label or its month's", async () => {
    const result = await evalGfi({ issuesPath: await file('same-month.jsonl', '2023-02') });
    expect(result.auc).toBe(0.5);
  });
});

describe('evalGfi: adapted to the repository, and the shipped model alone', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-eval-gfi-adapt-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Same text everywhere; in January the maintainers marked "area/cli" issues, never "area/core" ones.
  const record = (n: number, createdAt: string, label: string, gfi: boolean): string =>
    JSON.stringify({
      repo: 'acme/app',
      number: n,
      title: 'Improve the error message',
      body: 'It could say which file failed.',
      state: 'open',
      labels: [{ name: label }, ...(gfi ? [{ name: 'good first issue' }] : [])],
      created_at: createdAt,
    });

  it('scores later issues with the adjustment fitted on earlier ones, and reports both figures', async () => {
    const january = Array.from({ length: 40 }, (_, i) =>
      record(i + 1, '2023-01-10T10:00:00Z', i % 2 ? 'area/core' : 'area/cli', i % 2 === 0 && i < 16),
    );
    const march = Array.from({ length: 8 }, (_, i) =>
      record(i + 100, '2023-03-10T10:00:00Z', i % 2 ? 'area/core' : 'area/cli', i % 4 === 0),
    );
    const file = path.join(dir, 'adapt.jsonl');
    await writeFile(file, `${[...january, ...march].join('\n')}\n`);
    const result = await evalGfi({ issuesPath: file });
    expect(result).toMatchObject({ adapt: true, issues: 48, positives: 10, adaptedIssues: 8 });
    expect(result.aucs.adapted!).toBeGreaterThan(result.aucs.shipped!);
    expect(result.auc).toBe(result.aucs.adapted);
    expect(result.perRepository).toEqual([expect.objectContaining({ repo: 'acme/app', adaptedIssues: 8 })]);
    const shippedOnly = await evalGfi({ issuesPath: file, adapt: false });
    expect(shippedOnly.auc).toBe(result.aucs.shipped);
  });
});

describe('hiddenLabelInput', () => {
  const record: IssueRecord = {
    id: '1',
    repo: null,
    title: 'Fix typo',
    body: EASY_BODY,
    label: null,
    line: 1,
    createdAt: '2023-05-01T10:00:00.000Z',
    labels: ['Good First Issue', 'beginner', 'documentation', 'needs-triage'],
  };

  it('removes the target label and its synonyms, keeping the others', () => {
    expect(hiddenLabelInput(record, 'good first issue').labels).toEqual(['documentation', 'needs-triage']);
    expect(hiddenLabelInput(record, 'needs triage').labels).toEqual(['documentation']);
  });

  it('gives the same score whether or not the issue carried the label', () => {
    const withLabel = scoreIssueDifficulty(hiddenLabelInput(record, 'good first issue')).gfiScore;
    const without = scoreIssueDifficulty(
      hiddenLabelInput({ ...record, labels: ['documentation', 'needs-triage'] }, 'good first issue'),
    ).gfiScore;
    expect(withLabel).toBe(without);
  });
});
