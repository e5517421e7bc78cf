// npm run bench:dupes [-- --issues 100000 --pg-issues 1000000 --queries 200] [--engine pglite|postgres]
//   [--keep-db] keep the PostgreSQL database (loupe_bench_dupes_kept) after the run; [--reuse] use it as is
//   when it already holds the issues (skips the ~3 min load); [--verbose] print the slowest queries with
//   their tsquery and EXPLAIN (ANALYZE, BUFFERS) of the slowest three.
// Candidate-retrieval latency for a new issue: the detector's full-text OR query (GIN index) plus
// the pure re-ranking, timed per new issue. PGlite at 100k issues; PostgreSQL at 1M when DATABASE_URL
// is set (the 100k generated issues copied ten times in SQL). Prints a table, then one JSON line.
import { buildCorpusStats } from '../src/core/duplicates/index.ts';
import { createDuplicateFinder } from '../src/services/duplicate-finder.ts';
import type { Issue } from '../src/core/issue.ts';
import { generateDemoDataset, type DatasetIssue } from '../src/emulators/github/index.ts';
import type { Database } from '../src/store/db.ts';
import { openDatabase } from '../src/store/db.ts';
import {
  buildDuplicateCandidatesParams,
  DUPLICATE_CANDIDATES_SQL,
  type DuplicateCandidatesParams,
} from '../src/store/duplicate-candidates.sql.ts';
import { createDuplicateRepository } from '../src/store/duplicate.repository.ts';
import { createIssueRepository } from '../src/store/issue.repository.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import { migrate } from '../src/store/migrate.ts';
import { createScratchPostgresDatabase } from '../test/scratch-postgres.ts';
import { benchArgs, benchEngines, openEmptyDatabase, percentile, printTable } from './bench-support.ts';

const args = benchArgs();
const baseIssues = Number(args.get('issues') ?? 100_000);
const pgIssues = Number(args.get('pg-issues') ?? 1_000_000);
const queryCount = Number(args.get('queries') ?? 200);
const verbose = args.has('verbose');
const keepDb = args.has('keep-db') || args.has('reuse');
const KEPT_DB = 'loupe_bench_dupes_kept';
const dataset = generateDemoDataset({
  seed: 8,
  repos: 10,
  issuesPerRepo: Math.ceil(baseIssues / 10),
  commentsPerIssue: 0,
});
// New issues to look up: a separate seed, so they are not rows of the store.
const newIssues = generateDemoDataset({
  seed: 9,
  repos: 2,
  issuesPerRepo: Math.ceil(queryCount / 2),
  commentsPerIssue: 0,
}).issues.slice(0, queryCount);

function toIssue(d: DatasetIssue): Issue {
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
    mergedAt: null,
    labels: d.labels.map((name) => ({ name })),
    author: d.user,
    authorAssociation: d.authorAssociation,
    assignees: d.assignees,
    milestone: null,
    commentsCount: 0,
    reactionsCount: 0,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    closedAt: d.closedAt,
  };
}

async function load(db: Database, copies: number): Promise<number> {
  const ids = new Map<string, number>();
  for (const r of dataset.repos)
    ids.set(
      `${r.owner}/${r.name}`,
      (await createRepoRepository(db).add({ owner: r.owner, name: r.name, apiUrl: 'http://127.0.0.1' })).repo
        .id,
    );
  const byRepo = new Map<string, Issue[]>();
  for (const d of dataset.issues)
    (byRepo.get(d.repo) ?? byRepo.set(d.repo, []).get(d.repo)!).push(toIssue(d));
  for (const [repo, issues] of byRepo)
    for (let i = 0; i < issues.length; i += 500)
      await createIssueRepository(db).upsertIssues(ids.get(repo)!, issues.slice(i, i + 500));
  for (let copy = 1; copy < copies; copy++) {
    // Same texts under new numbers: posting lists grow as a larger real corpus's would.
    await db.query(
      `INSERT INTO issues (repo_id, number, external_id, title, body, state, created_at, updated_at, label_names, labels)
       SELECT repo_id, number + $1 * 1000000, external_id || '-' || $1, title, body, state, created_at, updated_at, label_names, labels
       FROM issues WHERE number < 1000000`,
      [copy],
    );
  }
  // The steady state autovacuum reaches after a bulk load: statistics, and the GIN index's pending
  // list merged (otherwise every query also scans that list, and autovacuum competes for the CPU).
  await db.exec('VACUUM ANALYZE issues');
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issues')).rows[0]!.n;
}

