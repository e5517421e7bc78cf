import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasToken } from '../../core/detect/history-index.ts';
import { LoupeError } from '../../core/errors.ts';
import { createGitFixture, type GitFixture } from '../../../test/git-fixture.ts';
import { resolveCommit } from './git-cli.ts';
import { indexGitHistory, indexTree, isIndexedPath } from './git-history.index.ts';

let fixture: GitFixture;
let bare: string;

beforeAll(async () => {
  fixture = await createGitFixture();
  bare = await mkdtemp(path.join(tmpdir(), 'loupe-bare-'));
  execFileSync('git', ['clone', '-q', '--bare', fixture.dir, bare]);
});

afterAll(async () => {
  await rm(fixture.dir, { recursive: true, force: true });
  await rm(bare, { recursive: true, force: true });
});

const token = (target: Awaited<ReturnType<typeof indexGitHistory>>, word: string): number => {
  const id = target.index.table.ids.get(word);
  if (id === undefined) throw new Error(`token ${word} not indexed`);
  return id;
};

describe('indexGitHistory', () => {
  it('reads every commit with its message, parents and committer time', async () => {
    const target = await indexGitHistory(fixture.dir);
    expect(target.index.commits.size).toBe(3);
    const fix = target.index.commits.get(fixture.commits.fix)!;
    expect(fix.message).toBe('Add a retry delay (fixes #42)');
    expect(fix.parents).toEqual([fixture.commits.docs]);
    expect(fix.time).toBe(Date.parse('2024-03-10T10:00:00Z') / 1000);
  });

  it('indexes the tokens of added lines and the names they declare, per changed file', async () => {
    const target = await indexGitHistory(fixture.dir);
    const fix = target.index.commits.get(fixture.commits.fix)!;
    const client = fix.changes.find((c) => c.path === 'src/client.ts')!;
    expect(hasToken(client.added, token(target, 'retrydelay'))).toBe(true);
    expect(hasToken(client.addedSymbols, token(target, 'withretrydelay'))).toBe(true);
    // A line that did not change is not "added" by the fix.
    expect(client.added.includes(token(target, 'timeout'))).toBe(false);
    expect(fix.changes.map((c) => c.path).sort()).toEqual([
      'CHANGELOG.md',
      'src/client.ts',
      'tests/client.test.ts',
    ]);
  });

  it('works on a bare clone and indexes trees without binary files', async () => {
    const target = await indexGitHistory(bare, [fixture.commits.docs]);
    expect(target.index.commits.size).toBe(2);
    await indexTree(target, fixture.commits.docs);
    const files = target.index.trees.get(fixture.commits.docs)!.files;
    expect(files.map((f) => f.path).sort()).toEqual(['README.md', 'src/client.ts']);
    const client = files.find((f) => f.path === 'src/client.ts')!;
    expect(hasToken(client.symbols, token(target, 'httpclient'))).toBe(true);
    expect(isIndexedPath('logo.png')).toBe(false);
  });

  it('reads only commits from `since` on when asked', async () => {
    const since = Date.parse('2024-03-01T00:00:00Z') / 1000;
    const target = await indexGitHistory(fixture.dir, ['HEAD'], { since });
    expect([...target.index.commits.keys()]).toEqual([fixture.commits.fix]);
  });

  it('resolves revisions and refuses what is not a commit or not a repository', async () => {
    expect(await resolveCommit(fixture.dir, 'HEAD~1')).toBe(fixture.commits.docs);
    await expect(resolveCommit(fixture.dir, 'no-such-branch')).rejects.toBeInstanceOf(LoupeError);
    await expect(indexGitHistory(tmpdir())).rejects.toThrow(/git log failed/);
  });
});
