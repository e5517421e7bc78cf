import { describe, expect, it } from 'vitest';
import { seededRandom } from '../learn/index.ts';
import { fitSuggestionModel, suggestionFeatures, suggestionProbability } from './suggestion-model.ts';
import type { SuggestionExample } from './suggestion-model.ts';

/**
 * Simulated new issues: those with a duplicate usually have one candidate far ahead of the rest;
 * those without have a flat ranking whose best is sometimes high too.
 */
function simulate(count: { withDuplicate: number; without: number }): SuggestionExample[] {
  const random = seededRandom(5);
  const out: SuggestionExample[] = [];
  const example = (scores: number[], hasDuplicate: boolean, right: boolean): void => {
    const features = suggestionFeatures(scores.map((score) => ({ score })));
    if (features) out.push({ features, hasDuplicate, label: right ? 1 : 0 });
  };
  for (let i = 0; i < count.withDuplicate; i++) {
    const right = random() < 0.8;
    example(
      [right ? 0.9 + random() * 0.09 : 0.6 + random() * 0.3, 0.3 + random() * 0.3, 0.2, 0.1],
      true,
      right,
    );
  }
  for (let i = 0; i < count.without; i++) {
    const best = 0.4 + random() * 0.58;
    example([best, best - random() * 0.2, best - 0.25, 0.1], false, false);
  }
  return out;
}

describe('fitSuggestionModel', () => {
  it('is calibrated at the stated duplicate rate: mean probability close to the weighted share of right tops', () => {
    const examples = simulate({ withDuplicate: 200, without: 800 });
    const model = fitSuggestionModel(examples, { duplicateRate: 0.06 });
    const probability = (e: SuggestionExample): number =>
      1 /
      (1 +
        Math.exp(
          -(
            model.bias +
            Object.entries(model.weights).reduce(
              (s, [k, w]) => s + w * e.features[k as keyof typeof e.features],
              0,
            )
          ),
        ));
    const withDup = examples.filter((e) => e.hasDuplicate);
    const without = examples.filter((e) => !e.hasDuplicate);
    const mean = (list: SuggestionExample[], f: (e: SuggestionExample) => number): number =>
      list.reduce((s, e) => s + f(e), 0) / list.length;
    const predicted = 0.06 * mean(withDup, probability) + 0.94 * mean(without, probability);
    const actual = 0.06 * mean(withDup, (e) => e.label);
    expect(predicted).toBeCloseTo(actual, 3);
    expect(model.duplicateRate).toBe(0.06);
  });

  it('gives a clear leader a higher probability than a near-tie at the same top score', () => {
    const model = fitSuggestionModel(simulate({ withDuplicate: 200, without: 800 }), { duplicateRate: 0.06 });
    const ranked = (...scores: number[]) => scores.map((score) => ({ score }));
    const lead = suggestionProbability(ranked(0.97, 0.4, 0.3, 0.2), model);
    const tie = suggestionProbability(ranked(0.97, 0.95, 0.94, 0.9), model);
    expect(lead).toBeGreaterThan(tie);
    expect(suggestionProbability([], model)).toBe(0);
  });

  it('is more cautious when duplicates are rarer', () => {
    const examples = simulate({ withDuplicate: 200, without: 800 });
    const common = fitSuggestionModel(examples, { duplicateRate: 0.2 });
    const rare = fitSuggestionModel(examples, { duplicateRate: 0.02 });
    const scores = [0.95, 0.5, 0.4, 0.3].map((score) => ({ score }));
    expect(suggestionProbability(scores, rare)).toBeLessThan(suggestionProbability(scores, common));
  });
});
