import { describe, expect, it } from 'vitest';
import { normalizeRepoInput, validateRepoFullName } from './repo-name.ts';

describe('validateRepoFullName', () => {
  it('accepts names the server accepts', () => {
    expect(validateRepoFullName('octocat/hello-world')).toBeNull();
    expect(validateRepoFullName('a/b')).toBeNull();
    expect(validateRepoFullName('my-org/repo.name_2')).toBeNull();
    expect(validateRepoFullName(`${'o'.repeat(39)}/${'n'.repeat(100)}`)).toBeNull();
  });

  it('rejects names the server rejects', () => {
    for (const bad of [
      '',
      'octocat',
      'octo cat/x',
      'octo_cat/x',
      'a/b/c',
      '/name',
      'owner/',
      `${'o'.repeat(40)}/x`,
      `o/${'n'.repeat(101)}`,
    ]) {
      expect(validateRepoFullName(bad), bad).not.toBeNull();
    }
  });
});

describe('normalizeRepoInput', () => {
  it('turns pasted URLs into owner/name', () => {
    expect(normalizeRepoInput('  https://github.com/octocat/Hello-World  ')).toBe('octocat/Hello-World');
    expect(normalizeRepoInput('github.com/octocat/hello.git')).toBe('octocat/hello');
    expect(normalizeRepoInput('git@github.com:octocat/hello.git')).toBe('octocat/hello');
    expect(normalizeRepoInput('octocat/hello/')).toBe('octocat/hello');
  });

  it('leaves anything else for the validator to judge', () => {
    expect(normalizeRepoInput('https://gitlab.com/a/b')).toBe('https://gitlab.com/a/b');
  });
});
