// npm run bench:search [-- --issues 100000 --queries 200]
// Loads N generated issues into an empty store, then times 200 mixed queries (common, rare, multi-word,
// phrases, or/negation, filters, typos, sort by date) through the same service the API uses.
// PGlite always; PostgreSQL side by side when DATABASE_URL is set. Prints a table, then one JSON line.
import type { Issue } from '../src/core/issue.ts';
import { createIssuesService } from '../src/services/issues.service.ts';
import { generateDemoDataset, type DatasetIssue } from '../src/sources/github/emulator/index.ts';
import type { IssueQuery } from '../src/core/search/issue-query.ts';
import { refreshSearchTerms } from '../src/store/search.repository.ts';
import { createIssueRepository } from '../src/store/issue.repository.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import { benchArgs, benchEngines, openEmptyDatabase, percentile, printTable } from './bench-support.ts';
import { seededRandom } from '../src/core/eval/index.ts';

const args = benchArgs();
const total = Number(args.get('issues') ?? 100_000);
const queryCount = Number(args.get('queries') ?? 200);
const repoCount = 10;
const dataset = generateDemoDataset({ seed: 5, repos: repoCount, issuesPerRepo: Math.ceil(total / repoCount), commentsPerIssue: 0 });

function toIssue(d: DatasetIssue): Issue {
  return {
    source: 'github', repo: d.repo, number: d.number, externalId: String(d.id), url: null, title: d.title, body: d.body ?? '',
    state: d.state, stateReason: d.stateReason, isPullRequest: Boolean(d.pullRequest), mergedAt: d.pullRequest?.mergedAt ?? null,
    labels: d.labels.map((name) => ({ name })), author: d.user, authorAssociation: d.authorAssociation, assignees: d.assignees,
    milestone: null, commentsCount: 0, reactionsCount: 0, createdAt: d.createdAt, updatedAt: d.updatedAt, closedAt: d.closedAt,
  };
}

/** 200 queries of the kinds people type, drawn with a fixed seed from the corpus's own words. */
function buildQueries(): IssueQuery[] {
  const random = seededRandom(99);
  const counts = new Map<string, number>();
  for (const issue of dataset.issues) for (const w of issue.title.toLowerCase().match(/[a-z]{4,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  const pick = (from: number, to: number) => ranked[Math.floor(from + random() * Math.max(1, Math.min(to, ranked.length) - from))]!;
  const title = () => dataset.issues[Math.floor(random() * dataset.issues.length)]!.title;
  const typo = (w: string) => { const i = 1 + Math.floor(random() * (w.length - 2)); return w.slice(0, i) + w.slice(i + 1); };
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
    () => ({ q: pick(0, 300), repo: dataset.issues[Math.floor(random() * dataset.issues.length)]!.repo }),
    () => ({ q: typo(pick(20, 400)) }),
    () => ({ q: pick(0, 100), sort: 'updated' }),
    () => ({ q: title().split(' ').slice(0, 5).join(' ') }), // pasted title words
  ];
  return Array.from({ length: queryCount }, (_, i) => kinds[i % kinds.length]!());
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const queries = buildQueries();
const rows: Record<string, string | number>[] = [];
for (const engine of benchEngines()) {
  const db = await openEmptyDatabase(engine, 'search');
  const repoIds = new Map<string, number>();
  for (const r of dataset.repos) repoIds.set(`${r.owner}/${r.name}`, (await createRepoRepository(db).add({ owner: r.owner, name: r.name, apiUrl: 'http://127.0.0.1' })).repo.id);
  const loadStarted = performance.now();
  const byRepo = new Map<string, Issue[]>();
  for (const d of dataset.issues) (byRepo.get(d.repo) ?? byRepo.set(d.repo, []).get(d.repo)!).push(toIssue(d));
  for (const [repo, issues] of byRepo) {
    for (let i = 0; i < issues.length; i += 500) await createIssueRepository(db).upsertIssues(repoIds.get(repo)!, issues.slice(i, i + 500));
  }
  await refreshSearchTerms(db);
  await db.exec('ANALYZE');
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const service = createIssuesService({ db });
  for (const q of queries.slice(0, 20)) await service.search({ ...q, facets: false }); // warm caches
  for (const facets of [false, true]) {
    const latencies: number[] = [];
    const timed: { ms: number; q: IssueQuery }[] = [];
    for (const q of queries) {
      const ms = await time(() => service.search({ ...q, limit: 25, facets }));
      latencies.push(ms);
      timed.push({ ms, q });
    }
    if (args.has('verbose')) {
      for (const t of timed.sort((a, b) => b.ms - a.ms).slice(0, 8)) process.stdout.write(`  slow ${engine} facets=${facets} ${t.ms.toFixed(1)} ms ${JSON.stringify(t.q)}\n`);
    }
    latencies.sort((a, b) => a - b);
    rows.push({
      engine, n: dataset.issues.length, facets: String(facets), load_s: Number(loadSeconds.toFixed(1)),
      p50_ms: Number(percentile(latencies, 50).toFixed(1)), p90_ms: Number(percentile(latencies, 90).toFixed(1)),
      p99_ms: Number(percentile(latencies, 99).toFixed(1)), max_ms: Number(latencies.at(-1)!.toFixed(1)),
    });
  }
  await db.close();
}
process.stdout.write(`bench:search — ${queries.length} mixed queries over ${dataset.issues.length} issues (facets=false: search as \`loupe search\`; true: as GET /api/issues with facet counts)\n`);
printTable(rows);
process.stdout.write('target: p99 <= 50 ms on PGlite at 100k issues (facets=false)\n');
const find = (engine: string, facets: string) => rows.find((r) => r.engine === engine && r.facets === facets);
const lite = find('pglite', 'false')!;
const liteFacets = find('pglite', 'true')!;
const pgRow = find('postgres', 'false');
process.stdout.write(`${JSON.stringify({
  bench: 'search', engine: 'pglite', n: dataset.issues.length, queries: queries.length,
  p50_ms: lite.p50_ms, p99_ms: lite.p99_ms, with_facets_p50_ms: liteFacets.p50_ms, with_facets_p99_ms: liteFacets.p99_ms,
  ...(pgRow ? { postgres_p50_ms: pgRow.p50_ms, postgres_p99_ms: pgRow.p99_ms, postgres_with_facets_p99_ms: find('postgres', 'true')!.p99_ms } : {}),
})}\n`);
