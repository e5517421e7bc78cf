import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogit } from './logistic-regression.ts';

// x0 predicts the label, x1 is anti-correlated noise that a sign constraint must keep out.
function synthetic(): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const label = i % 5 === 0 ? 1 : 0;
    const x0 = label + ((i * 7919) % 13) / 13 - 0.5;
    const x1 = -label + ((i * 104729) % 11) / 11;
    x.push([x0, x1, 1]);
    y.push(label);
  }
  return { x, y };
}

describe('fitLogistic', () => {
  it('learns a positive weight for a predictive feature and ranks positives higher', () => {
    const { x, y } = synthetic();
    const model = fitLogistic({ x, y });
    expect(model.coef[0]).toBeGreaterThan(0);
    expect(model.coef[1]).toBeLessThan(0);
    expect(model.coef[2]).toBe(0); // constant column
    const pos = x.filter((_, i) => y[i] === 1).map((row) => predictLogit(model, row));
    const neg = x.filter((_, i) => y[i] === 0).map((row) => predictLogit(model, row));
    expect(Math.min(...pos)).toBeGreaterThan(Math.min(...neg));
  });

  it('freezes a coefficient whose sign contradicts its constraint', () => {
    const { x, y } = synthetic();
    const model = fitLogistic({ x, y, signs: [1, 1, 0] });
    expect(model.coef[0]).toBeGreaterThan(0);
    expect(model.coef[1]).toBe(0);
  });

  it('shrinks weights with a stronger L2 penalty and is deterministic', () => {
    const { x, y } = synthetic();
    const weak = fitLogistic({ x, y, l2: 0.001 });
    const strong = fitLogistic({ x, y, l2: 1 });
    expect(Math.abs(strong.coef[0]!)).toBeLessThan(Math.abs(weak.coef[0]!));
    expect(fitLogistic({ x, y, l2: 0.001 })).toEqual(weak);
  });

  it('refuses data with a single class', () => {
    expect(() => fitLogistic({ x: [[1], [2]], y: [0, 0] })).toThrow(/both classes/);
  });
});
