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
import { DEFAULT_SUGGESTION_THRESHOLD, fitRankingWeights } from '../src/core/duplicates/index.ts';
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
  suggestionOutcome,
} from '../src/eval/eval-dupes.ts';
import type {
  DupesCorpus,
  DupesIndex,
  DupesMetrics,
  DupesQuery,
  SuggestionOutcome,
} from '../src/eval/eval-dupes.ts';
import { gitbugsDir } from './gitbugs-data.ts';

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
  const weights: RankingWeights = fitRankingWeights(at.otherExamples); // the other data set only
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
  const inRetrieved =
    p.queries.filter((q, j) => retrievalOnly[j]?.includes(q.targetId)).length / Math.max(1, p.queries.length);
  const singleCandidates: DuplicateCandidateInput[][] = [];
  for (const q of p.singles) singleCandidates.push(await index.retrieve(p, q, SUGGEST_RETRIEVE));
  const suggestions = SUGGEST_THRESHOLDS.map((threshold) =>
    suggestionRates(p, {
      threshold,
      weights,
      duplicates: p.queries.map((q, j) => [q, (at.candidates[j] ?? []).slice(0, SUGGEST_RETRIEVE)]),
      singles: p.singles.map((q, j) => [q, singleCandidates[j] ?? []]),
    }),
  );
  return {
    name: p.name,
    reports: p.reportCount,
    suggestions,
    baseline: asMetrics(dupesMetrics(baseline, p.queries)),
    retrieval: asMetrics(dupesMetrics(retrievalOnly, p.queries)),
    loupe: asMetrics(dupesMetrics(loupe, p.queries)),
    untimed: asMetrics(dupesMetrics(untimed, p.queries)),
    recallAtRetrieve: inRetrieved,
    weights,
  };
}

/** Thresholds at which the suggestion rule is measured (the analysis job's is DEFAULT_SUGGESTION_THRESHOLD). */
const SUGGEST_THRESHOLDS = [0.5, 0.7, 0.8, DEFAULT_SUGGESTION_THRESHOLD, 0.95, 0.97, 0.99];
/** Candidates the analysis job ranks before it suggests. */
const SUGGEST_RETRIEVE = 50;

interface SuggestionRates {
  threshold: number;
  /** Share of reports with an earlier duplicate that get their partner suggested / another report suggested. */
  right: number;
  wrong: number;
  /** Share of reports with no known duplicate that get a suggestion anyway. */
  singles: number;
  singleCount: number;
  /** Share of suggestions that name the partner, at this file's share of reports with an earlier duplicate. */
  precision: number;
}

/**
 * The analysis job's suggestion rule at `threshold`, on reports with a known earlier duplicate and
 * on reports without one. Precision weighs the two by the file's base rate (queries / reports).
 */
function suggestionRates(
  p: DupesCorpus,
  at: {
    threshold: number;
    weights: RankingWeights;
    duplicates: [DupesQuery, DuplicateCandidateInput[]][];
    singles: [DupesQuery, DuplicateCandidateInput[]][];
  },
): SuggestionRates {
  const outcomes = (list: [DupesQuery, DuplicateCandidateInput[]][]): SuggestionOutcome[] =>
    list.map(([q, candidates]) =>
      suggestionOutcome(p, q, { candidates, weights: at.weights, rule: { threshold: at.threshold } }),
    );
  const share = (list: SuggestionOutcome[], o: SuggestionOutcome): number =>
    list.filter((x) => x === o).length / Math.max(1, list.length);
  const dup = outcomes(at.duplicates);
  const single = outcomes(at.singles);
  const right = share(dup, 'right');
  const wrong = share(dup, 'wrong');
  const singles = share(single, 'wrong');
  const base = p.queries.length / Math.max(1, p.reportCount);
  const hit = base * right;
  const miss = base * wrong + (1 - base) * singles;
  return {
    threshold: at.threshold,
    right,
    wrong,
    singles,
    singleCount: single.length,
    precision: hit + miss > 0 ? hit / (hit + miss) : 0,
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
      console.log(JSON.stringify(fitRankingWeights(examples.flat()), null, 2));
      return;
    }
    const results: Result[] = [];
    for (const [i, p] of prepared.entries()) {
      results.push(
        await evaluate(index, p, { candidates: retrieved[i] ?? [], otherExamples: examples[1 - i] ?? [] }),
      );
    }
    report(results);
  } finally {
    await index.close();
  }
}

type Result = {
  name: string;
  reports: number;
  suggestions: SuggestionRates[];
  baseline: Metrics;
  retrieval: Metrics;
  loupe: Metrics;
  untimed: Metrics;
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
    'MAP       = mean reciprocal rank of the one earlier partner per query (0 when not returned)\n',
  );
  console.log('dataset    reports queries method     RR@1   RR@5   RR@10  MAP');
  for (const r of results) {
    for (const [label, m] of [
      ['baseline', r.baseline],
      ['loupe-sql', r.retrieval],
      ['loupe', r.loupe],
      ['loupe-nodt', r.untimed],
    ] as const) {
      console.log(
        `${r.name.padEnd(10)} ${String(r.reports).padStart(7)} ${String(m.n).padStart(7)} ${label.padEnd(10)} ${f(m.rr[1] ?? 0)}  ${f(m.rr[5] ?? 0)}  ${f(m.rr[10] ?? 0)}  ${f(m.map)}`,
      );
    }
    console.log(
      `${r.name}: partner within the ${RETRIEVE} retrieved = ${f(r.recallAtRetrieve)}; RR@10 gain over baseline = ${gain(r.loupe.rr[10], r.baseline.rr[10])}`,
    );
    console.log(`${r.name}: weights (fitted on the other set) ${JSON.stringify(r.weights)}\n`);
  }
  console.log(
    `suggestions (the analysis job's rule: best of ${SUGGEST_RETRIEVE} candidates, score >= threshold, ahead of the runner-up by the margin)`,
  );
  console.log(
    "dataset    threshold  dup:right  dup:wrong  no-dup:suggested  precision (at the file's duplicate rate)",
  );
  for (const r of results) {
    for (const x of r.suggestions) {
      console.log(
        `${r.name.padEnd(10)} ${x.threshold.toFixed(2).padStart(9)}  ${f(x.right).padStart(9)}  ${f(x.wrong).padStart(9)}  ${f(x.singles).padStart(16)}  ${f(x.precision)}  (${x.singleCount} reports with no known duplicate)`,
      );
    }
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
  const shipped = results.map((r) =>
    r.suggestions.find((x) => x.threshold === DEFAULT_SUGGESTION_THRESHOLD)!,
  );
  summary.suggest_threshold = DEFAULT_SUGGESTION_THRESHOLD;
  summary.suggest_right_share = round(
    shipped.reduce((s, x, i) => s + x.right * (results[i]?.loupe.n ?? 0), 0) / Math.max(1, n),
  );
  const singles = shipped.reduce((s, x) => s + x.singleCount, 0);
  summary.suggest_no_dup_share = round(
    shipped.reduce((s, x) => s + x.singles * x.singleCount, 0) / Math.max(1, singles),
  );
  for (const [i, r] of results.entries())
    summary[`${r.name}_suggest_precision`] = round(shipped[i]?.precision ?? 0);
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
