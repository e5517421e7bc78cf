/**
 * Duplicate-detection quality on real Jira/Bugzilla duplicates (gitbugs: Hadoop, SeaMonkey).
 *
 *   npx tsx bench/dupes-quality.bench.ts [--quick] [--fit-weights]
 *
 * Runs the protocol of `loupe eval dupes` (src/eval/eval-dupes.ts, the same code): every report of
 * a data set is indexed into a scratch Loupe store (the real schema, PGlite in memory); for each
 * confirmed pair the later-created report is the query and the other must be found among reports
 * created no later than it (the query itself excluded). Recall-rate@k = share of queries whose
 * partner is in the top k; every query here has exactly one earlier partner, so MAP = mean
 * reciprocal rank of it (0 when not returned). Baseline: plain PostgreSQL full-text search over the
 * same search_vector. Loupe: the retrieval SQL of src/store/duplicate-candidates.sql.ts, then
 * rankDuplicateCandidates with weights fitted on the OTHER data set only (cross-data-set), where
 * `loupe eval dupes` uses the shipped weights. --fit-weights prints weights fitted on both data
 * sets (the shipped defaults) and exits.
 */
import path from 'node:path';
import { DEFAULT_RANKING_WEIGHTS, fitRankingWeights } from '../src/core/duplicates/index.ts';
import type {
  DuplicateCandidateInput,
  RankingExample,
  RankingWeights,
} from '../src/core/duplicates/index.ts';
import {
  dupesMetrics,
  openDupesIndex,
  rankingExamples,
  rankQuery,
  RETRIEVE_LIMIT,
  SUGGEST_RETRIEVE,
} from '../src/eval/eval-dupes.ts';
import type { DupesCorpus, DupesIndex, DupesMetrics, DupesQuery } from '../src/eval/eval-dupes.ts';
import {
  CALIBRATION_RATE,
  compareRules,
  fitModel,
  judgeTracker,
  printRuleReports,
  retrieveSingles,
  type JudgedTracker,
} from './dupes-suggestion.ts';
import { tokenise } from '../src/core/duplicates/text-normalise.ts';
import { gitbugsDir } from './gitbugs-data.ts';
import { exitWithUsageOnHelp } from './bench-support.ts';

exitWithUsageOnHelp();

const RETRIEVE = RETRIEVE_LIMIT; // candidates handed to the re-ranker
const quick = process.argv.includes('--quick');
const FILES = [
  { name: 'hadoop', reports: 'hadoop_bugs.csv', pairs: 'hadoop_bugs-combined.csv' },
  { name: 'seamonkey', reports: 'SeaMonkey_bugs.csv', pairs: 'SeaMonkey_bugs-combined.csv' },
] as const;

interface Metrics {
  rr: Record<number, number>;
  map: number;
  n: number;
}

/** The eval library's metrics in the shape this report prints. */
function asMetrics(m: DupesMetrics): Metrics {
  return { rr: { 1: m.rr1, 5: m.rr5, 10: m.rr10 }, map: m.map, n: m.queries };
}

async function loadAll(index: DupesIndex, dir: string): Promise<DupesCorpus[]> {
  const corpora: DupesCorpus[] = [];
  for (const f of FILES) {
    const corpus = await index.loadCorpus({
      name: f.name,
      reportsPath: path.join(dir, f.reports),
      pairsPath: path.join(dir, f.pairs),
    });
    if (quick) corpus.queries = corpus.queries.slice(0, 30);
    corpora.push(corpus);
  }
  return corpora;
}

