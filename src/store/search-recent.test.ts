import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { Database } from './db.ts';
import { createRepoRepository } from './repo.repository.ts';
import { addIssueFilters, ALL_REPOSITORIES, SqlWhere, type SearchScope } from './search-filters.ts';
import { ISO_UTC, newestMatches, newestUpdateSql, weekOf, weekRangeKeys } from './search-recent.ts';

// The week ladder must return exactly what sorting every match would: the newest `need` matches.
describe('newest matches through the week keys', () => {
  let db: Database;
  let repoA: number;
  let repoB: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    repoA = (await createRepoRepository(db).add({ owner: 'acme', name: 'a', apiUrl: 'http://127.0.0.1:1' }))
      .repo.id;
    repoB = (await createRepoRepository(db).add({ owner: 'acme', name: 'b', apiUrl: 'http://127.0.0.1:1' }))
      .repo.id;
    // 3,000 issues over ~4 years, denser in recent weeks; "alpha" in every 2nd title, "beta" in every
    // 97th (rare: most of its matches are older than the ladder's year of week keys), "gamma" only
    // in issues updated in the same second, to tie on updated_at.
    await db.query(
      `INSERT INTO issues (repo_id, number, external_id, title, state, created_at, updated_at)
       SELECT CASE WHEN n % 3 = 0 THEN $2::bigint ELSE $1::bigint END, n, 'x' || n,
         concat_ws(' ', 'issue', CASE WHEN n % 2 = 0 THEN 'alpha' END, CASE WHEN n % 97 = 0 THEN 'beta' END, CASE WHEN n > 2990 THEN 'gamma' END),
         CASE WHEN n % 5 = 0 THEN 'closed' ELSE 'open' END, '2020-01-01',
         CASE WHEN n > 2990 THEN timestamptz '2024-06-01 12:00'
              ELSE timestamptz '2024-06-01' - (sqrt(3000 - n) * interval '25 days') END
       FROM generate_series(1, 3000) AS n`,
      [repoA, repoB],
    );
  });
  afterAll(async () => db.close());

  const fullText = (word: string, scope: SearchScope, filters = {}) => {
    const where = new SqlWhere();
    where.add(`i.search_vector @@ websearch_to_tsquery('english', ${where.param(word)})`);
    return addIssueFilters(filters, scope, where, { searchKeys: true });
  };
  const newest = async (scope: SearchScope) => {
    const where = new SqlWhere();
    return (
      await db.query<{ at: string | null }>(`SELECT ${newestUpdateSql(scope, where)} AS at`, where.params)
    ).rows[0]!.at;
  };
  const sorted = async (where: SqlWhere, need: number) =>
    (
      await db.query<{ id: number; at: string }>(
        `SELECT i.id, to_char(i.updated_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS at FROM issues i ${where.sql} ORDER BY i.updated_at DESC, i.id DESC LIMIT ${need}`,
        where.params,
      )
    ).rows;

  it('gives the same matches, in the same order, as sorting them all', async () => {
    for (const word of ['alpha', 'beta', 'gamma', 'issue', 'nomatch']) {
      for (const need of [1, 7, 120, 501, 5001]) {
        for (const [scope, filters] of [
          [ALL_REPOSITORIES, {}],
          [{ repoIds: [repoB] }, {}],
          [ALL_REPOSITORIES, { state: 'closed' as const }],
        ] as const) {
          const where = fullText(word, scope, filters);
          const laddered = await newestMatches(db, { where, need }, { newest: await newest(scope) });
          expect(laddered, `${word} ${need} ${JSON.stringify(scope)} ${JSON.stringify(filters)}`).toEqual(
            await sorted(where, need),
          );
        }
      }
    }
  });

  it('does the same for title searches, through the trigram index', async () => {
    for (const [condition, text] of [
      ['i.title ILIKE $1', '%alpha%'],
      ['$1 <% i.title', 'betta'],
      ['i.title ILIKE $1', '%nothing%'],
    ] as const) {
      for (const need of [5, 501]) {
        const where = new SqlWhere();
        where.add(condition.replace('$1', where.param(text)));
        addIssueFilters({ state: 'open' }, ALL_REPOSITORIES, where, { searchKeys: true });
        expect(
          await newestMatches(db, { where, need }, { newest: await newest(ALL_REPOSITORIES) }),
          `${condition} ${text} ${need}`,
        ).toEqual(await sorted(where, need));
      }
    }
  });

  it('starts no later than notAfter, and misses nothing before it', async () => {
    const notAfter = '2023-01-01T00:00:00.000Z';
    const where = fullText('alpha', ALL_REPOSITORIES, { updatedTo: notAfter });
    expect(
      await newestMatches(db, { where, need: 300 }, { newest: await newest(ALL_REPOSITORIES), notAfter }),
    ).toEqual(await sorted(where, 300));
  });

  it('computes the week keys as the migration does', async () => {
    const rows = (
      await db.query<{ at: string; keys: string[] }>(
        'SELECT updated_at AS at, search_keys AS keys FROM issues ORDER BY id LIMIT 50',
      )
    ).rows;
    for (const row of rows) {
      const week = weekOf(Date.parse(row.at));
      expect(row.keys.slice(0, 3)).toEqual([
        `w:${week}`,
        `w4:${Math.floor(week / 4)}`,
        `w16:${Math.floor(week / 16)}`,
      ]);
    }
  });

  it('covers a range of weeks exactly with week and block keys', () => {
    const weeksOf = (key: string): number[] => {
      const [kind, n] = key.split(':') as [string, string];
      const size = kind === 'w16' ? 16 : kind === 'w4' ? 4 : 1;
      return Array.from({ length: size }, (_, k) => Number(n) * size + k);
    };
    for (const [newest, oldest] of [
      [2895, 2895],
      [2895, 2844],
      [2879, 2864],
      [2900, 2801],
      [17, 0],
    ] as const) {
      const keys = weekRangeKeys(newest, oldest);
      const covered = keys.flatMap(weeksOf).sort((a, b) => a - b);
      expect(covered, `${newest}..${oldest}`).toEqual(
        Array.from({ length: newest - oldest + 1 }, (_, k) => oldest + k),
      );
    }
    expect(weekRangeKeys(2879, 2864)).toEqual(['w16:179']);
    expect(weekRangeKeys(2895, 2844).length).toBeLessThan(15);
  });
});
