import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueRecord } from '../sources/files/index.ts';
import {
  createIssueIndexWriter,
  openScratchStore,
  toIssue,
  UNKNOWN_DATE,
  validDate,
  type ScratchStore,
} from './scratch-store.ts';

const record = (id: string, repo: string | null, createdAt: string | null): IssueRecord => ({
  id,
  repo,
  title: `Title ${id}`,
  body: `Body ${id}`,
  label: null,
  labels: ['bug'],
  createdAt,
  line: 1,
});

describe('scratch store', () => {
  let store: ScratchStore;
  beforeAll(async () => {
    store = await openScratchStore({ onDisk: false });
  });
  afterAll(() => store.close());

  it('indexes records under one repository per repo name, keyed by ordinal, searchable', async () => {
    const writer = createIssueIndexWriter(store.db, { fallbackRepo: 'file.csv' });
    await writer.add(record('HADOOP-1', null, '30/Sep/21 17:20'), 1);
    await writer.add(record('7', 'octo/api', '2021-01-02T00:00:00.000Z'), 2);
    await writer.add(record('8', 'octo/api', null), 3);
    await writer.flush();
    const rows = await store.db.query<{
      number: number;
      external_id: string;
      repo_id: number;
      created_at: string;
    }>(
      "SELECT number, external_id, repo_id, created_at FROM issues WHERE search_vector @@ to_tsquery('english', 'title') ORDER BY number",
    );
    expect(rows.rows.map((r) => [r.number, r.external_id])).toEqual([
      [1, 'HADOOP-1'],
      [2, '7'],
      [3, '8'],
    ]);
    expect(rows.rows[1]?.repo_id).toBe(writer.repoIdOf('octo/api'));
    expect(rows.rows[0]?.repo_id).toBe(writer.repoIdOf(null));
    expect(rows.rows[0]?.repo_id).not.toBe(rows.rows[1]?.repo_id);
    // An unreadable or missing date is stored as UNKNOWN_DATE (created_at is NOT NULL).
    expect(rows.rows[0]?.created_at).toBe(UNKNOWN_DATE);
    expect(rows.rows[2]?.created_at).toBe(UNKNOWN_DATE);
  });

  it('maps file records to store issues with neutral defaults', () => {
    const issue = toIssue({ ...record('5', null, null), resolution: 'Duplicate', commentsCount: 3 }, 9);
    expect(issue).toMatchObject({
      number: 9,
      externalId: '5',
      state: 'open',
      stateReason: 'Duplicate',
      commentsCount: 3,
      labels: [{ name: 'bug' }],
    });
    expect(validDate('2021-01-02T03:04:05Z')).toBe('2021-01-02T03:04:05.000Z');
    expect(validDate('yesterday')).toBeNull();
  });
});
