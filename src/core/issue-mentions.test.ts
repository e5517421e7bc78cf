import { describe, expect, it } from 'vitest';
import { mentionedIssueNumbers } from './issue-mentions.ts';

describe('mentionedIssueNumbers', () => {
  it('finds bare #N mentions in order, once each', () => {
    expect(mentionedIssueNumbers(['Duplicate of #201', 'See #7 and #201; also (#12).'])).toEqual([
      201, 7, 12,
    ]);
  });

  it('ignores cross-repository references, URL anchors, entities, words and code', () => {
    const text = [
      'other/repo#5 and https://example.com/page#3 and &#39; and abc#4 and ##6',
      '`#8` in code',
      '```\nfails at #9\n```',
    ].join('\n');
    expect(mentionedIssueNumbers([text])).toEqual([]);
  });

  it('stops at max', () => {
    expect(mentionedIssueNumbers(['#1 #2 #3'], 2)).toEqual([1, 2]);
  });

  it('ignores #0', () => {
    expect(mentionedIssueNumbers(['#0'])).toEqual([]);
  });
});
