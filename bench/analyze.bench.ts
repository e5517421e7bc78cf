// npm run bench:analyze [-- --issues 50000 --repos 10 --comments 1] [--engine pglite|postgres]
// Throughput of the analysis job (runRepoAnalysis, exactly as the worker runs it) over a demo
// organisation loaded into a fresh store: issues/s and the process's peak RSS while the job runs.
// PGlite always; PostgreSQL too when DATABASE_URL is set. Prints a table, then one JSON line.
import { runRepoAnalysis } from '../src/jobs/analyze-repo.job.ts';
import type { Issue, IssueComment } from '../src/core/issue.ts';
import {
  generateDemoDataset,
  type DatasetComment,
  type DatasetIssue,
} from '../src/emulators/github/index.ts';
import { yieldingDatabase, type Database } from '../src/store/db.ts';
import { createIssueRepository } from '../src/store/issue.repository.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import { benchArgs, benchEngines, openEmptyDatabase, printTable, trackPeakRss } from './bench-support.ts';

const args = benchArgs();
const issueCount = Number(args.get('issues') ?? 50_000);
const repoCount = Number(args.get('repos') ?? 10);
const commentsPerIssue = Number(args.get('comments') ?? 1);
const engineArg = args.get('engine');

function toIssue(d: DatasetIssue, comments: number): Issue {
  const reactions = Object.values(d.reactions).reduce((a, b) => a + (b ?? 0), 0);
  return {
    source: 'github',
    repo: d.repo,
    number: d.number,
    externalId: String(d.id),
    url: null,
    title: d.title,
    body: d.body ?? '',
    state: d.state,
    stateReason: d.stateReason,
    isPullRequest: Boolean(d.pullRequest),
    mergedAt: d.pullRequest?.mergedAt ?? null,
    labels: d.labels.map((name) => ({ name })),
    author: d.user,
    authorAssociation: d.authorAssociation,
    assignees: d.assignees,
    milestone: null,
    commentsCount: comments,
    reactionsCount: reactions,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    closedAt: d.closedAt,
  };
}

function toComment(c: DatasetComment): IssueComment & { issueNumber: number } {
  return {
    externalId: String(c.id),
    author: c.user,
    authorAssociation: c.authorAssociation,
    body: c.body,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    issueNumber: c.issueNumber,
  };
}

/** Loads the demo organisation; the generated dataset is dropped before the job runs. */
async function load(db: Database): Promise<{ repoIds: number[]; issues: number }> {
  const dataset = generateDemoDataset({
    seed: 11,
    repos: repoCount,
    issuesPerRepo: Math.ceil(issueCount / repoCount),
    commentsPerIssue,
  });
  const commentCounts = new Map<string, number>();
  for (const c of dataset.comments)
    commentCounts.set(
      `${c.repo}#${c.issueNumber}`,
      (commentCounts.get(`${c.repo}#${c.issueNumber}`) ?? 0) + 1,
    );
  const repoIds: number[] = [];
  for (const r of dataset.repos) {
    const full = `${r.owner}/${r.name}`;
    const { repo } = await createRepoRepository(db).add({
      owner: r.owner,
      name: r.name,
      apiUrl: 'http://127.0.0.1',
    });
    repoIds.push(repo.id);
    const issues = dataset.issues
      .filter((d) => d.repo === full)
      .map((d) => toIssue(d, commentCounts.get(`${full}#${d.number}`) ?? 0));
    for (let i = 0; i < issues.length; i += 500)
      await createIssueRepository(db).upsertIssues(repo.id, issues.slice(i, i + 500));
    const comments = dataset.comments.filter((c) => c.repo === full).map(toComment);
    for (let i = 0; i < comments.length; i += 1000)
      await createIssueRepository(db).upsertComments(repo.id, comments.slice(i, i + 1000));
  }
  await db.exec('VACUUM ANALYZE');
  return { repoIds, issues: dataset.issues.length };
}

const rows: Record<string, string | number>[] = [];
for (const engine of benchEngines().filter((e) => !engineArg || e === engineArg)) {
  const db = await openEmptyDatabase(engine, 'analyze');
  const loadStart = performance.now();
  const { repoIds, issues } = await load(db);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  globalThis.gc?.();
  const rssBefore = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const peak = trackPeakRss();
  const started = performance.now();
  let analyzed = 0;
  // With the database the job's worker gets (jobs/register-workers.ts).
  for (const repoId of repoIds)
    analyzed += (await runRepoAnalysis({ db: yieldingDatabase(db) }, repoId)).analyzed;
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    engine,
    issues,
    analyzed,
    load_s: Number(loadSeconds.toFixed(1)),
    job_s: Number(seconds.toFixed(1)),
    issues_per_s: Math.round(analyzed / seconds),
    rss_before_mb: rssBefore,
    peak_rss_mb: peak(),
  });
  await db.close();
}
process.stdout.write(
  `bench:analyze — the analysis job over ${issueCount.toLocaleString('en')} demo issues and pull requests (${repoCount} repositories)\n`,
);
printTable(rows);
process.stdout.write('goal: >= 500 issues/s, peak RSS flat in the number of issues\n');
const lite = rows.find((r) => r.engine === 'pglite');
const pg = rows.find((r) => r.engine === 'postgres');
process.stdout.write(
  `${JSON.stringify({
    bench: 'analyze',
    ...(lite
      ? { n: lite.issues, issues_per_s: lite.issues_per_s, job_s: lite.job_s, peak_rss_mb: lite.peak_rss_mb }
      : {}),
    ...(pg
      ? {
          postgres_n: pg.issues,
          postgres_issues_per_s: pg.issues_per_s,
          postgres_job_s: pg.job_s,
          postgres_peak_rss_mb: pg.peak_rss_mb,
        }
      : {}),
  })}\n`,
);
