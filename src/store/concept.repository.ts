import type { SqlClient } from './db.ts';

/** How many analysed issues carry each concept. */
export function createConceptRepository(db: SqlClient) {
  return {
    async issueCounts(): Promise<Map<string, number>> {
      const result = await db.query<{ id: string; n: number }>(
        'SELECT c AS id, count(*)::int AS n FROM issue_analysis, unnest(concept_ids) AS c GROUP BY c',
      );
      return new Map(result.rows.map((r) => [r.id, r.n]));
    },
  };
}
