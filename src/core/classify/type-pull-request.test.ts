import { describe, expect, it } from 'vitest';
import { typePullRequest } from './type-pull-request.ts';

describe('typePullRequest', () => {
  it('reads conventional-commit prefixes, with scope and breaking mark', () => {
    expect(typePullRequest({ title: 'fix(groupby): handle empty frames in aggregate', labels: [] })).toEqual({
      type: 'bug',
      reason: 'title starts with "fix(groupby):"',
    });
    expect(typePullRequest({ title: 'feat!: add streaming reader', labels: [] })?.type).toBe('feature');
    expect(typePullRequest({ title: 'docs(api): clarify usage', labels: [] })?.type).toBe('docs');
    expect(typePullRequest({ title: 'refactor(core): split module', labels: [] })?.type).toBe('chore');
    expect(typePullRequest({ title: '[DOC] fix typo in README', labels: [] })?.type).toBe('docs');
  });

  it('prefers the labels, and knows dependency bumps', () => {
    expect(typePullRequest({ title: 'docs: mention the fix', labels: ['bug'] })).toEqual({
      type: 'bug',
      reason: 'labelled bug',
    });
    expect(typePullRequest({ title: 'Bump lodash from 4.17.20 to 4.17.21', labels: [] })?.type).toBe('chore');
  });

  it('uses changed files when the title says nothing, and gives up otherwise', () => {
    expect(
      typePullRequest({
        title: 'Small improvements',
        labels: [],
        changedFiles: ['docs/intro.md', 'README.md'],
      })?.type,
    ).toBe('docs');
    expect(
      typePullRequest({
        title: 'Small improvements',
        labels: [],
        changedFiles: ['.github/workflows/ci.yml', 'test/a.test.ts'],
      })?.type,
    ).toBe('chore');
    expect(
      typePullRequest({ title: 'Small improvements', labels: [], changedFiles: ['src/a.ts', 'README.md'] }),
    ).toBeNull();
    // "Note: …" is prose, not a commit type.
    expect(typePullRequest({ title: 'Note: this changes the parser', labels: [] })).toBeNull();
  });
});
