import { describe, expect, it } from 'vitest';
import { BODY_CHARS, issueTerms, wordTokens } from './text-terms.ts';

describe('wordTokens', () => {
  it('replaces code, links, paths, identifiers, versions and numbers by placeholders', () => {
    const text =
      'See `Dataset.map` in src/io/json.py, https://x.org/a, load_dataset v2.14.1, 42 rows and CamelCase\n```\nTraceback\n```';
    expect(wordTokens(text)).toEqual([
      'see',
      'xxcode',
      'in',
      'xxpath',
      'xxurl',
      'xxident',
      'xxversion',
      'xxnum',
      'rows',
      'and',
      'xxident',
      'xxcodeblock',
    ]);
  });

  it('lower-cases plain words and keeps apostrophes', () => {
    expect(wordTokens("Typo in the README, doesn't render")).toEqual([
      'typo',
      'in',
      'the',
      'readme',
      "doesn't",
      'render',
    ]);
  });
});

describe('issueTerms', () => {
  it('gives field-prefixed unigrams and bigrams, with ^ marking the start', () => {
    const terms = issueTerms({ title: 'Fix typo', body: 'Small one' });
    expect(terms.title).toEqual(['t:fix', 't:^ fix', 't:typo', 't:fix typo']);
    expect(terms.body).toEqual(['b:small', 'b:^ small', 'b:one', 'b:small one']);
  });

  it('reads only the start of the body and drops template comments', () => {
    const body = `<!-- please fill the template -->intro ${'word '.repeat(BODY_CHARS)} tailword`;
    const terms = issueTerms({ title: '', body });
    expect(terms.body).toContain('b:intro');
    expect(terms.body).not.toContain('b:please');
    expect(terms.body).not.toContain('b:tailword');
  });
});
