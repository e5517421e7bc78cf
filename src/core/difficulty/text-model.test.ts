import { describe, expect, it } from 'vitest';
import { crossFitTextModel } from './text-model-selection.ts';
import { encodeTerms, explainTextLogit, fitTextModel, textLogit } from './text-model.ts';
import { issueTerms } from './text-terms.ts';

const EASY = [
  'Fix typo in docs',
  'Typo in the docstring',
  'Docs: fix a typo',
  'Add alias to docs',
  'Rename option in docs',
];
const HARD = [
  'Crash when loading with many workers',
  'Memory leak on large crash',
  'Segfault crash in loader',
  'Hang and crash under load',
];

/** A toy set: easy titles are positives; one in six examples is positive, as positives are scarce. */
function toy(): { docs: ReturnType<typeof issueTerms>[]; labels: number[] } {
  const docs: ReturnType<typeof issueTerms>[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const positive = i % 6 === 0;
    const title = positive ? EASY[i % EASY.length]! : HARD[i % HARD.length]!;
    docs.push(
      issueTerms({
        title,
        body: positive ? 'The page has a small mistake.' : 'Traceback below, it fails every time.',
      }),
    );
    labels.push(positive ? 1 : 0);
  }
  return { docs, labels };
}

describe('fitTextModel', () => {
  it('learns a separable toy set: unseen easy wording outranks unseen hard wording', () => {
    const { docs, labels } = toy();
    const model = fitTextModel({ docs, labels, l2: 0.01 });
    const easy = textLogit(model, issueTerms({ title: 'Typo in docs page', body: 'small mistake' }));
    const hard = textLogit(model, issueTerms({ title: 'Crash under load', body: 'Traceback below' }));
    expect(easy).toBeGreaterThan(hard);
    expect(model.terms['t:typo']![1]).toBeGreaterThan(0);
    expect(model.terms['t:crash']![1]).toBeLessThan(0);
  });

  it('is deterministic and keeps only terms seen in enough issues', () => {
    const { docs, labels } = toy();
    const a = fitTextModel({ docs, labels, l2: 0.01 });
    expect(fitTextModel({ docs, labels, l2: 0.01 })).toEqual(a);
    const rare = fitTextModel({
      docs: [...docs, issueTerms({ title: 'zebra', body: '' })],
      labels: [...labels, 0],
      l2: 0.01,
      minDocs: 2,
    });
    expect(rare.terms['t:zebra']).toBeUndefined();
  });

  it('explains a logit as intercept plus per-term contributions, largest first', () => {
    const { docs, labels } = toy();
    const model = fitTextModel({ docs, labels, l2: 0.01 });
    const { logit, contributions } = explainTextLogit(
      model,
      issueTerms({ title: 'Fix typo', body: 'Traceback below' }),
    );
    const total = contributions.reduce((acc, c) => acc + c.effect, model.intercept);
    expect(logit).toBeCloseTo(total, 10);
    const sizes = contributions.map((c) => Math.abs(c.effect));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    expect(explainTextLogit(model, issueTerms({ title: 'qwerty', body: '' })).logit).toBe(model.intercept);
  });
});

describe('crossFitTextModel', () => {
  it('returns out-of-fold logits that rank the toy set and picks an L2 from the grid', () => {
    const { docs, labels } = toy();
    const corpus = encodeTerms(docs);
    const result = crossFitTextModel({
      corpus,
      members: docs.map((_, i) => i),
      labels,
      l2Grid: [0.01, 0.1],
      folds: 3,
    });
    expect([0.01, 0.1]).toContain(result.l2);
    expect(result.oofLogits).toHaveLength(docs.length);
    const best = result.aucByL2.find((e) => e.l2 === result.l2)!;
    expect(best.auc).toBeGreaterThan(0.9);
  });
});
