import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpusStats } from '../core/duplicates/index.ts';
import {
  buildDuplicateCandidatesParams,
  DUPLICATE_CANDIDATES_SQL,
  toTsquery,
} from './duplicate-candidates.sql.ts';

// The columns DUPLICATE_CANDIDATES_SQL relies on, as the store's migration defines them.
const SCHEMA = `
CREATE TABLE issues (
  id bigint PRIMARY KEY, repo_id bigint NOT NULL, number int NOT NULL, title text NOT NULL, body text NOT NULL,
  created_at timestamptz NOT NULL,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(body, 20000)), 'B')) STORED
);
CREATE INDEX issues_search_gin ON issues USING gin (search_vector);`;

const ROWS: [number, number, string, string, string][] = [
  [
    1,
    10,
    'Balancer hangs when datanode is decommissioning',
    'The balancer never finishes while a node decommissions.',
    '2024-01-01',
  ],
  [2, 10, 'Update the README badges', 'Badges point to the old CI.', '2024-01-02'],
  [3, 20, 'Balancer hangs during decommissioning', 'Same hang, other repository.', '2024-01-03'],
  [4, 10, 'Balancer stuck while decommissioning datanodes', 'balancer hangs forever', '2024-03-01'],
];

describe('DUPLICATE_CANDIDATES_SQL', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.exec(SCHEMA);
    for (const [id, repo, title, body, created] of ROWS) {
      await db.query(
        'INSERT INTO issues (id, repo_id, number, title, body, created_at) VALUES ($1,$2,$3,$4,$5,$6)',
        [id, repo, id, title, body, created],
      );
    }
  });
  afterAll(async () => {
    await db.close();
  });

  const query = {
    text: { title: 'Balancer hangs on decommissioning datanode', body: 'It hangs.' },
    issueId: 4,
  };

  it('finds the matching issue of the repository, excluding the query issue and later issues', async () => {
    const params = buildDuplicateCandidatesParams({
      ...query,
      repoIds: [10],
      createdBefore: '2024-02-01T00:00:00Z',
    });
    expect(params).not.toBeNull();
    const res = await db.query<{ id: number; rank: number }>(DUPLICATE_CANDIDATES_SQL, params ?? []);
    expect(res.rows.map((r) => Number(r.id))).toEqual([1]);
    expect(res.rows[0]?.rank).toBeGreaterThan(0);
  });

  it('searches every repository when repoIds is null and ranks better matches first', async () => {
    const params = buildDuplicateCandidatesParams({ ...query, repoIds: null });
    const res = await db.query<{ id: number; rank: number }>(DUPLICATE_CANDIDATES_SQL, params ?? []);
    const ids = res.rows.map((r) => Number(r.id));
    expect(ids).toEqual(expect.arrayContaining([1, 3]));
    expect(ids).not.toContain(4);
    expect(ids).not.toContain(2);
    const ranks = res.rows.map((r) => Number(r.rank));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('honours the row limit', async () => {
    const params = buildDuplicateCandidatesParams({ ...query, issueId: null, limit: 2 });
    const res = await db.query(DUPLICATE_CANDIDATES_SQL, params ?? []);
    expect(res.rows).toHaveLength(2);
  });

  it('can use the GIN index (no sequential scan when the planner is steered off it)', async () => {
    const params = buildDuplicateCandidatesParams({ ...query, repoIds: [10] }) ?? [];
    await db.exec('SET enable_seqscan = off');
    const inlined = DUPLICATE_CANDIDATES_SQL.replace(
      /\$(\d)(::[a-z[\]]+)/g,
      (_m, n: string, cast: string) => `${literal(params[Number(n) - 1])}${cast}`,
    );
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${inlined}`);
    await db.exec('RESET enable_seqscan');
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('Bitmap Index Scan on issues_search_gin');
    expect(text).not.toMatch(/Seq Scan on issues/);
  });
});

function literal(value: unknown): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => `'${String(v)}'`).join(',')}]`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

describe('buildDuplicateCandidatesParams', () => {
  it('builds an OR tsquery of the retrieval terms and default caps', () => {
    const params = buildDuplicateCandidatesParams({
      text: { title: 'alpha beta gamma delta', body: '' },
      maxTerms: 3,
    });
    expect(params?.[0].split(' | ')).toHaveLength(3);
    expect(params?.slice(1)).toEqual([null, null, null, 400, 50]);
  });

  it('keeps the query selective: words beyond the match budget are left out', () => {
    const corpus = Array.from({ length: 1000 }, (_, i) => ({
      title: `common words ${i % 2 ? 'rare' : 'often'}`,
      body: 'frequent text here',
    }));
    const stats = buildCorpusStats(corpus);
    const text = { title: 'zebra quokka common often frequent', body: 'text words' };
    const params = buildDuplicateCandidatesParams({ text, corpusStats: stats, candidateCap: 10 });
    const terms = params?.[0].split(' | ') ?? [];
    // The four most informative words are always kept; the rest only while they fit the budget.
    expect(terms.slice(0, 2).sort()).toEqual(['quokka', 'zebra']);
    expect(terms).toHaveLength(4);
    const unbounded = buildDuplicateCandidatesParams({ text, corpusStats: stats, candidateCap: 100_000 });
    expect(unbounded?.[0].split(' | ').length).toBeGreaterThan(4);
  });

  it('returns null when there is nothing to search for', () => {
    expect(buildDuplicateCandidatesParams({ text: { title: 'the of and', body: '' } })).toBeNull();
  });

  it('strips tsquery syntax so user text cannot change the query', () => {
    expect(toTsquery(["a'b", 'x&y', '!!', 'ok'])).toBe('ab | xy | ok');
    expect(toTsquery(['&', '|'])).toBeNull();
    expect(toTsquery(['router', "mid'dleware"], 'all')).toBe('router & middleware');
  });
});
