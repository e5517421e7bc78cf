import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { DEFAULT_WORKSPACE_ID } from '../store/access.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createIssuesService } from '../services/issues.service.ts';
import type { Database } from '../store/db.ts';
import { createImplementedVerdictRepository } from '../store/implemented-verdict.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import {
  openClonedRepositoryStore,
  type ClonedRepositoryStore,
} from '../../test/cloned-repository.fixture.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import { runRepoDetection } from './judge-implemented.ts';

const issue = (number: number, fields: Partial<Issue>): Issue => testIssue(number, fields);

let store: ClonedRepositoryStore;
let db: Database;
let repoId: number;
let plainRepoId: number;

beforeAll(async () => {
  store = await openClonedRepositoryStore('loupe-judge-');
  ({ db, clonedId: repoId, plainId: plainRepoId } = store);
  const issues = createIssueRepository(db);
  await issues.upsertIssues(repoId, [
    issue(42, {
      title: 'Add a `retryDelay` option to HttpClient',
      body: 'Flaky networks: a `retryDelay` (see `withRetryDelay`) would wait between attempts.',
      labels: [{ name: 'enhancement', color: null }],
    }),
    issue(43, {
      title: 'Dark mode for the settings dialog',
      body: 'The settings dialog is too bright at night.',
    }),
    issue(44, { title: 'Fix retry', isPullRequest: true }),
  ]);
  await issues.upsertIssues(plainRepoId, [issue(1, { repo: 'octo/plain', title: 'Anything' })]);
});
afterAll(async () => store?.close());

describe('runRepoDetection', () => {
  it('does nothing for a repository without a clone', async () => {
    expect(await runRepoDetection({ db }, plainRepoId)).toEqual({
      judged: 0,
      commit: null,
      commitsIndexed: 0,
      indexMs: 0,
    });
  });

  it('judges every issue (not pull requests) once at the head, and the API shows the verdict', async () => {
    const run = await runRepoDetection({ db }, repoId);
    expect(run).toMatchObject({ judged: 2, commit: store.fixture.commits.fix });
    // Indexed once for both issues: the commits from 60 days before the earliest issue on.
    expect(run.commitsIndexed).toBe(3);

    const issues = createIssueRepository(db);
    const verdicts = createImplementedVerdictRepository(db);
    const fixed = await verdicts.find((await issues.findByNumber(repoId, 42))!.id);
    expect(fixed).toMatchObject({ commit: store.fixture.commits.fix, status: 'implemented-after-issue' });
    expect(fixed!.confidence).toBeGreaterThanOrEqual(fixed!.threshold);
    expect(fixed!.evidence[0]).toMatchObject({
      kind: 'closing-reference',
      timing: 'after-issue',
      commit: store.fixture.commits.fix,
    });
    const unrelated = await verdicts.find((await issues.findByNumber(repoId, 43))!.id);
    expect(unrelated).toMatchObject({ status: 'not-found' });
    expect(unrelated!.confidence).toBeLessThan(unrelated!.threshold);
    expect(await verdicts.find((await issues.findByNumber(repoId, 44))!.id)).toBeNull();

    const detail = await createIssuesService({ db }).get(DEFAULT_WORKSPACE_ID, fixed!.issueId);
    expect(detail.implemented).toMatchObject({
      status: 'implemented-after-issue',
      commit: store.fixture.commits.fix,
    });
  });

  it('judges again only issues that changed since', async () => {
    expect((await runRepoDetection({ db }, repoId)).judged).toBe(0);
    await createIssueRepository(db).upsertIssues(repoId, [
      issue(43, {
        title: 'Dark mode for the settings dialog',
        body: 'Still too bright.',
        updatedAt: '2024-04-01T00:00:00.000Z',
      }),
    ]);
    expect((await runRepoDetection({ db }, repoId)).judged).toBe(1);
  });

  it('goes with its repository: removing it deletes its clone record and verdicts', async () => {
    const count = async (table: string) =>
      Number(
        (
          await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE repository_id = $1`, [
            repoId,
          ])
        ).rows[0]!.n,
      );
    expect(await count('issue_implemented')).toBe(2);
    expect(await count('repository_clones')).toBe(1);
    expect(await createRepoRepository(db).remove(repoId)).not.toBeNull();
    expect([await count('issue_implemented'), await count('repository_clones')]).toEqual([0, 0]);
  });
});
