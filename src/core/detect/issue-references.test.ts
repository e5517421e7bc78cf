import { describe, expect, it } from 'vitest';
import { findIssueReference, pullRequestOfCommit } from './issue-references.ts';

const ref = { number: 123, repo: 'octo/app' };

describe('findIssueReference', () => {
  it('reads closing keywords, cross-repository forms and URLs', () => {
    expect(findIssueReference('Fixes #123', ref)).toBe('closes');
    expect(findIssueReference('this closes: octo/app#123', ref)).toBe('closes');
    expect(findIssueReference('Resolved https://github.com/octo/app/issues/123.', ref)).toBe('closes');
    expect(findIssueReference('fixes #12, #45 and #123', ref)).toBe('closes');
  });

  it('tells a mention from a closing reference', () => {
    expect(findIssueReference('see #123 for context', ref)).toBe('mentions');
    expect(findIssueReference('related to gh-123', ref)).toBe('mentions');
  });

  it('does not take other numbers, other repositories or anchors for the issue', () => {
    expect(findIssueReference('fixes #1234', ref)).toBeNull();
    expect(findIssueReference('fixes #12', ref)).toBeNull();
    expect(findIssueReference('fixes other/app#123', ref)).toBeNull();
    expect(findIssueReference('see page.html#123', ref)).toBeNull();
    expect(findIssueReference('', ref)).toBeNull();
  });
});

describe('pullRequestOfCommit', () => {
  it('reads squash and merge commits', () => {
    expect(pullRequestOfCommit('Add streaming (#4521)\n\n* wip')).toBe(4521);
    expect(pullRequestOfCommit('Merge pull request #77 from a/b\n\nfix')).toBe(77);
    expect(pullRequestOfCommit('Bump version to 1.2 (see #4)')).toBeNull();
  });
});
