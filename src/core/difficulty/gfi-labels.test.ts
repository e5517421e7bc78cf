import { describe, expect, it } from 'vitest';
import { isGoodFirstIssueLabel, stripGoodFirstIssueLabels } from './gfi-labels.ts';

describe('isGoodFirstIssueLabel', () => {
  it.each([
    'good first issue',
    'Good First Issue',
    'good-first-issue',
    'good_first_issue',
    'good first bug',
    'beginner',
    'Beginner Friendly',
    'beginner-friendly',
    'easy',
    'Easy',
    'starter',
    'first-timers-only',
    'first timers only',
    'low-hanging-fruit',
    'up-for-grabs',
    'hacktoberfest',
    'good second issue',
    'difficulty: easy',
    'E-easy',
    'newcomer',
  ])('recognises %s', (name) => {
    expect(isGoodFirstIssueLabel(name)).toBe(true);
  });

  it.each([
    'bug',
    'documentation',
    'help wanted',
    'enhancement',
    'easy-to-reproduce bug',
    'breaking',
    'difficulty: hard',
    '',
  ])('leaves %s alone', (name) => {
    expect(isGoodFirstIssueLabel(name)).toBe(false);
  });

  it('strips synonyms and keeps the rest in order', () => {
    expect(stripGoodFirstIssueLabels(['bug', 'good first issue', 'docs', 'Hacktoberfest'])).toEqual([
      'bug',
      'docs',
    ]);
  });
});
