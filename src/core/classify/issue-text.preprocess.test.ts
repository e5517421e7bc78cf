import { describe, expect, it } from 'vitest';
import { cleanBody, cleanTitle, tokenize } from './issue-text.preprocess.ts';

describe('cleanBody', () => {
  it('replaces a fenced stack trace with markers and keeps its error line', () => {
    const body =
      'It breaks:\n```\nTypeError: x is undefined\n    at render (app.js:10:5)\n    at main (app.js:3:1)\n```\nthanks';
    const { text } = cleanBody(body, 10_000);
    expect(text).toContain('xxcode');
    expect(text).toContain('xxtrace');
    expect(text).toContain('typeerror: x is undefined');
    expect(text).not.toContain('render (app.js');
    expect(text).toContain('thanks');
  });

  it('collects template headings and bold-only lines as phrases', () => {
    const body =
      '### Describe the bug\nboom\n\n**Expected behavior**\nno boom\n## Steps to reproduce ##\n1. run';
    expect(cleanBody(body, 10_000).headings).toEqual([
      'describe the bug',
      'expected behavior',
      'steps to reproduce',
    ]);
  });

  it('marks links by host, images, versions, question marks, and truncates', () => {
    const body = 'See https://stackoverflow.com/q/1 and ![shot](http://x/y.png) on v1.2.3 why?';
    const { text } = cleanBody(body, 10_000);
    expect(text).toContain('xxhost_stackoverflow');
    expect(text).toContain('xximage');
    expect(text).toContain('xxver');
    expect(text).toContain('xxq');
    expect(cleanBody('a'.repeat(500), 100).text).toHaveLength(100);
  });
});

describe('cleanTitle and tokenize', () => {
  it('flags question-shaped titles only', () => {
    expect(cleanTitle('How do I build it')).toContain('xxtitleq');
    expect(cleanTitle('Crash on start')).not.toContain('xxtitleq');
  });

  it('lowers nothing itself, maps numbers to xxnum and drops trailing apostrophes', () => {
    expect(tokenize("it doesn' work 42 times don't")).toEqual([
      'it',
      'doesn',
      'work',
      'xxnum',
      'times',
      "don't",
    ]);
  });
});
