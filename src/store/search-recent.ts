/**
 * The most recently updated matches of a search, newest first, without sorting every match.
 *
 * A common word matches a large share of the issues: ordering all of its matches by updated_at reads
 * each of them from the table (278,000 rows for "request" at 1,000,000 issues). Every issue carries
 * the week of its updated_at as a search key (`w:<week>`, migration 0012) in the same GIN indexes as
 * its text and title, so "the word, in these weeks" is intersected inside the index. The matches are
 * read one range of weeks at a time, newest first, until there are enough: ranges are disjoint and
 * ordered, so their concatenation is exactly the newest matches overall. Each range is sized from the matches
 * per week seen so far; after a year of weeks, one last query takes everything older.
 */
import type { SqlClient } from './db.ts';
import { SqlWhere, type SearchScope } from './search-filters.ts';

const WEEK_MS = 604_800_000;
/** Weeks read by week key before the rest is read in one query (by then the text is rare). */
const MAX_KEYED_WEEKS = 52;
/** to_char format of an exact ISO-8601 UTC time (microseconds kept: page cursors compare it with updated_at). */
export const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** The `w:` search key's week of a time: whole weeks since 1970-01-01 UTC, as the migration computes it. */
export function weekOf(epochMs: number): number {
  return Math.floor(epochMs / WEEK_MS);
}

/**
 * The search keys that cover weeks `newest` down to `oldest` exactly: whole 16-week and 4-week blocks
 * (`w16:`, `w4:`, aligned on week numbers as the migration computes them) where they fit, single
 * weeks at the edges, so a year of weeks is about a dozen keys instead of 52.
 */
export function weekRangeKeys(newest: number, oldest: number): string[] {
  const keys: string[] = [];
  let week = newest;
  while (week >= oldest) {
    if ((week + 1) % 16 === 0 && week - 15 >= oldest) {
      keys.push(`w16:${(week - 15) / 16}`);
      week -= 16;
    } else if ((week + 1) % 4 === 0 && week - 3 >= oldest) {
      keys.push(`w4:${(week - 3) / 4}`);
      week -= 4;
    } else {
      keys.push(`w:${week}`);
      week -= 1;
    }
  }
  return keys;
}

export interface RecentMatch {
  id: number;
  /** updated_at (exact ISO-8601), for a page cursor; read only when no rank is asked for. */
  at?: string;
  /** The mode's rank, when asked for. */
  rank?: number;
}

/** A copy of `where` with one more clause. */
function withClause(where: SqlWhere, clause: (w: SqlWhere) => string): SqlWhere {
  const copy = new SqlWhere();
  copy.params.push(...where.params);
  copy.clauses.push(...where.clauses);
  return copy.add(clause(copy));
}

/**
 * SQL for the newest updated_at among the scope's issues (each repository's newest through its
 * index), adding its parameters to `where`: where the week ranges start.
 */
export function newestUpdateSql(scope: SearchScope, where: SqlWhere): string {
  if (scope.repoIds === null) return '(SELECT max(updated_at) FROM issues)';
  return `(SELECT max(n.at) FROM unnest(${where.param(scope.repoIds)}::bigint[]) AS s(id),
    LATERAL (SELECT max(updated_at) AS at FROM issues WHERE repo_id = s.id) n)`;
}

/**
 * Up to `need` matches of `where` (over `issues i`), newest first (updated_at, then id), with
 * `rank` (an SQL expression over the same parameters) when given, else with their updated_at. With
 * `weeks` (text searches, whose GIN indexes hold the week keys) matches are read a range of weeks at
 * a time from the week of `newest` (the newest update in scope, see newestUpdateSql), or of
 * `notAfter` when earlier (an updatedTo filter, a page cursor).
 */
export async function newestMatches(
  db: SqlClient,
  query: { where: SqlWhere; need: number; rank?: string | null },
  weeks: { newest: string | null; notAfter?: string | null } | null,
): Promise<RecentMatch[]> {
  // By week, "+ interval '0 s'" hides the updated_at index: walking it and testing every row is the
  // plan the week keys avoid (the planner picks it when it overrates how many rows match).
  const order = weeks ? "i.updated_at + interval '0 s'" : 'i.updated_at';
  const read = async (where: SqlWhere, limit: number): Promise<RecentMatch[]> => {
    // One row of arrays instead of a row per match: on PGlite each result row, and each timestamp
    // parsed into a Date, costs more than the query itself (500 rows: 5-12 ms against 2 ms).
    const result = await db.query<{
      ids: (number | string)[] | null;
      ats: string[] | null;
      ranks: number[] | null;
    }>(
      `SELECT array_agg(m.id ORDER BY m.o DESC, m.id DESC) AS ids,
         ${query.rank ? 'array_agg(m.rank ORDER BY m.o DESC, m.id DESC)' : 'NULL::real[]'} AS ranks,
         ${query.rank ? 'NULL::text[]' : `array_agg(to_char(m.at AT TIME ZONE 'UTC', ${ISO_UTC}) ORDER BY m.o DESC, m.id DESC)`} AS ats
       FROM (SELECT i.id, i.updated_at AS at, ${order} AS o${query.rank ? `, ${query.rank} AS rank` : ''}
             FROM issues i ${where.sql} ORDER BY ${order} DESC, i.id DESC LIMIT ${limit}) m`,
      where.params,
    );
    const { ids, ats, ranks } = result.rows[0]!;
    return (ids ?? []).map((id, k) =>
      ranks ? { id: Number(id), rank: Number(ranks[k]) } : { id: Number(id), at: ats![k]! },
    );
  };
  if (weeks === null) return read(query.where, query.need);
  if (weeks.newest === null) return [];
  let week = weekOf(
    Math.min(Date.parse(weeks.newest), weeks.notAfter ? Date.parse(weeks.notAfter) : Infinity),
  );
  const matches: RecentMatch[] = [];
  let weeksRead = 0;
  let width = 1;
  while (matches.length < query.need) {
    const remaining = query.need - matches.length;
    if (weeksRead >= MAX_KEYED_WEEKS) {
      const before = new Date((week + 1) * WEEK_MS).toISOString();
      matches.push(
        ...(await read(
          withClause(query.where, (w) => `i.updated_at + interval '0 s' < ${w.param(before)}::timestamptz`),
          remaining,
        )),
      );
      break;
    }
    const keys = weekRangeKeys(week, week - width + 1);
    matches.push(
      ...(await read(
        withClause(query.where, (w) => `i.search_keys && ${w.param(keys)}::text[]`),
        remaining,
      )),
    );
    weeksRead += width;
    week -= width;
    // Size the next range to hold what is still needed at the rate seen so far (x1.25), and at
    // least half the weeks read so far: each read has a fixed cost (with a filter such as a label,
    // about 10 ms at 1,000,000 issues) that a few more rows cost less than. At most eight times the
    // weeks read (sixteen with no match yet): a rate measured on few matches can be far off, and a
    // range is sorted whole, so overshooting costs a row read per extra match.
    const perWeek = matches.length / weeksRead;
    const wanted = perWeek > 0 ? Math.ceil((1.25 * (query.need - matches.length)) / perWeek) : Infinity;
    width = Math.min(
      Math.max(wanted, Math.ceil(weeksRead / 2)),
      (perWeek > 0 ? 8 : 16) * weeksRead,
      MAX_KEYED_WEEKS - weeksRead,
    );
  }
  return matches;
}