/** The database to bench on, loaded with `copies` copies of the dataset (or reused as kept by an earlier --keep-db run). */
async function prepare(
  engine: 'pglite' | 'postgres',
  copies: number,
): Promise<{ db: Database; stored: number; loadSeconds: number }> {
  let db: Database;
  if (engine === 'postgres' && keepDb) {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${KEPT_DB}`;
    if (args.has('reuse')) {
      try {
        db = await openDatabase({ engine: 'postgres', url: url.toString() });
        const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issues')).rows[0]!.n;
        if (n === copies * dataset.issues.length) return { db, stored: n, loadSeconds: 0 };
        await db.close();
      } catch {
        // not there yet: create and load it below
      }
    }
    await createScratchPostgresDatabase(process.env.DATABASE_URL!, KEPT_DB);
    db = await openDatabase({ engine: 'postgres', url: url.toString() });
    await migrate(db);
  } else db = await openEmptyDatabase(engine, 'dupes');
  const started = performance.now();
  const stored = await load(db, copies);
  return { db, stored, loadSeconds: (performance.now() - started) / 1000 };
}

/** --verbose: the slowest queries with their tsquery, and the plans of the slowest three. */
async function explainSlowest(
  db: Database,
  slow: { ms: number; params: DuplicateCandidatesParams }[],
): Promise<void> {
  slow.sort((a, b) => b.ms - a.ms);
  for (const s of slow.slice(0, 10))
    process.stdout.write(`${s.ms.toFixed(1).padStart(7)} ms  ${s.params[0]}\n`);
  for (const s of slow.slice(0, 3)) {
    const plan = await db.query<Record<string, string>>(
      `EXPLAIN (ANALYZE, BUFFERS) ${DUPLICATE_CANDIDATES_SQL}`,
      s.params,
    );
    process.stdout.write(`\n-- ${s.params[0]}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}\n`);
  }
}

const engineArg = args.get('engine');
const rows: Record<string, string | number>[] = [];
// PostgreSQL first: a PGlite run leaves a large WASM heap in this process, and its garbage collection
// would land in the PostgreSQL timings (an API process in PostgreSQL mode runs no PGlite).
for (const engine of [...benchEngines()].reverse().filter((e) => !engineArg || e === engineArg)) {
  const copies = engine === 'postgres' ? Math.max(1, Math.round(pgIssues / dataset.issues.length)) : 1;
  const { db, stored, loadSeconds } = await prepare(engine, copies);
  const slow: { ms: number; params: DuplicateCandidatesParams }[] = [];
  const duplicates = createDuplicateRepository(db);
  const sample = await duplicates.corpusSample(5000);
  const corpusStats = buildCorpusStats(sample.texts);
  // The analysis job's finder; a fresh one per engine, so no prepared text is cached from another run.
  const finder = createDuplicateFinder(db, { corpusStats, collectionSize: sample.total });
  const sqlMs: number[] = [];
  const totalMs: number[] = [];
  for (const [i, issue] of newIssues.entries()) {
    const t0 = performance.now();
    const params = buildDuplicateCandidatesParams({
      text: { title: issue.title, body: issue.body ?? '' },
      corpusStats,
      collectionSize: sample.total,
      limit: 50,
    });
    if (!params) continue;
    const t1 = performance.now();
    const search = {
      id: `new-${i}`,
      text: { title: issue.title, body: issue.body ?? '' },
      createdAt: issue.createdAt,
    };
    const candidates = await finder.retrieve(search);
    const t2 = performance.now();
    finder.judge(search, candidates, { limit: 10 });
    const t3 = performance.now();
    if (i >= 10) {
      // the first ten warm the caches
      sqlMs.push(t2 - t1);
      totalMs.push(t3 - t0);
      slow.push({ ms: t2 - t1, params });
    }
  }
  sqlMs.sort((a, b) => a - b);
  totalMs.sort((a, b) => a - b);
  rows.push({
    engine,
    issues: stored,
    load_s: Number(loadSeconds.toFixed(0)),
    queries: sqlMs.length,
    retrieval_p50_ms: Number(percentile(sqlMs, 50).toFixed(1)),
    retrieval_p99_ms: Number(percentile(sqlMs, 99).toFixed(1)),
    total_p50_ms: Number(percentile(totalMs, 50).toFixed(1)),
    total_p99_ms: Number(percentile(totalMs, 99).toFixed(1)),
  });
  if (verbose) {
    process.stdout.write(`\n${engine}: slowest retrievals\n`);
    await explainSlowest(db, slow);
  }
  await db.close();
}
process.stdout.write(
  'bench:dupes — top-50 duplicate candidates for a new issue (retrieval SQL) and re-ranking (total)\n',
);
printTable(rows);
process.stdout.write('target: retrieval p99 <= 20 ms over 1,000,000 issues on PostgreSQL\n');
const lite = rows.find((r) => r.engine === 'pglite') ?? {
  issues: 0,
  retrieval_p50_ms: 0,
  retrieval_p99_ms: 0,
  total_p99_ms: 0,
};
const pgRow = rows.find((r) => r.engine === 'postgres');
process.stdout.write(
  `${JSON.stringify({
    bench: 'dupes',
    engine: 'pglite',
    n: lite.issues,
    p50_ms: lite.retrieval_p50_ms,
    p99_ms: lite.retrieval_p99_ms,
    total_p99_ms: lite.total_p99_ms,
    ...(pgRow
      ? {
          postgres_n: pgRow.issues,
          postgres_p50_ms: pgRow.retrieval_p50_ms,
          postgres_p99_ms: pgRow.retrieval_p99_ms,
          postgres_total_p99_ms: pgRow.total_p99_ms,
        }
      : {}),
  })}\n`,
);
