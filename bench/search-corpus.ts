// The corpus of bench:search: the generated demo issues, loaded through the ingest repository, then
// (for sizes above the generated set) copied in SQL, with a synthetic analysis row per issue so the
// analysis facets (issue type, difficulty, concepts) have values to count as in a store the analysis
// job has been through. Databases can be kept between runs: a 1,000,000-issue load takes minutes.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { Issue } from '../src/core/issue.ts';
import type { DatasetIssue, EmulatorDataset } from '../src/emulators/github/index.ts';
import { openDatabase, type Database } from '../src/store/db.ts';
import { createIssueRepository } from '../src/store/issue.repository.ts';
import { migrate } from '../src/store/migrate.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import { refreshSearchTerms } from '../src/store/search.repository.ts';
import { createScratchPostgresDatabase } from '../test/scratch-postgres.ts';
import { openEmptyDatabase } from './bench-support.ts';

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
    mergedAt: d.pullRequest?.mergedAt ?? null,
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

const CONCEPTS = [
  'http',
  'authentication',
  'caching',
  'concurrency',
  'databases',
  'sql',
  'testing',
  'ci',
  'docker',
  'kubernetes',
  'logging',
  'performance',
  'memory-management',
  'security',
  'accessibility',
  'css',
  'react',
  'typescript',
  'python',
  'rust',
  'go',
  'message-queues',
  'websockets',
  'serialization',
  'cli',
  'packaging',
  'documentation',
  'i18n',
  'graphql',
  'observability',
];

/**
 * Copies the loaded issues `copies - 1` more times under new numbers (posting lists grow as a larger
 * real corpus's would; updated_at moves back a little per copy so recency does not tie), then gives
 * every issue an analysis row derived from its id. The secondary indexes are dropped during the
 * copies and built again after from their own definitions: building a GIN index once is several
 * times faster than growing it row by row.
 */
async function expand(db: Database, copies: number): Promise<void> {
  if (copies > 1) {
    const indexes = (
      await db.query<{ name: string; definition: string }>(
        `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = 'issues' AND indexdef NOT LIKE 'CREATE UNIQUE %'`,
      )
    ).rows;
    for (const index of indexes) await db.exec(`DROP INDEX ${index.name}`);
    for (let copy = 1; copy < copies; copy++) {
      await db.query(
        `INSERT INTO issues (repo_id, number, external_id, title, body, state, state_reason, is_pull_request, author,
           author_association, label_names, labels, created_at, updated_at, closed_at)
         SELECT repo_id, number + $1 * 1000000, external_id || '-' || $1, title, body, state, state_reason, is_pull_request, author,
           author_association, label_names, labels, created_at - $1 * interval '7 minutes', updated_at - $1 * interval '7 minutes', closed_at
         FROM issues WHERE number < 1000000`,
        [copy],
      );
    }
    await db.transaction(async (tx) => {
      await tx.exec("SET LOCAL maintenance_work_mem = '512MB'");
      for (const index of indexes) await tx.exec(index.definition);
    });
  }
  await db.query(
    `INSERT INTO issue_analysis (issue_id, issue_updated_at, version, type, type_confidence, type_probabilities, type_reasons,
       difficulty, gfi_score, difficulty_reasons, concept_ids, concepts)
     SELECT id, updated_at, 'bench', (ARRAY['bug','feature','question','docs','chore'])[1 + (id * 7919) % 5], 0.8, '{}', '[]',
       (ARRAY['easy','medium','hard'])[1 + (id * 104729) % 3], ((id * 31) % 100) / 100.0, '[]',
       ARRAY[($1::text[])[1 + (id * 13) % $2::int], ($1::text[])[1 + ((id * 13) % $2::int + 1 + (id * 17) % ($2::int - 1)) % $2::int]], '[]'
     FROM issues ON CONFLICT (issue_id) DO NOTHING`,
    [CONCEPTS, CONCEPTS.length],
  );
}

async function load(db: Database, dataset: EmulatorDataset, copies: number): Promise<void> {
  const repoIds = new Map<string, number>();
  for (const r of dataset.repos)
    repoIds.set(
      `${r.owner}/${r.name}`,
      (await createRepoRepository(db).add({ owner: r.owner, name: r.name, apiUrl: 'http://127.0.0.1' })).repo
        .id,
    );
  const byRepo = new Map<string, Issue[]>();
  for (const d of dataset.issues)
    (byRepo.get(d.repo) ?? byRepo.set(d.repo, []).get(d.repo)!).push(toIssue(d));
  for (const [repo, issues] of byRepo) {
    for (let i = 0; i < issues.length; i += 500)
      await createIssueRepository(db).upsertIssues(repoIds.get(repo)!, issues.slice(i, i + 500));
  }
  await expand(db, copies);
  await refreshSearchTerms(db);
  // The steady state autovacuum reaches after a bulk load: statistics, and the GIN indexes' pending
  // lists merged (otherwise every query also scans those lists).
  await db.exec('VACUUM ANALYZE');
}

const count = async (db: Database) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issues')).rows[0]!.n;

export interface BenchCorpus {
  db: Database;
  issues: number;
  loadSeconds: number;
}

/**
 * A database holding `copies` copies of the dataset. With `keep`, it survives the run under a fixed
 * name (PostgreSQL: database loupe_bench_search_<n>; PGlite: a directory in the temp dir) and a later
 * run with `keep` uses it as is when it holds the expected number of issues.
 */
export async function openSearchCorpus(
  engine: 'pglite' | 'postgres',
  options: { dataset: EmulatorDataset; copies: number; keep: boolean },
): Promise<BenchCorpus> {
  const expected = options.copies * options.dataset.issues.length;
  let db: Database;
  if (!options.keep) db = await openEmptyDatabase(engine, 'search');
  else {
    const name = `loupe_bench_search_${expected}`;
    const dataDir = path.join(tmpdir(), name);
    const open = async () => {
      if (engine === 'pglite') return openDatabase({ engine: 'pglite', dataDir });
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      return openDatabase({ engine: 'postgres', url: url.toString() });
    };
    try {
      db = await open();
      await migrate(db);
      if ((await count(db)) === expected) return { db, issues: expected, loadSeconds: 0 };
      await db.close();
    } catch {
      // not there yet: created below
    }
    if (engine === 'pglite') await rm(dataDir, { recursive: true, force: true });
    else await createScratchPostgresDatabase(process.env.DATABASE_URL!, name);
    db = await open();
    await migrate(db);
  }
  const started = performance.now();
  await load(db, options.dataset, options.copies);
  return { db, issues: await count(db), loadSeconds: (performance.now() - started) / 1000 };
}
