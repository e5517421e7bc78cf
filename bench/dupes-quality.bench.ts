/**
 * Duplicate-detection quality on real Jira/Bugzilla duplicates (gitbugs: Hadoop, SeaMonkey).
 *
 *   npx tsx bench/dupes-quality.bench.ts [--quick] [--fit-weights]
 *
 * Protocol: every report of a data set is indexed; for each confirmed pair the later-created
 * report is the query and the other must be found among reports created no later than it
 * (the query itself excluded). Recall-rate@k = share of queries whose partner is in the top k;
 * every query report here has exactly one earlier partner, so MAP = mean reciprocal rank of it
 * (0 when not returned). Baseline: plain PostgreSQL full-text search on PGlite. Loupe: the
 * retrieval SQL of src/store/duplicate-candidates.sql.ts on the same PGlite, then
 * rankDuplicateCandidates with weights fitted on the OTHER data set only (cross-data-set).
 * --fit-weights prints weights fitted on both data sets (the shipped defaults) and exits.
 */
import { PGlite } from '@electric-sql/pglite';
import { buildCorpusStats, extractDuplicateEvidence, fitRankingWeights, prepareIssue, rankDuplicateCandidates, scorePairs } from '../src/core/duplicates/index.ts';
import type { CorpusStats, DuplicateCandidateInput, DuplicateFingerprint, RankingExample, RankingWeights } from '../src/core/duplicates/index.ts';
import { buildDuplicateCandidatesParams, DUPLICATE_CANDIDATES_SQL } from '../src/store/duplicate-candidates.sql.ts';
import { loadGitbugs } from './gitbugs-data.ts';
import type { GitbugsDataset, GitbugsName, GitbugsReport } from './gitbugs-data.ts';

const RETRIEVE = 100; // candidates handed to the re-ranker
const KS = [1, 5, 10] as const;
const quick = process.argv.includes('--quick');

interface Query { query: GitbugsReport; target: string }
interface Prepared { name: GitbugsName; repoId: number; data: GitbugsDataset; byId: Map<string, GitbugsReport>; stats: CorpusStats; fingerprints: Map<string, DuplicateFingerprint>; queries: Query[] }
interface Metrics { rr: Record<number, number>; map: number; n: number }

const SCHEMA = `
CREATE TABLE issues (
  id bigint PRIMARY KEY, repo_id bigint NOT NULL, number int NOT NULL, title text NOT NULL, body text NOT NULL,
  created_at timestamptz NOT NULL,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(body, 20000)), 'B')) STORED,
  plain_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED
);
CREATE INDEX issues_search_gin ON issues USING gin (search_vector);
CREATE INDEX issues_plain_gin ON issues USING gin (plain_vector);`;

// Baseline: the query's summary as an OR query over summary+description, ranked by ts_rank.
const BASELINE_SQL = `
SELECT id::text AS id FROM issues
WHERE repo_id = $1 AND id <> $2 AND created_at <= $3 AND plain_vector @@ websearch_to_tsquery('english', $4)
ORDER BY ts_rank(plain_vector, websearch_to_tsquery('english', $4)) DESC, id DESC`;

function prepare(data: GitbugsDataset, repoId: number): Prepared {
  const byId = new Map(data.reports.map((r) => [r.id, r]));
  const fingerprints = new Map(data.reports.map((r) => [r.id, extractDuplicateEvidence(r)]));
  // idf comes from the indexed reports themselves (no labels), as the store would have it.
  const stats = buildCorpusStats(data.reports);
  const queries = data.pairs.map(([a, b]) => {
    const ra = byId.get(a) as GitbugsReport;
    const rb = byId.get(b) as GitbugsReport;
    const aLater = ra.createdAt > rb.createdAt || (ra.createdAt === rb.createdAt && /duplicate/i.test(ra.resolution));
    return aLater ? { query: ra, target: b } : { query: rb, target: a };
  });
  return { name: data.name, repoId, data, byId, stats, fingerprints, queries: quick ? queries.slice(0, 30) : queries };
}

async function load(db: PGlite, p: Prepared): Promise<void> {
  for (const r of p.data.reports) {
    await db.query('INSERT INTO issues (id, repo_id, number, title, body, created_at) VALUES ($1,$2,$3,$4,$5,$6)', [r.id, p.repoId, Number(r.id), r.title, r.body, r.createdAt]);
  }
}

