import { describe, expect, it } from 'vitest';
import {
  CONCEPT_KINDS,
  ConceptTaxonomyError,
  childrenOf,
  conceptPath,
  defaultTaxonomy,
  extendTaxonomy,
  tagConcepts,
  validateConcepts,
} from './index.ts';
import { lookupKey } from './text.tokenize.ts';

const concepts = defaultTaxonomy.concepts;
const byId = new Map(concepts.map((c) => [c.id, c]));

describe('default taxonomy integrity', () => {
  it('has a few hundred concepts with unique kebab-case ids', () => {
    expect(concepts.length).toBeGreaterThanOrEqual(250);
    expect(concepts.length).toBeLessThanOrEqual(450);
    expect(new Set(concepts.map((c) => c.id)).size).toBe(concepts.length);
    for (const c of concepts) expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every concept a known kind, a name and an existing parent, with no cycles', () => {
    for (const c of concepts) {
      expect(CONCEPT_KINDS).toContain(c.kind);
      expect(c.name.trim()).not.toBe('');
      if (c.parent !== null) expect(byId.has(c.parent), `${c.id} -> ${c.parent}`).toBe(true);
      // Walking up must reach a root within a handful of steps.
      let steps = 0;
      for (let p = c.parent; p !== null; p = byId.get(p)?.parent ?? null) {
        steps += 1;
        expect(steps, `cycle above ${c.id}`).toBeLessThan(10);
      }
    }
  });

  it('never gives one alias to two concepts', () => {
    const owner = new Map<string, string>();
    for (const c of concepts) {
      for (const alias of c.aliases) {
        const key = lookupKey(alias.replace(/^~/, ''));
        expect(key, `${c.id}: ${alias}`).not.toBe('');
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous, `alias "${alias}"`).toBe(c.id);
        owner.set(key, c.id);
      }
    }
  });

  it('points every context id at an existing concept and keeps roots as domains', () => {
    for (const c of concepts)
      for (const id of c.context ?? []) expect(byId.has(id), `${c.id} context ${id}`).toBe(true);
    for (const root of concepts.filter((c) => c.parent === null)) expect(root.kind).toBe('domain');
  });

  it('passes its own validator and is frozen', () => {
    expect(validateConcepts(concepts)).toEqual([]);
    expect(Object.isFrozen(defaultTaxonomy.concepts)).toBe(true);
    expect(Object.isFrozen(byId.get('kafka')?.aliases)).toBe(true);
  });

  it('keeps ordinary English words out of the unambiguous aliases', () => {
    const words = [
      'go',
      'rust',
      'spark',
      'swift',
      'react',
      'express',
      'spring',
      'click',
      'black',
      'unity',
      'metal',
      'arrow',
      'edge',
      'windows',
      'node',
      'help',
      'watch',
      'test',
      'tracking',
      'container',
    ];
    const plain = new Set(
      concepts.flatMap((c) => c.aliases.filter((a) => !a.startsWith('~')).map(lookupKey)),
    );
    for (const word of words) expect(plain.has(word), word).toBe(false);
  });
});

describe('conceptPath and childrenOf', () => {
  it('returns the path from the root to the concept', () => {
    expect(conceptPath(defaultTaxonomy, 'kafka').map((c) => c.id)).toEqual([
      'distributed-systems',
      'message-queues',
      'kafka',
    ]);
    expect(conceptPath(defaultTaxonomy, 'react').map((c) => c.id)).toEqual([
      'web-frontend',
      'frontend-frameworks',
      'react',
    ]);
    expect(conceptPath(defaultTaxonomy, 'rust').map((c) => c.id)).toEqual(['programming-languages', 'rust']);
    expect(conceptPath(defaultTaxonomy, 'no-such-concept')).toEqual([]);
  });

  it('lists direct children only', () => {
    const children = childrenOf(defaultTaxonomy, 'message-queues').map((c) => c.id);
    expect(children).toEqual(expect.arrayContaining(['kafka', 'rabbitmq', 'nats']));
    expect(children).not.toContain('message-queues');
    expect(childrenOf(defaultTaxonomy, 'kafka')).toEqual([]);
    expect(childrenOf(defaultTaxonomy, 'testing').map((c) => c.id)).toContain('flaky-tests');
  });
});

describe('extendTaxonomy', () => {
  it('adds workspace concepts that the tagger then finds, with their parents implied', () => {
    const extended = extendTaxonomy(defaultTaxonomy, [
      {
        id: 'loupe-sync',
        name: 'Loupe sync engine',
        parent: 'distributed-systems',
        kind: 'domain',
        aliases: ['sync engine', 'sync cursor'],
      },
    ]);
    expect(extended.concepts.length).toBe(concepts.length + 1);
    const tags = tagConcepts({ title: 'Sync engine skips issues after a cursor reset', body: '' }, extended);
    expect(tags[0]?.id).toBe('loupe-sync');
    expect(tags.map((t) => t.id)).toContain('distributed-systems');
    // The base taxonomy is untouched.
    expect(tagConcepts({ title: 'Sync engine skips issues', body: '' }).map((t) => t.id)).not.toContain(
      'loupe-sync',
    );
  });

  it('overrides fields of an existing concept and keeps the rest', () => {
    const extended = extendTaxonomy(defaultTaxonomy, [{ id: 'kafka', aliases: ['kafka', 'event firehose'] }]);
    const kafka = extended.concepts.find((c) => c.id === 'kafka');
    expect(kafka?.name).toBe('Apache Kafka');
    expect(kafka?.parent).toBe('message-queues');
    expect(tagConcepts({ title: 'The event firehose drops messages', body: '' }, extended)[0]?.id).toBe(
      'kafka',
    );
    expect(byId.get('kafka')?.aliases).not.toContain('event firehose');
  });

  it('reports every problem at once with code INVALID_TAXONOMY', () => {
    let error: unknown;
    try {
      extendTaxonomy(defaultTaxonomy, [
        { id: 'orphan', name: 'Orphan', parent: 'no-such-parent', kind: 'skill', aliases: [] },
        { id: 'loop-a', name: 'A', parent: 'loop-b', kind: 'skill', aliases: [] },
        { id: 'loop-b', name: 'B', parent: 'loop-a', kind: 'skill', aliases: [] },
        { id: 'copycat', name: 'Copycat', parent: null, kind: 'domain', aliases: ['kafka'] },
        { id: 'half', aliases: [] },
        { id: 'twice', name: 'Twice', parent: null, kind: 'domain', aliases: [] },
        { id: 'twice', name: 'Twice again', parent: null, kind: 'domain', aliases: [] },
        { id: 'Bad_Id', name: 'Bad', parent: null, kind: 'domain', aliases: [] },
        { id: 'weird-kind', name: 'Weird', parent: null, kind: 'thing' as never, aliases: ['--watch'] },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConceptTaxonomyError);
    const { code, problems, message } = error as ConceptTaxonomyError;
    expect(code).toBe('INVALID_TAXONOMY');
    const expected = [
      'unknown parent "no-such-parent"',
      'parent cycle',
      'alias "kafka" of "copycat" is already an alias of "kafka"',
      '"half"',
      'appears twice',
      'kebab-case',
      'kind must be one of',
      '"--watch"',
    ];
    for (const fragment of expected) {
      expect(
        problems.some((p) => p.includes(fragment)),
        fragment,
      ).toBe(true);
      expect(message).toContain(fragment);
    }
  });
});