async function evaluate(
  index: DupesIndex,
  p: DupesCorpus,
  at: { candidates: DuplicateCandidateInput[][]; otherExamples: RankingExample[] },
): Promise<Result> {
  const weights = fitShippedFeatures(at.otherExamples); // the other data set only
  const baseline: string[][] = [];
  for (const q of p.queries) baseline.push(await index.baseline(p, q));
  const retrievalOnly = at.candidates.map((list) => list.map((c) => c.id));
  const loupe = p.queries.map((q, j) => rankQuery(p, q, { candidates: at.candidates[j] ?? [], weights }));
  // Ablation: no creation dates (time-proximity feature 0 in fitting and ranking).
  const untimedWeights = fitRankingWeights(
    at.otherExamples.map((e) => ({ ...e, features: { ...e.features, timeProximity: 0 } })),
  );
  const untimed = p.queries.map((q, j) =>
    rankQuery(p, q, { candidates: at.candidates[j] ?? [], weights: untimedWeights, useDates: false }),
  );
  // Trial: with learned term associations (the bridged-title feature, weight 0 in the shipped model).
  const bridgedWeights = fitRankingWeights(at.otherExamples);
  const bridged = p.queries.map((q, j) =>
    rankQuery(p, q, { candidates: at.candidates[j] ?? [], weights: bridgedWeights }),
  );
  // The re-worded half: pairs whose titles share fewer words than the tracker's median pair.
  const low = lowOverlapQueries(p.queries);
  const subset = (rankings: string[][]): Metrics =>
    asMetrics(
      dupesMetrics(
        rankings.filter((_, j) => low.has(j)),
        p.queries.filter((_, j) => low.has(j)),
      ),
    );
  const inRetrieved =
    p.queries.filter((q, j) => retrievalOnly[j]?.includes(q.targetId)).length / Math.max(1, p.queries.length);
  return {
    name: p.name,
    reports: p.reportCount,
    baseline: asMetrics(dupesMetrics(baseline, p.queries)),
    retrieval: asMetrics(dupesMetrics(retrievalOnly, p.queries)),
    loupe: asMetrics(dupesMetrics(loupe, p.queries)),
    untimed: asMetrics(dupesMetrics(untimed, p.queries)),
    bridged: asMetrics(dupesMetrics(bridged, p.queries)),
    lowOverlap: {
      baseline: subset(baseline),
      retrieval: subset(retrievalOnly),
      loupe: subset(loupe),
      bridged: subset(bridged),
    },
    recallAtRetrieve: inRetrieved,
    weights,
  };
}

async function main(): Promise<void> {
  const dir = gitbugsDir();
  if (!dir) {
    console.log('dupes-quality: ../shared/data/gitbugs is absent; skipping.');
    console.log(JSON.stringify({ bench: 'dupes-quality', skipped: true }));
    return;
  }
  const index = await openDupesIndex();
  try {
    const prepared = await loadAll(index, dir);
    const retrieved: DuplicateCandidateInput[][][] = [];
    for (const p of prepared) {
      const lists: DuplicateCandidateInput[][] = [];
      for (const q of p.queries) lists.push(await index.retrieve(p, q, RETRIEVE));
      retrieved.push(lists);
    }
    const examples = prepared.map((p, i) => rankingExamples(p, retrieved[i] ?? []));
    if (process.argv.includes('--fit-weights')) {
      console.log(JSON.stringify(fitShippedFeatures(examples.flat()), null, 2));
      return;
    }
    const singles: DuplicateCandidateInput[][][] = [];
    for (const p of prepared) singles.push(await retrieveSingles(index, p));
    const judge = (i: number, weights: RankingWeights): JudgedTracker =>
      judgeTracker(prepared[i] as DupesCorpus, {
        weights,
        pairCandidates: retrieved[i] ?? [],
        singleCandidates: singles[i] ?? [],
      });
    if (process.argv.includes('--fit-suggestion')) {
      // The shipped model: both trackers, ranked with the shipped ranking weights.
      const model = fitModel(prepared.map((_, i) => judge(i, DEFAULT_RANKING_WEIGHTS)));
      console.log(JSON.stringify(model, null, 2));
      return;
    }
    const results: Result[] = [];
    for (const [i, p] of prepared.entries()) {
      results.push(
        await evaluate(index, p, { candidates: retrieved[i] ?? [], otherExamples: examples[1 - i] ?? [] }),
      );
    }
    report(results);
    // Suggestion model fitted on one tracker (ranked with its own fitted weights, no label of the
    // other involved), measured on the other (ranked with the weights fitted on the first).
    const own = examples.map((e) => fitShippedFeatures(e));
    console.log(
      `\nsuggestions: the analysis job's rule over every new issue (best of ${SUGGEST_RETRIEVE} candidates); calibrated model fitted on the other tracker at a ${CALIBRATION_RATE * 100}% duplicate rate; precision re-weighted to each rate`,
    );
    const summary: Record<string, unknown> = { bench: 'dupes-quality-suggestions', quick };
    for (const [i, p] of prepared.entries()) {
      const other = 1 - i;
      const model = fitModel([judge(other, own[other] as RankingWeights)]);
      const reports = compareRules(judge(i, own[other] as RankingWeights), model);
      printRuleReports(`${p.name} (model fitted on ${prepared[other]?.name})`, reports);
      console.log(`  model: ${JSON.stringify(model)}`);
      for (const [label, r] of [
        ['shipped', reports[0]],
        ['calibrated50', reports[2]],
      ] as const) {
        for (const m of r?.metrics ?? []) {
          const key = `${p.name}_${label}_${Math.round(m.duplicateRate * 1000) / 10}pct`;
          summary[`${key}_precision`] = round(m.precision);
          summary[`${key}_recall`] = round(m.recall);
        }
      }
    }
    console.log(JSON.stringify(summary));
  } finally {
    await index.close();
  }
}

