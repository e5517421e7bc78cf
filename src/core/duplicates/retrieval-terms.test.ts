import { describe, expect, it } from 'vitest';
import { buildCorpusStats } from './corpus-stats.ts';
import { buildRetrievalQuery, buildRetrievalTerms } from './retrieval-terms.ts';
import { stemWord, tokenise } from './text-normalise.ts';

describe('buildRetrievalTerms', () => {
  const issue = {
    title: 'Balancer hangs when datanode is decommissioning',
    body: 'The balancer hangs. Steps: start the balancer while a datanode is decommissioning. The the the.',
  };

  it('returns at most maxTerms safe lower-case words, no stopwords', () => {
    const terms = buildRetrievalTerms(issue, { maxTerms: 3 });
    expect(terms).toHaveLength(3);
    for (const t of terms) expect(t).toMatch(/^[a-z][a-z0-9]*$/);
    expect(terms).not.toContain('the');
    expect(buildRetrievalTerms({ title: '', body: '' })).toEqual([]);
  });

  it('prefers words that are rare in the corpus', () => {
    const stats = buildCorpusStats([
      issue,
      ...Array.from({ length: 20 }, (_, i) => ({
        title: `balancer issue ${i}`,
        body: 'balancer hangs on the datanode',
      })),
    ]);
    const terms = buildRetrievalTerms(issue, { maxTerms: 2, corpusStats: stats });
    expect(terms).toEqual(['decommissioning', 'start']);
  });

  it('keeps the summed document frequency under postingBudget, even below minTerms', () => {
    // Every word of the query is in most issues of this collection: each costs a long posting list.
    const common = Array.from({ length: 40 }, (_, i) => ({
      title: `balancer datanode decommissioning ${i}`,
      body: 'start hangs',
    }));
    const stats = buildCorpusStats([issue, ...common]);
    const unbounded = buildRetrievalTerms(issue, { corpusStats: stats, matchBudget: 10, minTerms: 4 });
    expect(unbounded.length).toBeGreaterThanOrEqual(4);
    const bounded = buildRetrievalTerms(issue, {
      corpusStats: stats,
      matchBudget: 10,
      minTerms: 4,
      postingBudget: 60,
    });
    expect(bounded.length).toBeGreaterThanOrEqual(1);
    expect(bounded.length).toBeLessThan(unbounded.length);
    expect(unbounded.slice(0, bounded.length)).toEqual(bounded);
  });

  it('asks for the two most informative words together when the first alone is over postingBudget', () => {
    const common = Array.from({ length: 40 }, (_, i) => ({
      title: `balancer datanode decommissioning ${i}`,
      body: 'start hangs',
    }));
    const stats = buildCorpusStats([issue, ...common]);
    const within = buildRetrievalQuery(issue, { corpusStats: stats, postingBudget: 1000 });
    expect(within.match).toBe('any');
    expect(within.terms).toEqual(buildRetrievalTerms(issue, { corpusStats: stats, postingBudget: 1000 }));
    const over = buildRetrievalQuery(issue, { corpusStats: stats, postingBudget: 5 });
    expect(over).toEqual({ match: 'all', terms: within.terms.slice(0, 2) });
  });

  it('keeps the surface form so the database stemmer sees the original word', () => {
    expect(buildRetrievalTerms({ title: 'Uploads failing', body: '' })).toEqual(
      expect.arrayContaining(['uploads', 'failing']),
    );
  });
});

describe('text normalisation', () => {
  it('stems common English endings and splits CamelCase identifiers', () => {
    expect(['failed', 'failing', 'fails'].map(stemWord)).toEqual(['fail', 'fail', 'fail']);
    expect(stemWord('stopped')).toBe('stop');
    expect(tokenise('DistributedFileSystem throws')).toEqual([
      'distributedfilesystem',
      'distribut',
      'file',
      'system',
      'throw',
    ]);
  });
});
