import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { defaultTaxonomy } from '../../../core/concepts/index.ts';
import type { SqlClient } from '../../../store/db.ts';
import { createConceptRepository } from '../../../store/concept.repository.ts';

/** The concept taxonomy with issue counts, for browsing; `issueCount` includes no descendants. */
export const conceptsRoutes = (db: SqlClient): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/concepts', { schema: { summary: 'Concept taxonomy with issue counts', tags: ['concepts'] } }, async () => {
    const counts = await createConceptRepository(db).issueCounts();
    return {
      concepts: defaultTaxonomy.concepts.map((c) => ({ id: c.id, name: c.name, parent: c.parent, kind: c.kind, issueCount: counts.get(c.id) ?? 0 })),
    };
  });
};