type Result = {
  name: string;
  reports: number;
  baseline: Metrics;
  retrieval: Metrics;
  loupe: Metrics;
  untimed: Metrics;
  bridged: Metrics;
  lowOverlap: { baseline: Metrics; retrieval: Metrics; loupe: Metrics; bridged: Metrics };
  recallAtRetrieve: number;
  weights: RankingWeights;
};

function report(results: Result[]): void {
  const f = (x: number): string => x.toFixed(3);
  console.log(`dupes-quality${quick ? ' (--quick: first 30 queries per data set)' : ''}`);
  console.log(
    `baseline  = PGlite full-text over Loupe's search_vector (summary weight A, description B): websearch_to_tsquery(english, summary words joined by " or "), ORDER BY ts_rank, top ${RETRIEVE}`,
  );
  console.log(
    `loupe-sql = DUPLICATE_CANDIDATES_SQL defaults (OR tsquery of <=24 idf-chosen words under a 400-row match budget, 400 rows scored by ts_rank_cd), top ${RETRIEVE}`,
  );
  console.log(
    'loupe     = loupe-sql candidates re-ranked by rankDuplicateCandidates, weights fitted on the other data set',
  );
  console.log('loupe-nodt= loupe without creation dates (time-proximity feature off in fitting and ranking)');
  console.log(
    'loupe+as  = loupe with learned term associations (bridged-title feature fitted; shipped weight 0)',
  );
  console.log(
    "low:*     = the same methods on the pairs whose title-word Jaccard is below the tracker's median (the re-worded half)",
  );
  console.log(
    'MAP       = mean reciprocal rank of the one earlier partner per query (0 when not returned)\n',
  );
  console.log('dataset    reports queries method     RR@1   RR@5   RR@10  MAP');
  for (const r of results) {
    for (const [label, m] of [
      ['baseline', r.baseline],
      ['loupe-sql', r.retrieval],
      ['loupe', r.loupe],
      ['loupe-nodt', r.untimed],
      ['loupe+as', r.bridged],
      ['low:base', r.lowOverlap.baseline],
      ['low:sql', r.lowOverlap.retrieval],
      ['low:loupe', r.lowOverlap.loupe],
      ['low:+as', r.lowOverlap.bridged],
    ] as const) {
      console.log(
        `${r.name.padEnd(10)} ${String(r.reports).padStart(7)} ${String(m.n).padStart(7)} ${label.padEnd(10)} ${f(m.rr[1] ?? 0)}  ${f(m.rr[5] ?? 0)}  ${f(m.rr[10] ?? 0)}  ${f(m.map)}`,
      );
    }
    console.log(
      `${r.name}: low title overlap (below the median pair's title-word Jaccard): RR@10 gain over baseline = ${gain(r.lowOverlap.loupe.rr[10], r.lowOverlap.baseline.rr[10])} (with associations ${gain(r.lowOverlap.bridged.rr[10], r.lowOverlap.baseline.rr[10])})`,
    );
    console.log(
      `${r.name}: partner within the ${RETRIEVE} retrieved = ${f(r.recallAtRetrieve)}; RR@10 gain over baseline = ${gain(r.loupe.rr[10], r.baseline.rr[10])}`,
    );
    console.log(`${r.name}: weights (fitted on the other set) ${JSON.stringify(r.weights)}\n`);
  }
  console.log('');
  const n = results.reduce((s, r) => s + r.loupe.n, 0);
  const pooled = (pick: (r: Result) => number): number =>
    round(results.reduce((s, r) => s + pick(r) * r.loupe.n, 0) / Math.max(1, n));
  const summary: Record<string, unknown> = {
    bench: 'dupes-quality',
    dataset: 'hadoop+seamonkey',
    queries: n,
    quick,
  };
  summary.rr1 = pooled((r) => r.loupe.rr[1] ?? 0);
  summary.rr5 = pooled((r) => r.loupe.rr[5] ?? 0);
  summary.rr10 = pooled((r) => r.loupe.rr[10] ?? 0);
  summary.map = pooled((r) => r.loupe.map);
  summary.baseline_rr1 = pooled((r) => r.baseline.rr[1] ?? 0);
  summary.baseline_rr5 = pooled((r) => r.baseline.rr[5] ?? 0);
  summary.baseline_rr10 = pooled((r) => r.baseline.rr[10] ?? 0);
  summary.baseline_map = pooled((r) => r.baseline.map);
  summary.nodates_rr10 = pooled((r) => r.untimed.rr[10] ?? 0);
  summary.rr10_gain_rel = round(
    (summary.rr10 as number) / Math.max(1e-9, summary.baseline_rr10 as number) - 1,
  );
  for (const r of results) {
    summary[`${r.name}_rr10`] = round(r.loupe.rr[10] ?? 0);
    summary[`${r.name}_baseline_rr10`] = round(r.baseline.rr[10] ?? 0);
    summary[`${r.name}_map`] = round(r.loupe.map);
    summary[`${r.name}_baseline_map`] = round(r.baseline.map);
  }
  console.log('pooled over both data sets (query-weighted):');
  console.log(JSON.stringify(summary));
}

