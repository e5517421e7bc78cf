import type { SqlClient } from './db.ts';
import { DUPLICATE_CANDIDATES_SQL, type DuplicateCandidatesParams } from './duplicate-candidates.sql.ts';

export type DuplicateStatus = 'suggested' | 'confirmed' | 'rejected';
export type DuplicateOrigin = 'detector' | 'state-reason' | 'reference' | 'maintainer';

export interface DuplicateLink {
  issueId: number;
  otherId: number;
  otherRepo: string;
  otherNumber: number;
  otherTitle: string;
  otherState: string;
  status: DuplicateStatus;
  origin: DuplicateOrigin;
  score: number | null;
  evidence: string[];
  /** 'duplicate-of': this issue duplicates the other; 'duplicated-by': the other duplicates this one. */
  direction: 'duplicate-of' | 'duplicated-by';
}

// The title's words ORed, over Loupe's own search_vector (title weight A, body B), ranked by ts_rank:
// what a plain PostgreSQL search of the same index gives without Loupe's term choice or re-ranking.
const FULL_TEXT_BASELINE_SQL = `
SELECT number FROM issues
WHERE repo_id = $1 AND id <> $2 AND ($3::timestamptz IS NULL OR created_at <= $3::timestamptz)
  AND search_vector @@ websearch_to_tsquery('english', $4)
ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', $4)) DESC, id DESC
LIMIT $5`;

/** Duplicate candidates (retrieval) and the links maintainers and the detector record. */
/** An issue's duplicate links that are not rejected: all of them, and the confirmed ones. */
export interface DuplicateCounts {
  all: number;
  confirmed: number;
}