async function baselineRanking(db: PGlite, p: Prepared, q: Query): Promise<string[]> {
  const words = q.query.title.match(/[A-Za-z0-9]+/g) ?? [];
  if (words.length === 0) return [];
  const res = await db.query<{ id: string }>(BASELINE_SQL, [p.repoId, q.query.id, q.query.createdAt, words.join(' or ')]);
  return res.rows.map((r) => r.id);
}

async function retrieve(db: PGlite, p: Prepared, q: Query): Promise<DuplicateCandidateInput[]> {
  const createdBefore = new Date(Date.parse(q.query.createdAt) + 1).toISOString(); // "<=" as in the baseline
  const params = buildDuplicateCandidatesParams({ text: q.query, issueId: q.query.id, repoIds: [p.repoId], createdBefore, corpusStats: p.stats, limit: RETRIEVE });
  if (!params) return [];
  const res = await db.query<{ id: string; rank: number }>(DUPLICATE_CANDIDATES_SQL, params);
  return res.rows.map((row) => {
    const r = p.byId.get(String(row.id)) as GitbugsReport;
    return { id: r.id, text: r, fingerprint: p.fingerprints.get(r.id) as DuplicateFingerprint, retrievalScore: Number(row.rank), createdAt: r.createdAt };
  });
}

function examplesOf(p: Prepared, retrieved: DuplicateCandidateInput[][]): RankingExample[] {
  const out: RankingExample[] = [];
  p.queries.forEach((q, i) => {
    const prepared = prepareIssue({ id: q.query.id, text: q.query, fingerprint: p.fingerprints.get(q.query.id) as DuplicateFingerprint, createdAt: q.query.createdAt });
    for (const { id, features } of scorePairs(prepared, retrieved[i] ?? [], p.stats)) out.push({ features: features.values, label: id === q.target ? 1 : 0 });
  });
  return out;
}

function measure(rankings: string[][], queries: Query[]): Metrics {
  const rr: Record<number, number> = {};
  let reciprocal = 0;
  queries.forEach((q, i) => {
    const pos = (rankings[i] ?? []).indexOf(q.target);
    if (pos >= 0) reciprocal += 1 / (pos + 1);
    for (const k of KS) rr[k] = (rr[k] ?? 0) + (pos >= 0 && pos < k ? 1 : 0);
  });
  const n = Math.max(1, queries.length);
  for (const k of KS) rr[k] = (rr[k] ?? 0) / n;
  return { rr, map: reciprocal / n, n: queries.length };
}

async function main(): Promise<void> {
  const sets = (['hadoop', 'seamonkey'] as const).map((n) => loadGitbugs(n));
  if (sets.some((s) => s === null)) {
    console.log('dupes-quality: ../shared/data/gitbugs is absent; skipping.');
    console.log(JSON.stringify({ bench: 'dupes-quality', skipped: true }));
    return;
  }
  const prepared = sets.map((s, i) => prepare(s as GitbugsDataset, i + 1));
  const db = new PGlite();
  await db.exec(SCHEMA);
  for (const p of prepared) await load(db, p);
  const retrieved: DuplicateCandidateInput[][][] = [];
  for (const p of prepared) retrieved.push(await Promise.all(p.queries.map((q) => retrieve(db, p, q))));
  const examples = prepared.map((p, i) => examplesOf(p, retrieved[i] ?? []));
  if (process.argv.includes('--fit-weights')) {
    console.log(JSON.stringify(fitRankingWeights(examples.flat()), null, 2));
    await db.close();
    return;
  }
  const results = [];
  for (const [i, p] of prepared.entries()) {
    const weights: RankingWeights = fitRankingWeights(examples[1 - i] ?? []); // the other data set only
    const baseline = await Promise.all(p.queries.map((q) => baselineRanking(db, p, q)));
    const candidates = retrieved[i] ?? [];
    const retrievalOnly = candidates.map((list) => list.map((c) => c.id));
    const loupe = p.queries.map((q, j) => rankDuplicateCandidates({ id: q.query.id, text: q.query, fingerprint: p.fingerprints.get(q.query.id), createdAt: q.query.createdAt }, candidates[j] ?? [], { corpusStats: p.stats, weights }).map((c) => c.id));
    // Ablation: no creation dates (time-proximity feature 0 in fitting and ranking).
    const untimedWeights = fitRankingWeights((examples[1 - i] ?? []).map((e) => ({ ...e, features: { ...e.features, timeProximity: 0 } })));
    const untimed = p.queries.map((q, j) => rankDuplicateCandidates({ id: q.query.id, text: q.query, fingerprint: p.fingerprints.get(q.query.id) }, (candidates[j] ?? []).map(({ createdAt: _c, ...c }) => c), { corpusStats: p.stats, weights: untimedWeights }).map((c) => c.id));
    const inRetrieved = p.queries.filter((q, j) => retrievalOnly[j]?.includes(q.target)).length / Math.max(1, p.queries.length);
    results.push({ name: p.name, reports: p.data.reports.length, baseline: measure(baseline, p.queries), retrieval: measure(retrievalOnly, p.queries), loupe: measure(loupe, p.queries), untimed: measure(untimed, p.queries), recallAtRetrieve: inRetrieved, weights });
  }
  await db.close();
  report(results);
}

