import { describe, expect, it } from 'vitest';
import { buildCorpusStats } from './corpus-stats.ts';
import { judgeDuplicates } from './judge-duplicates.ts';
import { createPreparedTextCache } from './prepared-text-cache.ts';
import { rankDuplicateCandidates, type DuplicateCandidateInput } from './rank-candidates.ts';

const QUERY = {
  id: 'q',
  text: {
    title: 'DataNode crashes with NullPointerException in BlockPoolSlice.getVolumeMap',
    body: 'java.lang.NullPointerException\n\tat org.apache.hadoop.BlockPoolSlice.getVolumeMap(BlockPoolSlice.java:455)',
  },
};
const DUP: DuplicateCandidateInput = {
  id: 'dup',
  text: {
    title: 'NPE in BlockPoolSlice.getVolumeMap when DataNode starts',
    body: 'java.lang.NullPointerException\n\tat org.apache.hadoop.BlockPoolSlice.getVolumeMap(BlockPoolSlice.java:449)',
  },
};
const OTHERS: DuplicateCandidateInput[] = [
  {
    id: 'a',
    text: { title: 'Improve documentation of the S3A committer', body: 'The docs are out of date.' },
  },
  { id: 'b', text: { title: 'YARN web UI shows wrong memory usage', body: 'Negative memory for queues.' } },
];
const STATS = buildCorpusStats([QUERY.text, DUP.text, ...OTHERS.map((c) => c.text)]);

describe('judgeDuplicates', () => {
  it('ranks like rankDuplicateCandidates and limits the list', () => {
    const judged = judgeDuplicates(QUERY, [...OTHERS, DUP], { corpusStats: STATS, limit: 2 });
    const ranked = rankDuplicateCandidates(QUERY, [...OTHERS, DUP], { corpusStats: STATS });
    expect(judged.ranked).toEqual(ranked.slice(0, 2));
  });

  it('suggests the clear winner only when it passes the rule', () => {
    const top = rankDuplicateCandidates(QUERY, [...OTHERS, DUP], { corpusStats: STATS })[0]!;
    expect(
      judgeDuplicates(QUERY, [...OTHERS, DUP], {
        corpusStats: STATS,
        rule: { threshold: 0, minProbability: 0 },
      }).suggestion?.id,
    ).toBe('dup');
    expect(
      judgeDuplicates(QUERY, [...OTHERS, DUP], {
        corpusStats: STATS,
        rule: { threshold: top.score + 0.01, minProbability: 0 },
      }).suggestion,
    ).toBeNull();
  });

  it('decides on the full ranking even when only one candidate is returned', () => {
    // A runner-up within the margin blocks the suggestion although limit 1 hides it.
    const twin = { ...DUP, id: 'twin' };
    const judged = judgeDuplicates(QUERY, [DUP, twin], {
      corpusStats: STATS,
      limit: 1,
      rule: { threshold: 0, minProbability: 0, margin: 0.02 },
    });
    expect(judged.ranked).toHaveLength(1);
    expect(judged.suggestion).toBeNull();
  });
});

describe('createPreparedTextCache', () => {
  it('gives the same ranking as unprepared candidates, and stays within its bound', () => {
    const cache = createPreparedTextCache(2);
    const prepared = [...OTHERS, DUP].map((c, i) => ({ ...c, prepared: cache.get(i, c.text) }));
    expect(cache.size).toBe(2);
    expect(rankDuplicateCandidates(QUERY, prepared, { corpusStats: STATS })).toEqual(
      rankDuplicateCandidates(QUERY, [...OTHERS, DUP], { corpusStats: STATS }),
    );
  });

  it('returns the stored entry on a hit', () => {
    const cache = createPreparedTextCache();
    const first = cache.get(7, DUP.text);
    expect(cache.get(7, { title: 'ignored', body: '' })).toBe(first);
  });
});
