/**
 * `loupe detect` and `loupe eval detect` end to end, in a child process, on a tiny repository made
 * with `git init` (test/git-fixture.ts), and their errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitFixture, type GitFixture } from '../../../test/git-fixture.ts';
import { runLoupeCli, type CliRun } from '../../../test/run-loupe-cli.ts';

const loupe = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runLoupeCli(args, env);

let fixture: GitFixture;
let work: string;
let issueFile: string;

beforeAll(async () => {
  fixture = await createGitFixture();
  work = await mkdtemp(path.join(tmpdir(), 'loupe-detect-cli-'));
  issueFile = path.join(work, 'issue.json');
  await writeFile(issueFile, JSON.stringify(fixture.issue));
});

afterAll(async () => {
  await rm(fixture.dir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('loupe detect', () => {
  it('prints the verdict with its evidence from an issue file', async () => {
    const run = await loupe([
      'detect',
      'octo/client#42',
      '--repo-dir',
      fixture.dir,
      '--issue-file',
      issueFile,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const verdict = JSON.parse(run.stdout) as {
      commit: string;
      implemented: boolean;
      status: string;
      evidence: { kind: string; commit?: string; weight: number }[];
    };
    expect(verdict.commit).toBe(fixture.commits.fix);
    expect(verdict.implemented).toBe(true);
    expect(verdict.status).toBe('implemented-after-issue');
    expect(verdict.evidence.find((e) => e.kind === 'closing-reference')).toMatchObject({
      commit: fixture.commits.fix,
    });
  });

  it('judges the repository as of --at, and prints a readable report', async () => {
    const run = await loupe([
      'detect',
      'octo/client#42',
      '--repo-dir',
      fixture.dir,
      '--issue-file',
      issueFile,
      '--at',
      fixture.commits.docs,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^octo\/client#42 at [0-9a-f]{12}: not found — confidence 0\.\d+/);
    expect(run.stdout).toMatch(/indexed 2 commits/);
  });

  it('says so, and exits non-zero, when the store has no such issue', async () => {
    const run = await loupe(['detect', 'octo/client#42', '--repo-dir', fixture.dir], {
      LOUPE_DATA_DIR: path.join(work, 'store'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no issue octo\/client#42 in the store .*--issue-file/);
  });

  it('refuses a malformed reference, a missing repository and a wrong issue file', async () => {
    const bad = await loupe(['detect', 'octo/client', '--repo-dir', fixture.dir, '--issue-file', issueFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected owner\/name#123/);
    const notRepo = await loupe(['detect', 'octo/client#42', '--repo-dir', work, '--issue-file', issueFile]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/not a commit of the repository/);
    const other = await loupe([
      'detect',
      'octo/client#7',
      '--repo-dir',
      fixture.dir,
      '--issue-file',
      issueFile,
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds issue #42, not #7/);
  });
});

describe('loupe eval detect', () => {
  it('scores the cases and ends with one JSON object', async () => {
    const issues = path.join(work, 'issues.jsonl');
    const cases = path.join(work, 'cases.csv');
    await writeFile(issues, `${JSON.stringify(fixture.issue)}\n`);
    await writeFile(
      cases,
      `issue,commit,implemented\n42,${fixture.commits.fix},1\n42,${fixture.commits.docs},0\n`,
    );
    const run = await loupe([
      'eval',
      'detect',
      '--repo-dir',
      fixture.dir,
      '--issues',
      issues,
      '--cases',
      cases,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      command: 'eval detect',
      cases: 2,
      implemented: 1,
      precision: 1,
      recall: 1,
      roc_auc: 1,
      hide_references: false,
    });
    const text = await loupe([
      'eval',
      'detect',
      '--repo-dir',
      fixture.dir,
      '--issues',
      issues,
      '--cases',
      cases,
      '--hide-references',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^detect \(references hidden\) precision .* recall .* ROC-AUC 1\.000/,
    );
  });

  it('names the line of a malformed case', async () => {
    const cases = path.join(work, 'bad-cases.csv');
    await writeFile(cases, 'issue,commit,implemented\n42,HEAD,yes\n');
    const run = await loupe([
      'eval',
      'detect',
      '--repo-dir',
      fixture.dir,
      '--issues',
      issueFile,
      '--cases',
      cases,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-cases\.csv.*line 2.*not 1 or 0/);
  });
});
