import { describe, expect, it } from 'vitest';
import { globalModel } from '../classify/index.ts';
import { analyzeIssue } from './analyze-issue.ts';

const base = {
  body: '',
  labels: [] as { name: string }[],
  isPullRequest: false,
  commentsCount: 0,
  reactionsCount: 0,
  authorAssociation: 'NONE',
  assignees: [] as string[],
  milestone: null,
  createdAt: '2024-03-01T00:00:00Z',
  state: 'open' as const,
};

describe('analyzeIssue', () => {
  it('types a pull request from its conventional-commit prefix, not from its wording', () => {
    const pr = analyzeIssue(
      { ...base, isPullRequest: true, title: 'fix(groupby): correct docs example crash in aggregate' },
      [],
      { classifier: globalModel },
    );
    expect(pr.type).toBe('bug');
    expect(pr.typeReasons).toEqual(['title starts with "fix(groupby):"']);
  });

  it('explains an issue type with phrases quoted from the issue', () => {
    const issue = analyzeIssue(
      {
        ...base,
        title: 'App crashes with a segmentation fault when saving',
        body: 'Traceback shows the crash in the writer every time I save a file.',
      },
      [],
      { classifier: globalModel },
    );
    expect(issue.type).toBe('bug');
    expect(issue.typeReasons.length).toBeGreaterThan(0);
    for (const reason of issue.typeReasons) expect(reason).not.toMatch(/<number>|^word "/);
    expect(issue.typeReasons.some((r) => /crash/i.test(r))).toBe(true);
  });
});
