import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, type IssueAnalysis } from './analyze-file.ts';

const CRASH =
  'Crash in tokenizer when loading a parquet file: `ArrowInvalid: Parquet magic bytes not found in footer` raised by pyarrow.parquet.read_table';

const issues = [
  { number: 1, title: 'Tokenizer crashes on parquet files', body: CRASH },
  {
    number: 2,
    title: 'Add a progress bar to dataset downloads',
    body: 'It would be nice to see download progress for large datasets, with an option to disable it.',
  },
  {
    number: 3,
    title: 'How do I cache a dataset on a shared drive?',
    body: 'Is there a way to point the cache to a network drive for my team?',
  },
  {
    number: 4,
    title: 'Parquet footer error in tokenizer',
    body: `Same here: ${CRASH}. Happens with every shard.`,
  },
  {
    number: 5,
    title: 'Docs: typo in the quickstart',
    body: 'The quickstart says "recieve" instead of "receive".',
  },
  {
    number: 6,
    title: 'Fix parquet footer crash in tokenizer',
    body: CRASH,
    pull_request: { merged_at: null },
  },
];

function line(issue: (typeof issues)[number], labels: string[] = []): string {
  return JSON.stringify({
    ...issue,
    state: 'open',
    labels: labels.map((name) => ({ name })),
    comments: 0,
    created_at: `2024-01-0${issue.number}T00:00:00Z`,
    updated_at: '2024-02-01T00:00:00Z',
    repository_url: 'https://api.github.com/repos/octo/data',
  });
}

describe('analyzeFile', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-analyze-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(
    file: string,
    options: { skipBad?: boolean } = {},
  ): Promise<{ results: IssueAnalysis[]; summary: Awaited<ReturnType<typeof analyzeFile>> }> {
    const results: IssueAnalysis[] = [];
    const summary = await analyzeFile({
      path: file,
      inMemory: true,
      ...options,
      onResult: (a) => void results.push(a),
    });
    return { results, summary };
  }

  it('writes one analysis per record, in file order, with duplicates found within the file', async () => {
    const file = path.join(dir, 'issues.jsonl');
    await writeFile(file, `${issues.map((issue) => line(issue)).join('\n')}\n`);
    const { results, summary } = await run(file);
    expect(summary).toEqual({ issues: 6, recordsSkipped: 0 });
    expect(results.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    const first = results[0] as IssueAnalysis;
    expect(Object.values(first.type.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(first.type.label).toBe('bug');
    expect(['easy', 'medium', 'hard']).toContain(first.difficulty.level);
    expect(first.difficulty.gfiScore).toBeGreaterThanOrEqual(0);
    expect(first.difficulty.gfiScore).toBeLessThanOrEqual(1);
    // #4 repeats #1's error; the pull request (#6) is never offered as a duplicate.
    expect(first.duplicates[0]?.id).toBe('4');
    expect(results[3]?.duplicates[0]?.id).toBe('1');
    for (const r of results) {
      expect(r.duplicates.map((d) => d.id)).not.toContain(r.id);
      expect(r.duplicates.map((d) => d.id)).not.toContain('6');
      expect(r.duplicates.length).toBeLessThanOrEqual(10);
      // The clear-winner rule of the analysis job: only ever the top candidate.
      if (r.duplicateOf !== null) expect(r.duplicateOf).toBe(r.duplicates[0]?.id);
    }
    expect(results.every((r) => r.duplicateOf === null || r.duplicateOf !== r.id)).toBe(true);
    expect(results.find((r) => r.id === '2')?.type.label).toBe('feature');
  });

  it('reads CSV without ids (ordinals) and tags concepts', async () => {
    const file = path.join(dir, 'issues.csv');
    await writeFile(
      file,
      'title,body\n"Kafka consumer lag in Spark streaming","Our Apache Kafka topic lags behind the Spark Structured Streaming job"\n"Second",""\n',
    );
    const { results } = await run(file);
    expect(results.map((r) => r.id)).toEqual(['1', '2']);
    expect(results[0]?.concepts.map((c) => c.id)).toContain('kafka');
  });

  it('stops at a malformed line, or skips it, counts it and leaves it out', async () => {
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, [line(issues[0]!), 'not json', line(issues[3]!)].join('\n'));
    await expect(run(file)).rejects.toMatchObject({ name: 'FileRecordError', line: 2 });
    const { results, summary } = await run(file, { skipBad: true });
    expect(summary).toEqual({ issues: 2, recordsSkipped: 1 });
    expect(results.map((r) => r.id)).toEqual(['1', '4']);
    expect(results[0]?.duplicates[0]?.id).toBe('4');
  });

  it('cites the most similar earlier labelled record by its file id in the reasons, never the record itself', async () => {
    const file = path.join(dir, 'labelled.jsonl');
    await writeFile(file, issues.map((issue) => line(issue, issue.number === 1 ? ['bug'] : [])).join('\n'));
    const { results } = await run(file);
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('4')?.type.label).toBe('bug');
    expect(byId.get('4')?.type.reasons).toContain(
      'like #1 "Tokenizer crashes on parquet files" (labelled bug)',
    );
    expect(byId.get('1')?.type.reasons.some((r) => r.startsWith('like #'))).toBe(false);
    expect(byId.get('1')?.type.reasons.length).toBeGreaterThan(0);
  });
});
