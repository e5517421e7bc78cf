import { describe, expect, it } from 'vitest';
import { phraseReasons } from './reason-phrases.ts';

const TEXT = {
  title: 'Blows up with an exception in CORS middleware on macOS',
  body: 'Steps to reproduce: start the server with version 2.0.1 and send a preflight request. The bug appears every time.',
};

describe('phraseReasons', () => {
  it('quotes the phrase of the issue around a word or bigram', () => {
    expect(phraseReasons([{ feature: 'title word "exception"', weight: 0.1 }], TEXT)).toEqual([
      'title "Blows up with an exception in CORS middleware on macOS"',
    ]);
    expect(phraseReasons([{ feature: 'bigram "the bug"', weight: 0.1 }], TEXT)).toEqual([
      'says "The bug appears every time."',
    ]);
  });

  it('drops what explains nothing and describes markers in words', () => {
    const reasons = [
      { feature: 'word "<number>"', weight: 0.3 },
      { feature: 'title word "in"', weight: 0.2 },
      { feature: 'char-gram "orr"', weight: 0.2 },
      { feature: 'marker "<stack trace>"', weight: 0.1 },
      { feature: 'word "<stack trace>"', weight: 0.1 },
      { feature: 'word "tabula"', weight: 0.1 },
    ];
    // "tabula" does not occur in the text: nothing to quote, so nothing is said.
    expect(phraseReasons(reasons, TEXT)).toEqual(['has a stack trace']);
  });

  it('quotes prose without markdown syntax; never code or an environment dump', () => {
    const text = {
      title: 'x',
      body: '### Describe the bug\n```js\nconst lumen = 1;\n```\n- **lumen**: 2.3.1\n- OS: macOS 14.4\n\nWhen **lumen** starts, the `router` hangs.',
    };
    expect(phraseReasons([{ feature: 'word "lumen"', weight: 0.1 }], text)).toEqual([
      'says "When lumen starts, the router hangs."',
    ]);
    expect(phraseReasons([{ feature: 'word "macos"', weight: 0.1 }], text)).toEqual([]);
    expect(phraseReasons([{ feature: 'word "describe"', weight: 0.1 }], text)).toEqual([
      'has a "Describe the bug" section',
    ]);
  });

  it('says "title" when a word is quoted from the title', () => {
    expect(phraseReasons([{ feature: 'word "middleware"', weight: 0.1 }], TEXT)).toEqual([
      'title "Blows up with an exception in CORS middleware on macOS"',
    ]);
  });

  it('quotes each sentence once, however many of its words pushed', () => {
    const reasons = ['exception', 'cors', 'preflight', 'request', 'appears'].map((w, i) => ({
      feature: `${i < 2 ? 'title word' : 'word'} "${w}"`,
      weight: 0.1,
    }));
    expect(phraseReasons(reasons, TEXT)).toEqual([
      'title "Blows up with an exception in CORS middleware on macOS"',
      'says "…2.0.1 and send a preflight request."',
      'says "The bug appears every time."',
    ]);
  });

  it('keeps at most `max` phrases', () => {
    const reasons = ['exception', 'preflight', 'appears'].map((w) => ({
      feature: `word "${w}"`,
      weight: 0.1,
    }));
    expect(phraseReasons(reasons, TEXT, 2)).toHaveLength(2);
  });
});
