import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import { ANALYSIS_VERSION } from '../core/analysis/analyze-issue.ts';
import { defaultTaxonomy, tagConcepts } from '../core/concepts/index.ts';
import { LoupeError } from '../core/errors.ts';
import { createConceptRepository } from '../store/concept.repository.ts';
import type { Database } from '../store/db.ts';
import { analysisVersionFor, createConceptsService, loadEffectiveTaxonomy } from './concepts.service.ts';

const billing = {
  id: 'billing',
  name: 'Billing',
  parent: null,
  kind: 'domain' as const,
  aliases: ['invoice', 'invoices'],
};
const stripe = {
  id: 'stripe',
  name: 'Stripe',
  parent: 'billing',
  kind: 'tool' as const,
  aliases: ['stripe'],
};
const issue = {
  title: 'Invoices are emailed twice',
  body: 'Every invoice goes out twice since the last deploy.',
};

describe('concepts service', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db?.close();
  });

  it('uses the built-in taxonomy, revision 0, and the plain analysis version before any save', async () => {
    const effective = await loadEffectiveTaxonomy(db, 1);
    expect(effective.taxonomy).toBe(defaultTaxonomy);
    expect(effective.revision).toBe(0);
    expect(effective.problems).toEqual([]);
    expect(analysisVersionFor(effective.revision)).toBe(ANALYSIS_VERSION);
  });

  it('applies a saved extension: the tagger finds the new concept, and the analysis version moves', async () => {
    expect(tagConcepts(issue, (await loadEffectiveTaxonomy(db, 1)).taxonomy).map((t) => t.id)).not.toContain(
      'billing',
    );
    const saved = await createConceptsService({ db }).saveExtensions(1, [billing, stripe]);
    expect(saved).toMatchObject({ revision: 1, concepts: defaultTaxonomy.concepts.length + 2 });

    const effective = await loadEffectiveTaxonomy(db, 1);
    expect(effective.revision).toBe(1);
    expect(tagConcepts(issue, effective.taxonomy).map((t) => t.id)).toContain('billing');
    expect(analysisVersionFor(effective.revision)).toBe(`${ANALYSIS_VERSION}+concepts.1`);
  });

  it('notices a save made elsewhere (another process) through the revision', async () => {
    const before = await loadEffectiveTaxonomy(db, 1);
    expect(await loadEffectiveTaxonomy(db, 1)).toBe(before);
    await createConceptRepository(db).saveExtensions(1, [billing]);
    const after = await loadEffectiveTaxonomy(db, 1);
    expect(after.revision).toBe(1);
    expect([...after.customIds]).toEqual(['billing']);
    expect(after.taxonomy.concepts.some((c) => c.id === 'billing')).toBe(true);
  });

  it('rejects an invalid extension with INVALID_INPUT listing every problem, and saves nothing', async () => {
    const service = createConceptsService({ db });
    const invalid = [
      { id: 'orphan', name: 'Orphan', parent: 'no-such-concept', kind: 'domain' as const, aliases: [] },
      { id: 'mine', name: 'Mine', parent: null, kind: 'tool' as const, aliases: ['postgres'] },
    ];
    const error = await service.saveExtensions(1, invalid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).code).toBe('INVALID_INPUT');
    expect((error as LoupeError).message).toMatch(/2 problems/);
    expect((error as LoupeError).message).toContain('"orphan" has unknown parent "no-such-concept"');
    expect((error as LoupeError).message).toContain(
      'alias "postgres" of "mine" is already an alias of "postgresql"',
    );
    expect((error as LoupeError).details).toEqual({ problems: expect.any(Array) });
    expect(await service.getExtensions(1)).toEqual({ extensions: [], revision: 0, problems: [] });
  });

  it('falls back to the built-in taxonomy when a stored extension no longer applies, and says why', async () => {
    let queued = 0;
    const service = createConceptsService({
      db,
      afterSave: async () => {
        queued++;
      },
    });
    await service.saveExtensions(1, [billing]);
    expect(queued).toBe(1);
    // As if a newer built-in taxonomy had dropped the parent: written past the service's validation.
    await createConceptRepository(db).saveExtensions(1, [{ ...stripe, parent: 'gone' }]);
    const effective = await loadEffectiveTaxonomy(db, 1);
    expect(effective.taxonomy).toBe(defaultTaxonomy);
    expect(effective.revision).toBe(2);
    expect(effective.problems).toEqual(['"stripe" has unknown parent "gone"']);
    expect((await service.getExtensions(1)).problems).toEqual(effective.problems);
    expect((await service.list(1)).some((c) => c.custom)).toBe(false);
  });
});
