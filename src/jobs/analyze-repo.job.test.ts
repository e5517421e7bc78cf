import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeFromLabels } from '../core/classify/index.ts';
import { isGoodFirstIssueLabel } from '../core/difficulty/index.ts';
import type { Issue } from '../core/issue.ts';
import { generateDemoDataset } from '../emulators/github/index.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { createAnalysisRepository } from '../store/analysis.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { runRepoAnalysis } from './analyze-repo.job.ts';

const makeIssue = (number: number): Issue =>
  testIssue(
    number,
    {
      externalId: String(7000 + number),
      title:
        number % 2 ? `Crash when parsing config file ${number}` : `Add option to export report ${number}`,
      body: 'Steps to reproduce: run the tool with the attached config.',
      createdAt: `2024-01-${String(1 + (number % 28)).padStart(2, '0')}T00:00:00.000Z`,
      updatedAt: '2024-02-01T00:00:00.000Z',
    },
    'acme/short',
  );

describe('runRepoAnalysis', () => {
  let db: Database;
  let repoId: number;
  beforeAll(async () => {
    db = await openTestDatabase();
    repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'short', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    await createIssueRepository(db).upsertIssues(
      repoId,
      Array.from({ length: 25 }, (_, i) => makeIssue(i + 1)),
    );
  });
  afterAll(async () => db.close());

  // On PGlite a transaction holds the one connection and the thread: requests wait for it to commit.
  it('saves a batch in short transactions of at most ten issues, each with its events', async () => {
    const savesPerTransaction: number[] = [];
    const counting: Database = {
      ...db,
      transaction: (fn) =>
        db.transaction(async (tx) => {
          let saves = 0;
          const watched: SqlClient = {
            ...tx,
            query: (text, params) => {
              // Analyses are saved in multi-row statements: count the rows, not the statements.
              if (/INSERT INTO issue_analysis/.test(text))
                saves += (JSON.parse(String(params?.[0])) as unknown[]).length;
              return tx.query(text, params);
            },
          };
          const result = await fn(watched);
          savesPerTransaction.push(saves);
          return result;
        }),
    };
    const progress = await runRepoAnalysis({ db: counting }, repoId);
    expect(progress).toMatchObject({ analyzed: 25, pending: 0, total: 25 });
    expect(savesPerTransaction.filter((n) => n > 0)).toEqual([10, 10, 5]);
    const events = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE type = 'analysis.updated' AND repo_id = $1`,
      [repoId],
    );
    expect(events.rows[0]!.n).toBe(25);
  });
});

describe('runRepoAnalysis during a first sync', () => {
  let db: Database;
  afterAll(async () => db?.close());

  // The context (labelled history, data clock) is read once per run: a partial history would stay in
  // the analyses of the issues judged against it.
  it('waits for the first sync to finish, then analyses with the whole history', async () => {
    db = await openTestDatabase();
    const repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'short', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    const syncs = createSyncStateRepository(db);
    const runId = await syncs.queueRun(repoId, null);
    await createIssueRepository(db).upsertIssues(
      repoId,
      Array.from({ length: 5 }, (_, i) => makeIssue(i + 1)),
    );
    expect(await runRepoAnalysis({ db }, repoId)).toMatchObject({ analyzed: 0, pending: 5, total: 5 });
    await syncs.finishRun(runId, {
      status: 'succeeded',
      totals: { issuesSynced: 5, commentsSynced: 0, requests: 1, notModified: 0 },
    });
    expect(await runRepoAnalysis({ db }, repoId)).toMatchObject({ analyzed: 5, pending: 0, total: 5 });
    // Later syncs do not hold analysis back: their repository already has its history.
    await syncs.queueRun(repoId, null);
    await createIssueRepository(db).upsertIssues(repoId, [makeIssue(6)]);
    expect(await runRepoAnalysis({ db }, repoId)).toMatchObject({ analyzed: 1, pending: 0 });
  });
});

describe('runRepoAnalysis citing labelled issues', () => {
  let db: Database;
  afterAll(async () => db?.close());

  it("cites the repository's most similar earlier labelled issue by number, never the issue itself", async () => {
    db = await openTestDatabase();
    const repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'short', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    const labelled = (number: number, title: string, labels: string[]): Issue => ({
      ...makeIssue(number),
      title,
      body: '',
      labels: labels.map((name) => ({ name })),
    });
    await createIssueRepository(db).upsertIssues(repoId, [
      labelled(2, 'Crash when parsing a YAML config file with anchors', ['type: bug']),
      labelled(4, 'Crash when parsing a YAML config file with tabs', ['type: bug']),
      labelled(6, 'Add option to export the report as CSV', ['enhancement']),
    ]);
    expect(await createAnalysisRepository(db).labelledTexts(repoId)).toContainEqual(
      expect.objectContaining({ number: 2, createdAt: '2024-01-03T00:00:00.000Z', labels: ['type: bug'] }),
    );
    await runRepoAnalysis({ db }, repoId);
    const reasons = await typeReasonsByNumber(db, repoId);
    // #4 is like #2, opened before it; #2 is like #4, opened after it: not cited.
    expect(reasons.get(4)).toContain(
      'like #2 "Crash when parsing a YAML config file with anchors" (labelled type: bug)',
    );
    expect(reasons.get(2)!.some((r) => r.startsWith('like #'))).toBe(false);
  });
});

async function typeReasonsByNumber(db: Database, repoId: number): Promise<Map<number, string[]>> {
  const rows = await db.query<{ number: number; reasons: string[] }>(
    `SELECT i.number, a.type_reasons AS reasons FROM issue_analysis a JOIN issues i ON i.id = a.issue_id
     WHERE i.repo_id = $1`,
    [repoId],
  );
  return new Map(rows.rows.map((row) => [row.number, row.reasons]));
}

describe('runRepoAnalysis over a demo repository', () => {
  let db: Database;
  afterAll(async () => db?.close());

  // The demo organisation's labels are a maintainer's: every citation must name an earlier issue of
  // the same repository that carries the label the reason says, and the label behind the judgement.
  it('cites only earlier issues of the repository that carry the label behind the judgement', async () => {
    db = await openTestDatabase();
    const dataset = generateDemoDataset({ seed: 42, repos: 1, issuesPerRepo: 150, commentsPerIssue: 0 });
    const demo = dataset.repos[0]!;
    const repoId = (
      await createRepoRepository(db).add({ owner: demo.owner, name: demo.name, apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    await createIssueRepository(db).upsertIssues(
      repoId,
      dataset.issues.map((d) => ({
        ...makeIssue(d.number),
        repo: d.repo,
        externalId: String(d.id),
        title: d.title,
        body: d.body ?? '',
        isPullRequest: Boolean(d.pullRequest),
        labels: d.labels.map((name) => ({ name })),
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      })),
    );
    await runRepoAnalysis({ db }, repoId);
    const byNumber = new Map(dataset.issues.map((d) => [d.number, d]));
    const rows = await db.query<{
      number: number;
      type: string;
      typeReasons: string[];
      difficultyReasons: string[];
    }>(
      `SELECT i.number, a.type, a.type_reasons AS "typeReasons", a.difficulty_reasons AS "difficultyReasons"
       FROM issue_analysis a JOIN issues i ON i.id = a.issue_id WHERE i.repo_id = $1`,
      [repoId],
    );
    const cited = { type: 0, goodFirstIssue: 0 };
    for (const row of rows.rows) {
      const issue = byNumber.get(row.number)!;
      for (const [kind, reasons] of [
        ['type', row.typeReasons],
        ['goodFirstIssue', row.difficultyReasons],
      ] as const)
        for (const reason of reasons) {
          const citation = /^like #(\d+) "(.*)" \(labelled (.+)\)$/.exec(reason);
          if (!citation) continue;
          cited[kind]++;
          const teacher = byNumber.get(Number(citation[1]))!;
          expect(teacher.number).not.toBe(issue.number);
          expect(Date.parse(teacher.createdAt)).toBeLessThan(Date.parse(issue.createdAt));
          expect(teacher.title.startsWith(citation[2]!.replace(/…$/, ''))).toBe(true);
          expect(teacher.labels).toContain(citation[3]);
          if (kind === 'type') expect(typeFromLabels(teacher.labels)).toBe(row.type);
          else expect(isGoodFirstIssueLabel(citation[3]!)).toBe(true);
        }
    }
    expect(cited.type).toBeGreaterThan(0);
    expect(cited.goodFirstIssue).toBeGreaterThan(0);
  });
});
