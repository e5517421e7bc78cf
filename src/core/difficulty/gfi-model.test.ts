import { describe, expect, it } from 'vitest';
import { FEATURE_SPECS } from './difficulty-features.ts';
import { fitGfiWeights } from './gfi-model.ts';

// One free feature of pure noise; the text logit is what carries (or contradicts) the label.
const SPECS = FEATURE_SPECS.filter((spec) => spec.signal === 'text.proposal');

function data(): { rows: number[][]; labels: number[]; text: number[] } {
  const rows: number[][] = [];
  const labels: number[] = [];
  const text: number[] = [];
  for (let i = 0; i < 300; i++) {
    const y = i % 10 === 0 ? 1 : 0;
    rows.push([(i * 7) % 4]);
    labels.push(y);
    text.push(y * 1.5 + ((i * 13) % 17) / 17 - 0.5);
  }
  return { rows, labels, text };
}

describe('fitGfiWeights with stacked text logits', () => {
  it('learns a positive weight for a predictive text logit, with its median as reference', () => {
    const { rows, labels, text } = data();
    const weights = fitGfiWeights({ rows, labels, specs: SPECS, textLogits: text });
    expect(weights.text!.coef).toBeGreaterThan(0.5);
    const sorted = [...text].sort((a, b) => a - b);
    expect(weights.text!.reference).toBeCloseTo((sorted[149]! + sorted[150]!) / 2, 10);
    expect(weights.version).toBe(2);
  });

  it('holds the text weight at zero when the text logit points the wrong way', () => {
    const { rows, labels, text } = data();
    const weights = fitGfiWeights({ rows, labels, specs: SPECS, textLogits: text.map((t) => -t) });
    expect(weights.text!.coef).toBe(0);
  });

  it('has no text weight when fitted without text', () => {
    const { rows, labels } = data();
    expect(fitGfiWeights({ rows, labels, specs: SPECS }).text).toBeUndefined();
  });
});
