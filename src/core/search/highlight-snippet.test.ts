import { describe, expect, it } from 'vitest';
import { highlightSnippet, lexemesFromQueryTree } from './highlight-snippet.ts';

const marks = { start: '[', end: ']' };

describe('highlightSnippet', () => {
  it('marks every word that starts with a query stem', () => {
    expect(highlightSnippet('Performance regression when performing a scan', ['perform'], marks)).toBe(
      '[Performance] regression when [performing] a scan',
    );
  });

  it('centres a long text on the first hit and elides both ends', () => {
    const text = `${'filler '.repeat(80)}the websocket reconnects forever ${'tail '.repeat(80)}`;
    const snippet = highlightSnippet(text, ['websocket'], { ...marks, maxChars: 80 })!;
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('[websocket]');
    expect(snippet.length).toBeLessThan(100);
  });

  it('undoes the stemmer endings it can (happi → happy) and returns null without a hit', () => {
    expect(highlightSnippet('I am happy now', ['happi'], marks)).toBe('I am [happy] now');
    expect(highlightSnippet('nothing relevant', ['websocket'], marks)).toBeNull();
    expect(highlightSnippet('text', [], marks)).toBeNull();
  });
});

describe('lexemesFromQueryTree', () => {
  it('keeps positive lexemes and drops negated ones', () => {
    expect(lexemesFromQueryTree("'studi' & 'happi' <-> 'perform' & !'crash' | 'leak'")).toEqual([
      'studi',
      'happi',
      'perform',
      'leak',
    ]);
    expect(lexemesFromQueryTree("'it''s'")).toEqual(["it's"]);
    expect(lexemesFromQueryTree('T')).toEqual([]);
    expect(lexemesFromQueryTree(null)).toEqual([]);
  });
});
