// npm run bench:sync [-- --issues 50000 --repos 5 --comments-per-issue 3]
// Syncs N issues from the emulator (in a child process) into an empty store, then re-syncs with no
// change. PGlite always; PostgreSQL side by side when DATABASE_URL is set. Prints a table, then JSON.
import { createGitHubClient } from '../src/sources/github/github-client.ts';
import type { SyncResult } from '../src/jobs/sync-source.ts';
import { syncGitHubRepository } from '../test/sync-github.ts';
import { yieldingDatabase } from '../src/store/db.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import {
  benchArgs,
  benchEngines,
  openEmptyDatabase,
  printTable,
  startEmulatorProcess,
  trackPeakRss,
} from './bench-support.ts';

const args = benchArgs();
const totalIssues = Number(args.get('issues') ?? 50_000);
const repoCount = Number(args.get('repos') ?? 5);
const commentsPerIssue = Number(args.get('comments-per-issue') ?? 3);
const emulator = await startEmulatorProcess({
  repos: repoCount,
  issuesPerRepo: Math.ceil(totalIssues / repoCount),
  commentsPerIssue,
  seed: 1,
});

const sum = (results: SyncResult[], pick: (r: SyncResult) => number) =>
  results.reduce((s, r) => s + pick(r), 0);
const figures: Record<string, number | string>[] = [];
try {
  for (const engine of benchEngines()) {
    const db = await openEmptyDatabase(engine, 'sync');
    const client = createGitHubClient({ token: 'bench', apiUrl: emulator.url });
    const repos = [];
    for (const fullName of emulator.repos) {
      const [owner, name] = fullName.split('/') as [string, string];
      repos.push((await createRepoRepository(db).add({ owner, name, apiUrl: emulator.url })).repo);
    }
    const peakRss = trackPeakRss();
    const started = performance.now();
    const first: SyncResult[] = [];
    // With the database the sync job's worker gets (jobs/register-workers.ts).
    for (const repo of repos)
      first.push(await syncGitHubRepository({ db: yieldingDatabase(db), client }, repo));
    const seconds = (performance.now() - started) / 1000;
    const again: SyncResult[] = [];
    for (const repo of repos)
      again.push(await syncGitHubRepository({ db: yieldingDatabase(db), client }, repo));
    const peak = peakRss();
    const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issues')).rows[0]!.n;
    if (stored !== emulator.issues)
      throw new Error(`stored ${stored} issues, the emulator serves ${emulator.issues}`);
    const issueRequests = sum(first, (r) => (r.requests.metadata ?? 0) + (r.requests.issues ?? 0));
    figures.push({
      engine,
      issues: emulator.issues,
      comments: emulator.comments,
      seconds: Number(seconds.toFixed(1)),
      issues_per_s: Math.round(emulator.issues / seconds),
      requests_per_1000_issues: Number(((issueRequests / emulator.issues) * 1000).toFixed(2)),
      comment_requests_per_1000_comments: Number(
        ((sum(first, (r) => r.requests.comments ?? 0) / Math.max(1, emulator.comments)) * 1000).toFixed(2),
      ),
      resync_requests_per_repo: Number(
        (
          sum(
            again,
            (r) => (r.requests.metadata ?? 0) + (r.requests.issues ?? 0) + (r.requests.comments ?? 0),
          ) / repos.length
        ).toFixed(2),
      ),
      resync_not_modified: sum(again, (r) => r.notModified),
      peak_rss_mb: peak,
    });
    await db.close();
  }
} finally {
  emulator.stop();
}

process.stdout.write(
  `bench:sync — ${emulator.issues} issues/PRs, ${emulator.comments} comments, ${emulator.repos.length} repositories (emulator in a separate process)\n`,
);
printTable(figures);
process.stdout.write(
  'targets: requests_per_1000_issues <= 11 (comments counted separately), resync_requests_per_repo <= 1\n',
);
const pglite = figures.find((f) => f.engine === 'pglite')!;
const postgres = figures.find((f) => f.engine === 'postgres');
process.stdout.write(
  `${JSON.stringify({
    bench: 'sync',
    n: emulator.issues,
    comments: emulator.comments,
    issues_per_s: pglite.issues_per_s,
    requests_per_1000_issues: pglite.requests_per_1000_issues,
    comment_requests_per_1000_comments: pglite.comment_requests_per_1000_comments,
    resync_requests_per_repo: pglite.resync_requests_per_repo,
    peak_rss_mb: pglite.peak_rss_mb,
    ...(postgres
      ? {
          postgres_issues_per_s: postgres.issues_per_s,
          postgres_peak_rss_mb: postgres.peak_rss_mb,
          postgres_resync_requests_per_repo: postgres.resync_requests_per_repo,
        }
      : {}),
  })}\n`,
);