type Result = { name: string; reports: number; baseline: Metrics; retrieval: Metrics; loupe: Metrics; untimed: Metrics; recallAtRetrieve: number; weights: RankingWeights };

function report(results: Result[]): void {
  const f = (x: number): string => x.toFixed(3);
  console.log(`dupes-quality${quick ? ' (--quick: first 30 queries per data set)' : ''}`);
  console.log('baseline  = PGlite full-text: to_tsvector(english, summary||description) @@ websearch_to_tsquery(english, summary words joined by " or "), ORDER BY ts_rank');
  console.log(`loupe-sql = DUPLICATE_CANDIDATES_SQL defaults (OR tsquery of <=24 idf-chosen words under a 400-row match budget, 400 rows scored by ts_rank_cd), top ${RETRIEVE}`);
  console.log('loupe     = loupe-sql candidates re-ranked by rankDuplicateCandidates, weights fitted on the other data set');
  console.log('loupe-nodt= loupe without creation dates (time-proximity feature off in fitting and ranking)');
  console.log('MAP       = mean reciprocal rank of the one earlier partner per query (0 when not returned)\n');
  console.log('dataset    reports queries method     RR@1   RR@5   RR@10  MAP');
  for (const r of results) {
    for (const [label, m] of [['baseline', r.baseline], ['loupe-sql', r.retrieval], ['loupe', r.loupe], ['loupe-nodt', r.untimed]] as const) {
      console.log(`${r.name.padEnd(10)} ${String(r.reports).padStart(7)} ${String(m.n).padStart(7)} ${label.padEnd(10)} ${f(m.rr[1] ?? 0)}  ${f(m.rr[5] ?? 0)}  ${f(m.rr[10] ?? 0)}  ${f(m.map)}`);
    }
    console.log(`${r.name}: partner within the ${RETRIEVE} retrieved = ${f(r.recallAtRetrieve)}; RR@10 gain over baseline = ${gain(r.loupe.rr[10], r.baseline.rr[10])}`);
    console.log(`${r.name}: weights (fitted on the other set) ${JSON.stringify(r.weights)}\n`);
  }
  const n = results.reduce((s, r) => s + r.loupe.n, 0);
  const pooled = (pick: (r: Result) => number): number => round(results.reduce((s, r) => s + pick(r) * r.loupe.n, 0) / Math.max(1, n));
  const summary: Record<string, unknown> = { bench: 'dupes-quality', dataset: 'hadoop+seamonkey', queries: n, quick };
  summary.rr1 = pooled((r) => r.loupe.rr[1] ?? 0);
  summary.rr5 = pooled((r) => r.loupe.rr[5] ?? 0);
  summary.rr10 = pooled((r) => r.loupe.rr[10] ?? 0);
  summary.map = pooled((r) => r.loupe.map);
  summary.baseline_rr1 = pooled((r) => r.baseline.rr[1] ?? 0);
  summary.baseline_rr5 = pooled((r) => r.baseline.rr[5] ?? 0);
  summary.baseline_rr10 = pooled((r) => r.baseline.rr[10] ?? 0);
  summary.baseline_map = pooled((r) => r.baseline.map);
  summary.nodates_rr10 = pooled((r) => r.untimed.rr[10] ?? 0);
  summary.rr10_gain_rel = round((summary.rr10 as number) / Math.max(1e-9, summary.baseline_rr10 as number) - 1);
  for (const r of results) {
    summary[`${r.name}_rr10`] = round(r.loupe.rr[10] ?? 0);
    summary[`${r.name}_baseline_rr10`] = round(r.baseline.rr[10] ?? 0);
    summary[`${r.name}_map`] = round(r.loupe.map);
    summary[`${r.name}_baseline_map`] = round(r.baseline.map);
  }
  console.log('pooled over both data sets (query-weighted):');
  console.log(JSON.stringify(summary));
}

function gain(x: number | undefined, base: number | undefined): string {
  if (!base) return 'n/a (baseline 0)';
  return `${(((x ?? 0) / base - 1) * 100).toFixed(1)}%`;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

await main();
