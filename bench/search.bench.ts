// npm run bench:search [-- --issues 100000 --pg-issues 1000000 --queries 200] [--engine pglite|postgres] [--keep-db] [--verbose]
// Times 200 mixed queries (common, rare, multi-word, phrases, or/negation, filters, typos, sort by
// date) through the same service the API uses, without facets (as `loupe search`) and with them (as
// the UI's every keystroke). PGlite at --issues; PostgreSQL, when DATABASE_URL is set, at each size of
// --pg-issues (comma-separated: 100000,1000000). Sizes above --issues copy the generated issues in SQL
// (bench/search-corpus.ts). --keep-db keeps each loaded database and uses it again on the next run
// (a 1,000,000-issue load takes minutes); --verbose prints the slowest queries. Each row shows the
// machine's load average when it was timed. Prints a table, then one JSON line.
import { loadavg } from 'node:os';
import type { IssueQuery } from '../src/core/search/issue-query.ts';
import { seededRandom } from '../src/core/learn/index.ts';
import { createIssuesService } from '../src/services/issues.service.ts';
import { DEFAULT_WORKSPACE_ID } from '../src/store/access.repository.ts';
import { generateDemoDataset, type EmulatorDataset } from '../src/emulators/github/index.ts';
import { benchArgs, benchEngines, percentile, printTable } from './bench-support.ts';
import { openSearchCorpus } from './search-corpus.ts';

const args = benchArgs();
const liteIssues = Number(args.get('issues') ?? 100_000);
const pgSizes = (args.get('pg-issues') ?? '1000000').split(',').map(Number);
const queryCount = Number(args.get('queries') ?? 200);
const engineArg = args.get('engine');
const repoCount = 10;
const dataset = generateDemoDataset({
  seed: 5,
  repos: repoCount,
  issuesPerRepo: Math.ceil(liteIssues / repoCount),
  commentsPerIssue: 0,
});

/** The queries people type, drawn with a fixed seed from the corpus's own words. */
function buildQueries(corpus: EmulatorDataset, count: number): IssueQuery[] {
  const random = seededRandom(99);
  const counts = new Map<string, number>();
  for (const issue of corpus.issues)
    for (const w of issue.title.toLowerCase().match(/[a-z]{4,}/g) ?? [])
      counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([w]) => w);
  const pick = (from: number, to: number) =>
    ranked[Math.floor(from + random() * Math.max(1, Math.min(to, ranked.length) - from))]!;
  const title = () => corpus.issues[Math.floor(random() * corpus.issues.length)]!.title;
  const typo = (w: string) => {
    const i = 1 + Math.floor(random() * (w.length - 2));
    return w.slice(0, i) + w.slice(i + 1);
  };
  const kinds: (() => IssueQuery)[] = [
    () => ({ q: pick(0, 15) }), // very common word
    () => ({ q: pick(15, 200) }),
    () => ({ q: pick(200, 2000) }), // rare word
    () => ({ q: `${pick(0, 100)} ${pick(0, 300)}` }),
    () => ({ q: `"${title().split(' ').slice(0, 2).join(' ')}"` }), // phrase
    () => ({ q: `${pick(0, 50)} or ${pick(50, 500)}` }),
    () => ({ q: `${pick(0, 30)} -${pick(30, 200)}` }),
    () => ({ q: pick(0, 200), state: 'open' }),
    () => ({ q: pick(0, 200), labels: ['bug'] }),
    () => ({ q: pick(0, 300), repo: corpus.issues[Math.floor(random() * corpus.issues.length)]!.repo }),
    () => ({ q: typo(pick(20, 400)) }),
    () => ({ q: pick(0, 100), sort: 'updated' }),
    () => ({ q: title().split(' ').slice(0, 5).join(' ') }), // pasted title words
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!());
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const queries = buildQueries(dataset, queryCount);
const rows: Record<string, string | number>[] = [];
const runs: { engine: 'pglite' | 'postgres'; issues: number }[] = [
  // PostgreSQL first: a PGlite run leaves a large WASM heap in this process, and its garbage
  // collection would land in the PostgreSQL timings (an API process in PostgreSQL mode runs no PGlite).
  ...(benchEngines().includes('postgres')
    ? pgSizes.map((issues) => ({ engine: 'postgres' as const, issues }))
    : []),
  { engine: 'pglite' as const, issues: liteIssues },
].filter((r) => !engineArg || r.engine === engineArg);

for (const run of runs) {
  const copies = Math.max(1, Math.round(run.issues / dataset.issues.length));
  const corpus = await openSearchCorpus(run.engine, { dataset, copies, keep: args.has('keep-db') });
  const service = createIssuesService({ db: corpus.db });
  for (const q of queries.slice(0, 20)) await service.search(DEFAULT_WORKSPACE_ID, { ...q, facets: false }); // warm caches
  for (const facets of [false, true]) {
    const loadBefore = load();
    const timed: { ms: number; q: IssueQuery }[] = [];
    for (const q of queries) {
      const started = performance.now();
      await service.search(DEFAULT_WORKSPACE_ID, { ...q, limit: 25, facets }); // scoped to the workspace, as the API does
      timed.push({ ms: performance.now() - started, q });
    }
    if (args.has('verbose')) {
      for (const t of [...timed].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
        process.stdout.write(
          `  slow ${run.engine} ${corpus.issues} facets=${facets} ${t.ms.toFixed(1)} ms ${JSON.stringify(t.q)}\n`,
        );
      }
    }
    const latencies = timed.map((t) => t.ms).sort((a, b) => a - b);
    rows.push({
      engine: run.engine,
      n: corpus.issues,
      facets: String(facets),
      load_s: Number(corpus.loadSeconds.toFixed(1)),
      p50_ms: Number(percentile(latencies, 50).toFixed(1)),
      p90_ms: Number(percentile(latencies, 90).toFixed(1)),
      p99_ms: Number(percentile(latencies, 99).toFixed(1)),
      max_ms: Number(latencies.at(-1)!.toFixed(1)),
      loadavg: `${loadBefore} -> ${load()}`,
    });
  }
  await corpus.db.close();
}
process.stdout.write(
  `bench:search — ${queries.length} mixed queries (facets=false: search as \`loupe search\`; true: as the UI asks, with facet counts)\n`,
);
printTable(rows);
process.stdout.write(
  'target: p99 <= 50 ms with facets, PGlite at 100,000 issues and PostgreSQL at 1,000,000\n',
);
const find = (engine: string, facets: string, n?: number) =>
  rows.find((r) => r.engine === engine && r.facets === facets && (n === undefined || r.n === n));
const summary: Record<string, string | number> = { bench: 'search', queries: queries.length };
const lite = find('pglite', 'false');
if (lite)
  Object.assign(summary, {
    engine: 'pglite',
    n: lite.n,
    p50_ms: lite.p50_ms,
    p99_ms: lite.p99_ms,
    with_facets_p50_ms: find('pglite', 'true')!.p50_ms,
    with_facets_p99_ms: find('pglite', 'true')!.p99_ms,
  });
for (const row of rows.filter((r) => r.engine === 'postgres' && r.facets === 'true')) {
  const plain = find('postgres', 'false', row.n as number)!;
  Object.assign(summary, {
    [`postgres_${row.n}_p50_ms`]: plain.p50_ms,
    [`postgres_${row.n}_p99_ms`]: plain.p99_ms,
    [`postgres_${row.n}_with_facets_p99_ms`]: row.p99_ms,
  });
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
