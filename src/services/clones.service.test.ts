import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitFixture, type GitFixture } from '../../test/git-fixture.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { DEFAULT_WORKSPACE_ID, DEMO_WORKSPACE_ID } from '../store/access.repository.ts';
import type { Database } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { cloneUrlFor, createClonesService, fetchRepositoryClone } from './clones.service.ts';

let db: Database;
let fixture: GitFixture;
let root: string;
let repoId: number;

beforeAll(async () => {
  db = await openTestDatabase();
  fixture = await createGitFixture();
  root = await mkdtemp(path.join(tmpdir(), 'loupe-clones-'));
  repoId = (
    await createRepoRepository(db).add({ owner: 'octo', name: 'client', apiUrl: 'http://127.0.0.1:1' })
  ).repo.id;
});
afterAll(async () => {
  await db.close();
  await rm(root, { recursive: true, force: true });
  await rm(fixture.dir, { recursive: true, force: true });
});

describe('cloneUrlFor', () => {
  it('derives the web host from the API URL, else the html URL, else says it cannot', () => {
    const repo = { owner: 'o', name: 'n', htmlUrl: null };
    expect(cloneUrlFor({ ...repo, apiUrl: 'https://api.github.com' })).toBe('https://github.com/o/n.git');
    expect(cloneUrlFor({ ...repo, apiUrl: 'https://ghe.example.com/api/v3/' })).toBe(
      'https://ghe.example.com/o/n.git',
    );
    expect(cloneUrlFor({ ...repo, apiUrl: 'http://127.0.0.1:3001', htmlUrl: 'http://h/o/n' })).toBe(
      'http://h/o/n.git',
    );
    expect(cloneUrlFor({ ...repo, apiUrl: 'http://127.0.0.1:3001' })).toBeNull();
  });
});

describe('clones service', () => {
  it('clones bare under the clone root, records the head, and fetches new commits', async () => {
    const clones = createClonesService({ db, cloneRoot: root });
    const clone = await clones.clone(DEFAULT_WORKSPACE_ID, 'octo/client', { from: fixture.dir });
    expect(clone).toMatchObject({
      repositoryId: repoId,
      path: path.join(root, 'octo', 'client.git'),
      sourceUrl: fixture.dir,
      headCommit: fixture.commits.fix,
      fetched: false,
    });
    expect(
      execFileSync('git', ['rev-parse', '--is-bare-repository'], {
        cwd: clone.path,
        encoding: 'utf8',
      }).trim(),
    ).toBe('true');
    expect(await clones.find(DEFAULT_WORKSPACE_ID, repoId)).toMatchObject({
      headCommit: fixture.commits.fix,
    });
    // Scoped through the repository's workspace.
    expect(await clones.find(DEMO_WORKSPACE_ID, repoId)).toBeNull();

    expect(await fetchRepositoryClone(db, repoId)).toEqual({ head: fixture.commits.fix, changed: false });
    await writeFile(path.join(fixture.dir, 'NEWS.md'), 'news\n');
    execFileSync('git', ['add', '-A'], { cwd: fixture.dir });
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '-qm', 'News'], {
      cwd: fixture.dir,
    });
    const newHead = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: fixture.dir, encoding: 'utf8' }).trim();
    expect(await fetchRepositoryClone(db, repoId)).toEqual({ head: newHead, changed: true });
    expect((await clones.find(DEFAULT_WORKSPACE_ID, repoId))?.headCommit).toBe(newHead);

    // Cloning again to the same place fetches instead.
    expect(await clones.clone(DEFAULT_WORKSPACE_ID, 'octo/client', { from: fixture.dir })).toMatchObject({
      fetched: true,
      headCommit: newHead,
    });
  });

  it('names what is wrong: unknown repository, no source, failing clone, a directory in the way', async () => {
    const clones = createClonesService({ db, cloneRoot: root });
    await expect(
      clones.clone(DEFAULT_WORKSPACE_ID, 'octo/unknown', { from: fixture.dir }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('loupe repo add octo/unknown'),
    });
    await createRepoRepository(db).add({ owner: 'octo', name: 'other', apiUrl: 'http://127.0.0.1:1' });
    await expect(clones.clone(DEFAULT_WORKSPACE_ID, 'octo/other')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('--from'),
    });
    await expect(
      clones.clone(DEFAULT_WORKSPACE_ID, 'octo/other', { from: path.join(root, 'no-such-repo') }),
    ).rejects.toMatchObject({ code: 'CLONE_FAILED', message: expect.stringContaining('could not clone') });
    expect(
      await clones.find(
        DEFAULT_WORKSPACE_ID,
        (await createRepoRepository(db).findByFullName('octo/other'))!.id,
      ),
    ).toBeNull();
    await expect(
      clones.clone(DEFAULT_WORKSPACE_ID, 'octo/other', { from: fixture.dir, dir: fixture.dir }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not empty') });
  });

  it('returns null when fetching a repository without a clone', async () => {
    const other = (await createRepoRepository(db).findByFullName('octo/other'))!;
    expect(await fetchRepositoryClone(db, other.id)).toBeNull();
  });
});
