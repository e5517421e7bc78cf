import { describe, expect, it } from 'vitest';
import {
  countChecklistItems,
  countCodeBlocks,
  GUIDANCE_PHRASES,
  countCodePointers,
  countFileReferences,
  countPhrases,
  countStackFrames,
  countSymbolReferences,
  proseOf,
} from './text-signals.ts';
import { rocAuc } from './roc-auc.ts';

describe('text signals', () => {
  it('counts distinct files, not version numbers', () => {
    expect(
      countFileReferences('Edit src/load.py and `setup.cfg`; also src/load.py again; version 2.1.0'),
    ).toBe(2);
  });

  it('counts stack frames of Python and JavaScript traces', () => {
    expect(
      countStackFrames(
        'Traceback (most recent call last):\n  File "a.py", line 1, in x\n  File "b.py", line 2, in y',
      ),
    ).toBe(2);
    expect(
      countStackFrames('Error: boom\n    at run (/app/src/run.js:10:5)\n    at main (/app/src/main.js:3:1)'),
    ).toBe(2);
    expect(countStackFrames('no trace here')).toBe(0);
  });

  it('reads code blocks, symbols, pointers and checklists', () => {
    const body =
      'Use `Dataset.map` or ds.filter_rows().\n```\ncode\n```\nSee https://github.com/o/r/blob/main/x.py#L3\n- [ ] one\n- [x] two';
    expect(countCodeBlocks(body)).toBe(1);
    expect(countSymbolReferences(proseOf(body))).toBe(2);
    expect(countCodePointers(body)).toBeGreaterThanOrEqual(1);
    expect(countChecklistItems(body)).toBe(2);
    expect(proseOf(body)).not.toContain('code');
  });

  it('reads a maintainer sizing the change and pointing at where to look as guidance', () => {
    const body =
      'The options are not documented.\n\n**Where to look:**\n- `cmd/root.go`\n\nThis should be a small change.';
    expect(countPhrases(proseOf(body), GUIDANCE_PHRASES)).toBe(2);
    expect(countPhrases('It would be a one-line fix.', GUIDANCE_PHRASES)).toBe(1);
    // Reports do not size or point: no guidance read into them.
    expect(countPhrases('Crashes when I look at the small print. Where is the log?', GUIDANCE_PHRASES)).toBe(
      0,
    );
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties, NaN with one class', () => {
    expect(rocAuc([0.1, 0.2, 0.9], [0, 0, 1])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.9, 0.1], [0, 1])).toBe(0);
    expect(rocAuc([0.1], [1])).toBeNaN();
  });
});
