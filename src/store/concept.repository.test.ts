import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import { createConceptRepository } from './concept.repository.ts';
import type { Database } from './db.ts';

describe('concept repository: workspace taxonomy extension', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is empty at revision 0 before the first save', async () => {
    const concepts = createConceptRepository(db);
    expect(await concepts.extensions(1)).toEqual({ extensions: [], revision: 0, updatedAt: null });
    expect(await concepts.extensionsRevision(1)).toBe(0);
  });

  it('round-trips the extension and bumps the revision on every save, even of the same content', async () => {
    const concepts = createConceptRepository(db);
    const extension = [
      {
        id: 'billing',
        name: 'Billing',
        parent: null,
        kind: 'domain' as const,
        aliases: ['invoice', 'billing'],
        labels: ['area/billing'],
      },
      { id: 'kafka', aliases: ['kafka', 'event firehose'] },
      {
        id: 'stripe',
        name: 'Stripe',
        parent: 'billing',
        kind: 'tool' as const,
        aliases: ['stripe'],
        context: ['billing'],
      },
    ];
    const first = await concepts.saveExtensions(1, extension);
    expect(first.revision).toBe(1);
    expect(first.extensions).toEqual(extension);
    expect(Number.isNaN(Date.parse(first.updatedAt ?? ''))).toBe(false);

    const read = await concepts.extensions(1);
    expect(read).toEqual(first);
    // Entry order matters to extendTaxonomy's problem messages (extension[i]); jsonb keeps array order.
    expect(read.extensions.map((e) => e.id)).toEqual(['billing', 'kafka', 'stripe']);

    const again = await concepts.saveExtensions(1, extension);
    expect(again.revision).toBe(2);
    expect(await concepts.extensionsRevision(1)).toBe(2);
  });

  it('replaces the whole extension (an empty list clears it, at a new revision)', async () => {
    const concepts = createConceptRepository(db);
    const cleared = await concepts.saveExtensions(1, []);
    expect(cleared.extensions).toEqual([]);
    expect(cleared.revision).toBe(3);
    expect(await concepts.extensions(1)).toMatchObject({ extensions: [], revision: 3 });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM concept_extensions');
    expect(rows[0]?.n).toBe(1);
  });

  it('gives concurrent saves distinct revisions', async () => {
    const concepts = createConceptRepository(db);
    const saves = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        concepts.saveExtensions(1, [
          { id: `team-${i}`, name: `Team ${i}`, parent: null, kind: 'domain', aliases: [] },
        ]),
      ),
    );
    expect(new Set(saves.map((s) => s.revision)).size).toBe(4);
    const last = Math.max(...saves.map((s) => s.revision));
    expect(last).toBe(7);
    const stored = await concepts.extensions(1);
    expect(stored.revision).toBe(last);
    // The row left is the one written by the save that got the last revision.
    expect(stored.extensions).toEqual(saves.find((s) => s.revision === last)?.extensions);
  });

  it('refuses a stored extension that is not an array', async () => {
    await expect(db.query(`UPDATE concept_extensions SET extensions = '{"id":"x"}'::jsonb`)).rejects.toThrow(
      /check constraint/,
    );
  });

  it('still counts issues per concept', async () => {
    expect(await createConceptRepository(db).issueCounts(1)).toEqual(new Map());
  });
});

describe('concept extensions per workspace', () => {
  it('keeps each workspace its own extension and revision', async () => {
    const db = await openTestDatabase();
    try {
      const concepts = createConceptRepository(db);
      await concepts.saveExtensions(1, [
        { id: 'billing', name: 'Billing', parent: null, kind: 'domain', aliases: ['invoice'] },
      ]);
      expect((await concepts.extensions(1)).revision).toBe(1);
      expect(await concepts.extensions(2)).toEqual({ extensions: [], revision: 0, updatedAt: null });
      await concepts.saveExtensions(2, []);
      expect(await concepts.extensionsRevision(2)).toBe(1);
      expect((await concepts.extensions(1)).extensions.map((e) => e.id)).toEqual(['billing']);
    } finally {
      await db.close();
    }
  });
});