export function createDuplicateRepository(db: SqlClient) {
  /** See `suggestMany` below. */
  async function suggestMany(
    found: readonly {
      issueId: number;
      suggestions: readonly { otherId: number; score: number; evidence: string[] }[];
    }[],
  ): Promise<void> {
    if (found.length === 0) return;
    const kept = found.flatMap((f) =>
      f.suggestions.map((s) => ({ issue_id: f.issueId, other_id: s.otherId })),
    );
    await db.query(
      `DELETE FROM duplicate_links l WHERE l.issue_id = ANY($1::bigint[]) AND l.status = 'suggested' AND l.origin = 'detector'
         AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS k(issue_id bigint, other_id bigint)
                         WHERE k.issue_id = l.issue_id AND k.other_id = l.duplicate_of_id)`,
      [found.map((f) => f.issueId), JSON.stringify(kept)],
    );
    const rows = found.flatMap((f) =>
      f.suggestions.map((s) => ({
        issue_id: f.issueId,
        other_id: s.otherId,
        score: s.score,
        evidence: s.evidence,
      })),
    );
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO duplicate_links (issue_id, duplicate_of_id, status, origin, score, evidence)
       SELECT x.issue_id, x.other_id, 'suggested', 'detector', x.score, x.evidence
       FROM jsonb_to_recordset($1::jsonb) AS x(issue_id bigint, other_id bigint, score real, evidence jsonb)
       ON CONFLICT (issue_id, duplicate_of_id) DO UPDATE SET score = EXCLUDED.score, evidence = EXCLUDED.evidence
       WHERE duplicate_links.status = 'suggested'`,
      [JSON.stringify(rows)],
    );
  }

  return {
    /** The evaluation baseline: plain full-text search with the query's title words ORed; issue numbers, best first. */
    async fullTextBaseline(q: {
      repoId: number;
      excludeId: number;
      createdAtMost: string | null;
      titleWords: string[];
      limit: number;
    }): Promise<number[]> {
      if (q.titleWords.length === 0) return [];
      const result = await db.query<{ number: number }>(FULL_TEXT_BASELINE_SQL, [
        q.repoId,
        q.excludeId,
        q.createdAtMost,
        q.titleWords.join(' or '),
        q.limit,
      ]);
      return result.rows.map((r) => r.number);
    },

    /** Store ids of a repository's issues by number. */
    async idsByNumber(repoId: number, numbers: number[]): Promise<Map<number, number>> {
      const result = await db.query<{ id: number; number: number }>(
        'SELECT id, number FROM issues WHERE repo_id = $1 AND number = ANY($2::int[])',
        [repoId, numbers],
      );
      return new Map(result.rows.map((row) => [row.number, row.id]));
    },

    async candidates(params: DuplicateCandidatesParams): Promise<
      {
        id: number;
        repoId: number;
        number: number;
        title: string;
        body: string;
        createdAt: string;
        rank: number;
      }[]
    > {
      const result = await db.query<{
        id: number;
        repo_id: number;
        number: number;
        title: string;
        body: string;
        created_at: string;
        rank: number;
      }>(DUPLICATE_CANDIDATES_SQL, params);
      return result.rows.map((r) => ({
        id: r.id,
        repoId: r.repo_id,
        number: r.number,
        title: r.title,
        body: r.body,
        createdAt: r.created_at,
        rank: r.rank,
      }));
    },

    /**
     * A sample of about `limit` issue texts (all when there are no more) for term statistics, and the size of the whole collection.
     * The sample is spread over the whole table (block sampling, fixed seed), not the newest rows: those
     * are one repository's latest sync, whose word frequencies misjudge every other repository's words
     * (a word absent from it looks rare, gets into the query and then matches 2% of a 1M-issue store).
     */
    async corpusSample(limit: number): Promise<{ texts: { title: string; body: string }[]; total: number }> {
      const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issues')).rows[0]?.n ?? 0;
      // No LIMIT: it would keep the table's first sampled blocks and drop its end. The size varies a little.
      const percent = total <= limit ? 100 : (100 * limit) / total;
      const texts = await db.query<{ title: string; body: string }>(
        'SELECT title, left(body, 4000) AS body FROM issues TABLESAMPLE SYSTEM ($1) REPEATABLE (42)',
        [percent],
      );
      return { texts: texts.rows, total };
    },

    /** Records detector suggestions; links already confirmed or rejected are left as they are. */
    async suggest(
      issueId: number,
      suggestions: { otherId: number; score: number; evidence: string[] }[],
    ): Promise<void> {
      await suggestMany([{ issueId, suggestions }]);
    },

    /**
     * suggest for several issues in two statements: each issue's detector suggestions that are no
     * longer made are removed, then the current ones are inserted or updated.
     */
    suggestMany,

    /** A link known from the source itself (closed as duplicate, "Duplicate of #N"). */
    async confirmFromSource(
      issueId: number,
      otherId: number,
      origin: 'state-reason' | 'reference',
      evidence: string,
    ): Promise<void> {
      await db.query(
        `INSERT INTO duplicate_links (issue_id, duplicate_of_id, status, origin, score, evidence, decided_at)
         VALUES ($1, $2, 'confirmed', $3, 1, $4, now())
         ON CONFLICT (issue_id, duplicate_of_id) DO UPDATE SET status = 'confirmed', origin = EXCLUDED.origin,
           evidence = EXCLUDED.evidence, decided_at = now()
         WHERE duplicate_links.status <> 'rejected' OR duplicate_links.origin <> 'maintainer'`,
        [issueId, otherId, origin, JSON.stringify([evidence])],
      );
    },

    /** A maintainer's decision on a pair; remembered so the detector never re-suggests a rejected pair. */
    async decide(
      issueId: number,
      otherId: number,
      decision: 'confirmed' | 'rejected',
      decidedBy: string | null,
    ): Promise<void> {
      await db.query(
        `INSERT INTO duplicate_links (issue_id, duplicate_of_id, status, origin, decided_by, decided_at)
         VALUES ($1, $2, $3, 'maintainer', $4, now())
         ON CONFLICT (issue_id, duplicate_of_id) DO UPDATE SET status = EXCLUDED.status, decided_by = EXCLUDED.decided_by,
           decided_at = now(), origin = CASE WHEN duplicate_links.origin = 'detector' THEN 'maintainer' ELSE duplicate_links.origin END`,
        [issueId, otherId, decision, decidedBy],
      );
    },

    /** Every link touching an issue, both directions, strongest first. */
    async linksOf(issueId: number): Promise<DuplicateLink[]> {
      const result = await db.query<DuplicateLink>(
        `SELECT $1::bigint AS "issueId", o.id AS "otherId", r.owner || '/' || r.name AS "otherRepo", o.number AS "otherNumber",
           o.title AS "otherTitle", o.state AS "otherState", l.status, l.origin, l.score, l.evidence, l.direction
         FROM (
           SELECT duplicate_of_id AS other, status, origin, score, evidence, 'duplicate-of' AS direction FROM duplicate_links WHERE issue_id = $1
           UNION ALL
           SELECT issue_id, status, origin, score, evidence, 'duplicated-by' FROM duplicate_links WHERE duplicate_of_id = $1
         ) l JOIN issues o ON o.id = l.other JOIN repositories r ON r.id = o.repo_id
         ORDER BY CASE l.status WHEN 'confirmed' THEN 0 WHEN 'suggested' THEN 1 ELSE 2 END, l.score DESC NULLS LAST, o.id`,
        [issueId],
      );
      return result.rows;
    },

    /** Counts of live (not rejected) links per issue, for list badges and the has-duplicates filter. */
    /** Per issue, its links that are not rejected, and how many of those are confirmed. */
    async countsFor(ids: number[]): Promise<Map<number, DuplicateCounts>> {
      if (ids.length === 0) return new Map();
      const result = await db.query<{ id: number; n: number; confirmed: number }>(
        `SELECT x.id, count(*)::int AS n, (count(*) FILTER (WHERE l.status = 'confirmed'))::int AS confirmed
           FROM unnest($1::bigint[]) AS x(id)
           JOIN duplicate_links l ON (l.issue_id = x.id OR l.duplicate_of_id = x.id) AND l.status <> 'rejected'
          GROUP BY x.id`,
        [ids],
      );
      return new Map(result.rows.map((r) => [Number(r.id), { all: r.n, confirmed: r.confirmed }]));
    },

    /** How many rejections the detector has been told, for learning a higher suggestion threshold. */
    async rejectionStats(): Promise<{
      rejected: number;
      confirmed: number;
      minRejectedScore: number | null;
    }> {
      const result = await db.query<{ rejected: number; confirmed: number; min_rejected: number | null }>(
        `SELECT count(*) FILTER (WHERE status = 'rejected' AND origin = 'maintainer')::int AS rejected,
                count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                min(score) FILTER (WHERE status = 'rejected' AND origin = 'maintainer') AS min_rejected
         FROM duplicate_links`,
      );
      const row = result.rows[0]!;
      return { rejected: row.rejected, confirmed: row.confirmed, minRejectedScore: row.min_rejected };
    },
  };
}

export type DuplicateRepository = ReturnType<typeof createDuplicateRepository>;
