import { describe, expect, it } from 'vitest';
import { FEATURE_SPECS } from './difficulty-features.ts';
import { fitStackedGfi } from './gfi-stacked-fit.ts';
import { encodeTerms } from './text-model.ts';
import { issueTerms } from './text-terms.ts';

// The label is in the wording only; the one feature is noise.
const SPECS = FEATURE_SPECS.filter((spec) => spec.signal === 'text.proposal');
const EASY = ['Fix typo in docs', 'Typo in the docstring', 'Docs: fix a typo', 'Small typo in readme docs'];
const HARD = [
  'Crash when loading with many workers',
  'Memory leak then crash',
  'Segfault crash in loader',
  'Hang and crash under load',
];

function toy() {
  const docs = [];
  const labels: number[] = [];
  const rows: number[][] = [];
  for (let i = 0; i < 90; i++) {
    const y = i % 6 === 0 ? 1 : 0;
    docs.push(
      issueTerms({
        title: (y ? EASY : HARD)[i % 4]!,
        body: y ? 'A small mistake in a sentence.' : 'Traceback below, fails every time.',
      }),
    );
    labels.push(y);
    rows.push([(i * 7) % 3]);
  }
  return { corpus: encodeTerms(docs), labels, rows, members: docs.map((_, i) => i) };
}

describe('fitStackedGfi', () => {
  it('trusts the text when the wording carries the label, and is deterministic', () => {
    const data = toy();
    const fit = fitStackedGfi({ ...data, specs: SPECS });
    expect(fit.weights.text!.coef).toBeGreaterThan(0);
    expect(fit.textModel.terms['t:typo']![1]).toBeGreaterThan(0);
    expect(fit.textAucByL2.length).toBeGreaterThan(1);
    expect(fitStackedGfi({ ...data, specs: SPECS })).toEqual(fit);
  });
});