/** Ranking weights over the shipped features: the bridged-title feature is off (weight 0 in ranking-weights.json). */
function fitShippedFeatures(examples: readonly RankingExample[]): RankingWeights {
  const fit = fitRankingWeights(
    examples.map((e) => ({ ...e, features: { ...e.features, bridgedTitle: 0 } })),
  );
  return { ...fit, weights: { ...fit.weights, bridgedTitle: 0 } };
}

/** Indexes of the queries whose title shares less (word Jaccard) with its partner's than the median pair's. */
function lowOverlapQueries(queries: readonly DupesQuery[]): Set<number> {
  const jaccard = queries.map((q) => titleJaccard(q.query.title, q.partnerTitle ?? ''));
  const sorted = [...jaccard].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return new Set(jaccard.flatMap((x, j) => (x < median ? [j] : [])));
}

function titleJaccard(a: string, b: string): number {
  const sa = new Set(tokenise(a));
  const sb = new Set(tokenise(b));
  const shared = [...sa].filter((t) => sb.has(t)).length;
  return shared / Math.max(1, sa.size + sb.size - shared);
}

function gain(x: number | undefined, base: number | undefined): string {
  if (!base) return 'n/a (baseline 0)';
  return `${(((x ?? 0) / base - 1) * 100).toFixed(1)}%`;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

await main();
