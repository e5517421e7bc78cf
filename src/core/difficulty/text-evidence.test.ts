import { describe, expect, it } from 'vitest';
import { isExplainingTerm, readableTerm, textEvidence, TEXT_SIGNAL } from './text-evidence.ts';
import type { TextModel } from './text-model.ts';

const MODEL: TextModel = {
  model: 'gfi-text-logistic',
  version: 1,
  intercept: -1,
  terms: { 't:typo': [2, 1.5], 't:docs': [2, 0.8], 'b:xxcodeblock': [1.5, -1.2], 't:crash': [2, -2] },
  training: { source: 'test', issues: 0, positives: 0, l2: 0.1, minDocs: 1 },
};
const WEIGHT = { coef: 1, reference: -1 };

describe('textEvidence', () => {
  it('names the title words that raised the score', () => {
    const reason = textEvidence({ model: MODEL, weight: WEIGHT, input: { title: 'Typo in docs', body: '' } });
    expect(reason.signal).toBe(TEXT_SIGNAL);
    expect(reason.effect).toBeGreaterThan(0);
    expect(reason.detail).toBe('title words "typo", "docs" read like a small, well-scoped change');
  });

  it('names placeholder words readably when they lowered the score', () => {
    const reason = textEvidence({
      model: MODEL,
      weight: WEIGHT,
      input: { title: 'App crash', body: '```\nTraceback\n```' },
    });
    expect(reason.effect).toBeLessThan(0);
    expect(reason.detail).toContain('"crash"');
    expect(reason.detail).toContain('description words "[code block]"');
    expect(reason.detail).toContain('open-ended report');
  });

  it('scales the effect by the stacked weight, measured from the reference', () => {
    const input = { title: 'Typo in docs', body: '' };
    const one = textEvidence({ model: MODEL, weight: WEIGHT, input }).effect;
    const two = textEvidence({ model: MODEL, weight: { coef: 2, reference: -1 }, input }).effect;
    expect(two).toBeCloseTo(2 * one, 10);
  });
});

describe('readableTerm', () => {
  it('drops the field prefix and the start marker', () => {
    expect(readableTerm('t:^ add')).toBe('add');
    expect(readableTerm('b:see xxurl')).toBe('see [link]');
  });
});

describe('isExplainingTerm', () => {
  it('names content words and telling placeholders, not stopwords or bare identifiers', () => {
    expect(isExplainingTerm('t:typo')).toBe(true);
    expect(isExplainingTerm('b:xxcodeblock')).toBe(true);
    expect(isExplainingTerm('b:xxversion python')).toBe(true);
    expect(isExplainingTerm('t:on')).toBe(false);
    expect(isExplainingTerm('t:to the')).toBe(false);
    expect(isExplainingTerm('t:xxcode for')).toBe(false);
    expect(isExplainingTerm('t:on xxident')).toBe(false);
  });
});
