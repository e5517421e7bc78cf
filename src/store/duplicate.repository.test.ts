import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Database } from './db.ts';
import { createDuplicateRepository } from './duplicate.repository.ts';
import { createIssueRepository } from './issue.repository.ts';
import { createRepoRepository } from './repo.repository.ts';

const issueNumbered = (number: number): Issue =>
  testIssue(
    number,
    {
      // Long bodies spread the rows over many table blocks, as a real store's are.
      title: `Issue number${number}`,
      body: `word${number} `.repeat(150),
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.000Z',
    },
    'acme/widgets',
  );

describe('duplicate repository: corpusSample', () => {
  let db: Database;
  const total = 800;

  beforeAll(async () => {
    db = await openTestDatabase();
    const { repo } = await createRepoRepository(db).add({
      owner: 'acme',
      name: 'widgets',
      apiUrl: 'http://127.0.0.1:1',
    });
    const issues = Array.from({ length: total }, (_, i) => issueNumbered(i + 1));
    for (let i = 0; i < total; i += 200)
      await createIssueRepository(db).upsertIssues(repo.id, issues.slice(i, i + 200));
  });
  afterAll(async () => db.close());

  const numbersOf = (texts: { title: string }[]): number[] =>
    texts.map((t) => Number(/number(\d+)/.exec(t.title)?.[1]));

  it('samples about `limit` issues from the whole table, the same ones each time', async () => {
    const duplicates = createDuplicateRepository(db);
    const sample = await duplicates.corpusSample(160);
    expect(sample.total).toBe(total);
    expect(sample.texts.length).toBeGreaterThan(60);
    expect(sample.texts.length).toBeLessThan(300);
    const numbers = numbersOf(sample.texts);
    // Not just the newest rows: both the first and the last quarter of the table are represented.
    expect(numbers.some((n) => n <= total / 4)).toBe(true);
    expect(numbers.some((n) => n > (3 * total) / 4)).toBe(true);
    expect(numbersOf((await duplicates.corpusSample(160)).texts)).toEqual(numbers);
  });

  it('returns every issue when the collection is no larger than the limit', async () => {
    const sample = await createDuplicateRepository(db).corpusSample(total);
    expect(new Set(numbersOf(sample.texts)).size).toBe(total);
  });
});

describe('duplicate repository: countsFor', () => {
  let db: Database;
  afterAll(async () => db?.close());

  it('counts links that are not rejected per issue, and the confirmed ones among them', async () => {
    db = await openTestDatabase();
    const { repo } = await createRepoRepository(db).add({
      owner: 'acme',
      name: 'widgets',
      apiUrl: 'http://127.0.0.1:1',
    });
    const store = createIssueRepository(db);
    await store.upsertIssues(repo.id, [1, 2, 3, 4].map(issueNumbered));
    const id = async (n: number) => (await store.findByNumber(repo.id, n))!.id;
    const [one, two, three, four] = [await id(1), await id(2), await id(3), await id(4)];
    const duplicates = createDuplicateRepository(db);
    await duplicates.confirmFromSource(two, one, 'state-reason', 'closed as duplicate');
    await duplicates.suggest(three, [{ otherId: one, score: 0.9, evidence: [] }]);
    await duplicates.suggest(four, [{ otherId: one, score: 0.8, evidence: [] }]);
    await duplicates.decide(four, one, 'rejected', 'maintainer');
    const counts = await duplicates.countsFor([one, two, three, four]);
    expect(counts.get(one)).toEqual({ all: 2, confirmed: 1 });
    expect(counts.get(two)).toEqual({ all: 1, confirmed: 1 });
    expect(counts.get(three)).toEqual({ all: 1, confirmed: 0 });
    expect(counts.has(four)).toBe(false);
  });
});
