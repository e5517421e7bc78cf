import { describe, expect, it } from 'vitest';
import { decodeEntities, parseSnippet } from './snippet.ts';

describe('parseSnippet', () => {
  it('splits marked hits from plain text', () => {
    expect(parseSnippet('the <mark>crash</mark> on <mark>start</mark>up')).toEqual([
      { text: 'the ', marked: false },
      { text: 'crash', marked: true },
      { text: ' on ', marked: false },
      { text: 'start', marked: true },
      { text: 'up', marked: false },
    ]);
  });

  it('decodes escaped text so it displays as typed', () => {
    expect(parseSnippet('a &lt;div&gt; &amp; <mark>&quot;x&quot;</mark>')).toEqual([
      { text: 'a <div> & ', marked: false },
      { text: '"x"', marked: true },
    ]);
  });

  it('keeps any other tag as inert text', () => {
    const parts = parseSnippet('<img src=x onerror=alert(1)><mark>hit</mark><script>bad()</script>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'hit', marked: true },
      { text: '<script>bad()</script>', marked: false },
    ]);
  });

  it('survives unbalanced marks', () => {
    expect(parseSnippet('a</mark>b<mark>c')).toEqual([
      { text: 'ab', marked: false },
      { text: 'c', marked: true },
    ]);
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&#39;&#x27;&#65;&nbsp;&bogus;')).toBe("''A&nbsp;&bogus;");
  });
});
