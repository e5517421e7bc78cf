import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../core/errors.ts';
import { seededRandom } from '../core/learn/index.ts';
import { FileRecordError } from '../sources/files/index.ts';
import { evalClassify, goldLabel, NO_REPO, scoreClassification } from './eval-classify.ts';

// Three classes with their own vocabularies, plus shared filler, so a model trained on a few dozen
// examples can learn them; the test asserts a high score, which a broken pipeline would not reach.
const WORDS: Record<string, string[]> = {
  bug: ['crash', 'exception', 'broken', 'segfault', 'error', 'fails', 'regression', 'traceback'],
  feature: ['support', 'add', 'option', 'proposal', 'allow', 'new', 'would', 'enhancement'],
  question: ['how', 'why', 'help', 'understand', 'possible', 'anyone', 'explain', 'clarify'],
};
const FILLER = ['the', 'when', 'using', 'module', 'window', 'file', 'build', 'version'];

function makeRows(count: number, seed: number): string[][] {
  const random = seededRandom(seed);
  const pick = (list: string[]): string => list[Math.floor(random() * list.length)] as string;
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const label = ['bug', 'feature', 'question'][i % 3] as string;
    const words = WORDS[label] as string[];
    const title = `${pick(words)} ${pick(FILLER)} ${pick(words)}`;
    const body = Array.from({ length: 12 }, () => (random() < 0.5 ? pick(words) : pick(FILLER))).join(' ');
    rows.push([i % 2 === 0 ? 'octo/alpha' : 'octo/beta', label, title, body]);
  }
  return rows;
}

const csv = (rows: string[][]): string =>
  ['repo,label,title,body', ...rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(','))].join(
    '\n',
  ) + '\n';

describe('evalClassify', () => {
  let dir: string;
  let train: string;
  let test: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-eval-classify-'));
    train = path.join(dir, 'train.csv');
    test = path.join(dir, 'test.csv');
    await writeFile(train, csv(makeRows(120, 1)));
    await writeFile(test, csv(makeRows(60, 2)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('trains on one file and scores the other per repository (--no-global)', async () => {
    const result = await evalClassify({ trainPath: train, testPath: test, useGlobal: false });
    expect(result.trainIssues).toBe(120);
    expect(result.testIssues).toBe(60);
    expect(result.repos.map((r) => [r.repo, r.issues])).toEqual([
      ['octo/alpha', 30],
      ['octo/beta', 30],
    ]);
    expect(result.repos[0]?.classes).toEqual(['bug', 'feature', 'question']);
    expect(result.meanMacroF1).toBeGreaterThan(0.8);
    expect(result.meanMacroF1).toBeCloseTo((result.repos[0]!.macroF1 + result.repos[1]!.macroF1) / 2, 10);
    const total = result.confusion.matrix.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(60);
    expect(result.usedGlobal).toBe(false);
  });

  it('gives the same figures on a second run (deterministic)', async () => {
    const a = await evalClassify({ trainPath: train, testPath: test, useGlobal: false });
    const b = await evalClassify({ trainPath: train, testPath: test, useGlobal: false });
    expect(b).toEqual(a);
  });

  it('adapts the global model by default and still learns the file', async () => {
    const result = await evalClassify({ trainPath: train, testPath: test });
    expect(result.usedGlobal).toBe(true);
    expect(result.meanMacroF1).toBeGreaterThan(0.6);
  });

  it('reads fastText lines and maps labels to Loupe types', async () => {
    const ft = path.join(dir, 'train.fasttext');
    const lines = makeRows(60, 3).map(
      ([, label, title, body]) => `__label__${label === 'feature' ? 'enhancement' : label} ${title}. ${body}`,
    );
    await writeFile(ft, `${lines.join('\n')}\n`);
    const result = await evalClassify({ trainPath: ft, testPath: ft, useGlobal: false });
    expect(result.repos.map((r) => r.repo)).toEqual([NO_REPO]);
    expect(result.confusion.classes).toContain('feature');
    expect(result.confusion.classes).not.toContain('enhancement');
  });

  it('takes GitHub JSONL types from labels and leaves pull requests and unlabelled issues out', async () => {
    const jsonl = path.join(dir, 'issues.jsonl');
    const objects = makeRows(30, 5).map(([, label, title, body], i) => ({
      number: i + 1,
      title,
      body,
      state: 'open',
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      labels: i % 10 === 9 ? [] : [{ name: label === 'feature' ? 'type: enhancement' : label }],
      ...(i % 10 === 8 ? { pull_request: { merged_at: null } } : {}),
    }));
    await writeFile(jsonl, `${objects.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const result = await evalClassify({ trainPath: train, testPath: jsonl, useGlobal: false });
    expect(result.pullRequestsSkipped).toBe(3);
    expect(result.unlabelled.test).toBe(3);
    expect(result.testIssues).toBe(24);
    expect(result.confusion.classes).toEqual(['bug', 'feature', 'question']);
  });

  it('stops at a malformed record with its line, or counts it with skipBad', async () => {
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, `${csv(makeRows(30, 4))}"octo/alpha",bug,"only three fields"\n`);
    await expect(evalClassify({ trainPath: bad, testPath: test, useGlobal: false })).rejects.toMatchObject({
      name: 'FileRecordError',
      line: 32,
    });
    const skipped: FileRecordError[] = [];
    const result = await evalClassify({
      trainPath: bad,
      testPath: test,
      useGlobal: false,
      skipBad: true,
      onSkip: (e) => skipped.push(e),
    });
    expect(result.recordsSkipped).toBe(1);
    expect(skipped[0]?.line).toBe(32);
    expect(result.trainIssues).toBe(30);
  });

  it('refuses a training file without labels', async () => {
    const unlabelled = path.join(dir, 'unlabelled.csv');
    await writeFile(unlabelled, 'title,body\nCrash,on start\n');
    await expect(evalClassify({ trainPath: unlabelled, testPath: test })).rejects.toBeInstanceOf(LoupeError);
  });
});

describe('scoreClassification', () => {
  it('averages macro F1 over repositories, each over its own gold classes', () => {
    const scores = scoreClassification([
      { repo: 'a', gold: 'bug', predicted: 'bug' },
      { repo: 'a', gold: 'feature', predicted: 'feature' },
      { repo: 'b', gold: 'bug', predicted: 'bug' },
      { repo: 'b', gold: 'bug', predicted: 'question' },
    ]);
    expect(scores.repos.map((r) => r.macroF1)).toEqual([1, 2 / 3]);
    // Repository b: only "bug" is present; precision 1, recall 1/2, F1 2/3 ("question" is not averaged).
    expect(scores.repos[1]?.classes).toEqual(['bug']);
    expect(scores.meanMacroF1).toBeCloseTo(5 / 6, 10);
    expect(scores.accuracy).toBe(0.75);
  });

  it('maps stated and GitHub labels to types', () => {
    expect(goldLabel({ label: 'Enhancement', labels: [] })).toBe('feature');
    expect(goldLabel({ label: 'Wontfix', labels: [] })).toBe('wontfix');
    expect(goldLabel({ label: null, labels: ['kind/bug', 'area: ui'] })).toBe('bug');
    expect(goldLabel({ label: null, labels: ['area: ui'] })).toBeNull();
  });
});
