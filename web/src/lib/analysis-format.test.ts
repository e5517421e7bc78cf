import { describe, expect, it } from 'vitest';
import {
  capitalize,
  conceptFilterHref,
  difficultyBadge,
  percent,
  score2,
  topConcepts,
  typeProbabilityRows,
} from './analysis-format.ts';

describe('difficultyBadge', () => {
  it('calls a high score a good first issue, with the score', () => {
    expect(difficultyBadge({ difficulty: 'easy', gfiScore: 0.823 })).toMatchObject({
      label: 'good first issue 0.82',
      tone: 'gfi',
    });
    expect(difficultyBadge({ difficulty: 'medium', gfiScore: 0.6 }).tone).toBe('gfi');
  });

  it('otherwise names the difficulty and keeps the score in the title', () => {
    const badge = difficultyBadge({ difficulty: 'hard', gfiScore: 0.161 });
    expect(badge).toMatchObject({ label: 'hard', tone: 'hard' });
    expect(badge.title).toContain('0.16');
    expect(difficultyBadge({ difficulty: 'easy', gfiScore: 0.59 }).label).toBe('easy');
  });
});

describe('typeProbabilityRows', () => {
  it('sorts types by probability and tolerates an empty map', () => {
    const rows = typeProbabilityRows({
      type: 'bug',
      typeConfidence: 0.9,
      typeProbabilities: { docs: 0.03, bug: 0.9, feature: 0.07 },
    });
    expect(rows.map((r) => r.type)).toEqual(['bug', 'feature', 'docs']);
    expect(typeProbabilityRows({ type: 'question', typeConfidence: 0.7, typeProbabilities: {} })).toEqual([
      { type: 'question', probability: 0.7 },
    ]);
  });

  it('adds the assigned type when the map lacks it', () => {
    const rows = typeProbabilityRows({ type: 'chore', typeConfidence: 0.5, typeProbabilities: { bug: 0.3 } });
    expect(rows).toEqual([
      { type: 'chore', probability: 0.5 },
      { type: 'bug', probability: 0.3 },
    ]);
  });
});

describe('small formatters', () => {
  it('format scores, words and links', () => {
    expect(percent(0.995)).toBe('100%');
    expect(score2(0.005)).toBe('0.01');
    expect(capitalize('docs')).toBe('Docs');
    expect(conceptFilterHref('memory-leaks')).toBe('/?concept=memory-leaks');
  });

  it('picks the three strongest concepts', () => {
    const c = (id: string, score: number) => ({ id, name: id, score, path: [id], evidence: [] });
    expect(topConcepts([c('a', 0.2), c('b', 0.9), c('c', 0.5), c('d', 0.7)]).map((x) => x.id)).toEqual([
      'b',
      'd',
      'c',
    ]);
  });
});
