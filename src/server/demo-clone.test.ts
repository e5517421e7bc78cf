import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { Issue } from '../core/issue.ts';
import { generateDemoDataset } from '../emulators/github/demo-dataset.generator.ts';
import { runRepoDetection } from '../jobs/judge-implemented.ts';
import { createClonesService } from '../services/clones.service.ts';
import { DEMO_WORKSPACE_ID } from '../store/access.repository.ts';
import type { Database } from '../store/db.ts';
import { createImplementedVerdictRepository } from '../store/implemented-verdict.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { prepareDemoClone } from './demo-clone.ts';
import { DEMO_SEED } from './demo-workspace.ts';

let db: Database;
let dataDir: string;
let repoId: number;
const JUDGED = [7, 50, 83, 124, 150, 210, 280, 320, 560];

beforeAll(async () => {
  db = await openTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-demo-clone-'));
  repoId = (
    await createRepoRepository(db).add({
      owner: 'loupe-demo',
      name: 'lumen',
      apiUrl: 'http://127.0.0.1:1',
      isDemo: true,
      workspaceId: DEMO_WORKSPACE_ID,
    })
  ).repo.id;
  // The demo's own issues (the size `npm start` serves), as the sync would store them.
  const dataset = generateDemoDataset({ seed: DEMO_SEED, repos: 4, issuesPerRepo: 600 });
  const issues: Issue[] = dataset.issues
    .filter((i) => i.repo === 'loupe-demo/lumen' && JUDGED.includes(i.number))
    .map((i) => ({
      source: 'github',
      repo: i.repo,
      number: i.number,
      externalId: String(i.id),
      url: null,
      title: i.title,
      body: i.body ?? '',
      state: 'open',
      stateReason: null,
      isPullRequest: false,
      mergedAt: null,
      labels: i.labels.map((name) => ({ name, color: null })),
      author: 'someone',
      authorAssociation: 'NONE',
      assignees: [],
      milestone: null,
      commentsCount: 0,
      reactionsCount: 0,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      closedAt: null,
    }));
  await createIssueRepository(db).upsertIssues(repoId, issues);
});
afterAll(async () => {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the demo clone', () => {
  it('builds the history with git, clones it for loupe-demo/lumen, and the same commits every time', async () => {
    const clones = createClonesService({ db, cloneRoot: path.join(dataDir, 'clones') });
    const logs: string[] = [];
    const started = performance.now();
    expect(await prepareDemoClone({ clones, dataDir, log: (m) => logs.push(m) })).toBe(true);
    const ms = performance.now() - started;
    process.stdout.write(`demo clone built in ${ms.toFixed(0)} ms\n`);
    expect(logs).toEqual([]);
    const first = await clones.find(DEMO_WORKSPACE_ID, repoId);
    const log = execFileSync('git', ['log', '--format=%s', 'HEAD'], { cwd: first!.path, encoding: 'utf8' });
    expect(log.split('\n').filter(Boolean)).toHaveLength(8);
    expect(await prepareDemoClone({ clones, dataDir, log: (m) => logs.push(m) })).toBe(true);
    expect((await clones.find(DEMO_WORKSPACE_ID, repoId))!.headCommit).toBe(first!.headCommit);
    // The record gone (the repository was removed, then the demo added it again), the directory left behind.
    await db.query('DELETE FROM repository_clones WHERE repository_id = $1', [repoId]);
    expect(await prepareDemoClone({ clones, dataDir, log: (m) => logs.push(m) })).toBe(true);
    expect(logs).toEqual([]);
    expect((await clones.find(DEMO_WORKSPACE_ID, repoId))!.headCommit).toBe(first!.headCommit);
  });

  it('gives some demo issues a verdict of "implemented", others not', async () => {
    expect((await runRepoDetection({ db }, repoId)).judged).toBe(JUDGED.length);
    const verdicts = createImplementedVerdictRepository(db);
    const issues = createIssueRepository(db);
    const verdictOf = async (number: number) =>
      (await verdicts.find((await issues.findByNumber(repoId, number))!.id))!;
    // "Fixes #7", "(fixes #50)", "(closes #83)": implemented after the issue was opened.
    for (const closed of [7, 50, 83])
      expect(await verdictOf(closed)).toMatchObject({ status: 'implemented-after-issue' });
    // The Brotli commit names no issue: its code is shown as evidence, but stays under the threshold.
    const brotli = await verdictOf(210);
    expect(brotli.status).toBe('not-found');
    expect(brotli.evidence[0]).toMatchObject({ kind: 'commit-change', timing: 'after-issue' });
    expect(brotli.evidence[0]!.summary).toContain('Brotli');
    // A question nothing in the history answers.
    expect(await verdictOf(320)).toMatchObject({ status: 'not-found' });
  });

  it('without git, logs once and gives no clone', async () => {
    const clones = createClonesService({ db, cloneRoot: path.join(dataDir, 'other') });
    const logs: string[] = [];
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await prepareDemoClone({ clones, dataDir, log: (m) => logs.push(m) })).toBe(false);
    } finally {
      process.env.PATH = saved;
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/cannot run git.*without "already implemented\?" verdicts/);
  });
});
