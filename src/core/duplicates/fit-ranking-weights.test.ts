import { describe, expect, it } from 'vitest';
import { fitRankingWeights, PRIOR_RANKING_WEIGHTS, scoreFeatures } from './fit-ranking-weights.ts';
import type { RankingExample } from './fit-ranking-weights.ts';
import { FEATURE_NAMES } from './pair-features.ts';
import type { FeatureName } from './pair-features.ts';

function features(overrides: Partial<Record<FeatureName, number>>): Record<FeatureName, number> {
  return {
    ...(Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<FeatureName, number>),
    ...overrides,
  };
}

describe('fitRankingWeights', () => {
  // Positives have high title similarity; body similarity is noise shared by both classes.
  const examples: RankingExample[] = [];
  for (let i = 0; i < 40; i += 1) {
    examples.push({
      features: features({ titleCosine: 0.6 + (i % 5) * 0.05, bodyCosine: (i % 3) * 0.2 }),
      label: 1,
    });
    for (let j = 0; j < 10; j += 1)
      examples.push({
        features: features({ titleCosine: ((i + j) % 7) * 0.04, bodyCosine: ((i + j) % 3) * 0.2 }),
        label: 0,
      });
  }

  it('learns a larger weight for the separating feature and scores positives higher', () => {
    const model = fitRankingWeights(examples);
    expect(model.weights.titleCosine).toBeGreaterThan(PRIOR_RANKING_WEIGHTS.titleCosine);
    expect(model.weights.titleCosine).toBeGreaterThan(model.weights.bodyCosine);
    expect(scoreFeatures(features({ titleCosine: 0.7 }), model)).toBeGreaterThan(0.5);
    expect(scoreFeatures(features({ titleCosine: 0.05 }), model)).toBeLessThan(0.5);
  });

  it('keeps features the data never exercises at their prior, and is deterministic', () => {
    const model = fitRankingWeights(examples);
    expect(model.weights.frameOverlap).toBeCloseTo(PRIOR_RANKING_WEIGHTS.frameOverlap, 3);
    expect(fitRankingWeights(examples)).toEqual(model);
  });

  it('refuses data with a single class', () => {
    expect(() => fitRankingWeights(examples.filter((e) => e.label === 0))).toThrow(/positive and negative/);
  });
});
