/**
 * `loupe eval dupes`: duplicate-detection quality on a reports file and its confirmed pairs.
 *
 * Protocol: every report is indexed; for each unique pair the later-created report is the query and
 * its earlier partner must be found among reports created no later than it (the query excluded).
 * Recall-rate@k = share of queries whose partner is in the top k. Each query has one relevant item,
 * so MAP equals the mean reciprocal rank of the partner (0 when not returned). Loupe = the retrieval
 * SQL's top RETRIEVE_LIMIT re-ranked by rankDuplicateCandidates; baseline = plain full-text search
 * (dupes-index.ts). Both answer the same queries and return at most RETRIEVE_LIMIT reports.
 */
import { judgeDuplicates, prepareIssue, scorePairs, suggestionFeatures } from '../core/duplicates/index.ts';
import type {
  DuplicateCandidateInput,
  DuplicateJudgement,
  SuggestionExample,
  RankingExample,
  RankingWeights,
  SuggestionRule,
} from '../core/duplicates/index.ts';
import { meanAveragePrecision, recallRateAtK } from '../core/eval/index.ts';
import { LoupeError } from '../core/errors.ts';
import type { FileRecordError, IssueFileFormat } from '../sources/files/index.ts';
import { openDupesIndex, RETRIEVE_LIMIT } from './dupes-index.ts';
import type { DupesCorpus, DupesQuery } from './dupes-index.ts';

export { openDupesIndex, pairQueries, RETRIEVE_LIMIT } from './dupes-index.ts';
export type { DupesCorpus, DupesIndex, DupesQuery, DupesReport, LoadCorpusOptions } from './dupes-index.ts';

/** Recall-rate at 1, 5 and 10 and MAP over `queries` queries. */
export interface DupesMetrics {
  rr1: number;
  rr5: number;
  rr10: number;
  map: number;
  queries: number;
}

/** Scores rankings (file ids, best first; one list per query, in query order). */
export function dupesMetrics(
  rankings: readonly (readonly string[])[],
  queries: readonly DupesQuery[],
): DupesMetrics {
  if (queries.length === 0) return { rr1: 0, rr5: 0, rr10: 0, map: 0, queries: 0 };
  const ranks = queries.map((q, i) => {
    const position = (rankings[i] ?? []).indexOf(q.targetId);
    return position === -1 ? null : position + 1;
  });
  return {
    rr1: recallRateAtK(ranks, 1),
    rr5: recallRateAtK(ranks, 5),
    rr10: recallRateAtK(ranks, 10),
    map: meanAveragePrecision(ranks.map((rank) => [rank])),
    queries: queries.length,
  };
}

/** Loupe's ranking of retrieved candidates for one query: file ids, best first. */
export function rankQuery(
  corpus: DupesCorpus,
  query: DupesQuery,
  options: { candidates: DuplicateCandidateInput[]; weights?: RankingWeights; useDates?: boolean },
): string[] {
  const useDates = (options.useDates ?? true) && corpus.datesKnown;
  const q = query.query;
  const candidates = useDates ? options.candidates : options.candidates.map(({ createdAt: _c, ...c }) => c);
  const { ranked } = judgeDuplicates(
    { id: q.id, text: q, ...(useDates && q.createdAt ? { createdAt: q.createdAt } : {}) },
    candidates,
    {
      corpusStats: corpus.stats,
      associations: corpus.associations,
      ...(options.weights ? { weights: options.weights } : {}),
    },
  );
  return ranked.map((c) => c.id);
}

/** What the analysis job's suggestion rule would do for one query. */
export type SuggestionOutcome = 'none' | 'right' | 'wrong';

/**
 * Ranks the candidates and applies the suggestion rule (pickClearWinner): 'none' when nothing would
 * be suggested, else 'right' when the suggestion is the query's partner and 'wrong' when it is not
 * (always 'wrong' for a query with no partner).
 */
export function suggestionOutcome(
  corpus: DupesCorpus,
  query: DupesQuery,
  options: { candidates: DuplicateCandidateInput[]; weights?: RankingWeights; rule?: SuggestionRule },
): SuggestionOutcome {
  return outcomeOf(judgeQuery(corpus, query, options), query);
}

/** The analysis job's judgement (ranking and suggestion) for one query, top 10 kept. */
export function judgeQuery(
  corpus: DupesCorpus,
  query: DupesQuery,
  options: { candidates: DuplicateCandidateInput[]; weights?: RankingWeights; rule?: SuggestionRule },
): DuplicateJudgement {
  const q = query.query;
  return judgeDuplicates(
    { id: q.id, text: q, ...(corpus.datesKnown && q.createdAt ? { createdAt: q.createdAt } : {}) },
    options.candidates,
    {
      corpusStats: corpus.stats,
      associations: corpus.associations,
      limit: 10,
      ...(options.rule ? { rule: options.rule } : {}),
      ...(options.weights ? { weights: options.weights } : {}),
    },
  );
}

function outcomeOf(judgement: DuplicateJudgement, query: DupesQuery): SuggestionOutcome {
  if (!judgement.suggestion) return 'none';
  return judgement.suggestion.id === query.targetId ? 'right' : 'wrong';
}

/** A judged new issue as a suggestion-model example (null when nothing was retrieved). */
export function suggestionExample(
  judgement: DuplicateJudgement,
  query: DupesQuery,
): SuggestionExample | null {
  const features = suggestionFeatures(judgement.ranked);
  if (!features) return null;
  const hasDuplicate = query.targetId !== '';
  return {
    features,
    hasDuplicate,
    label: hasDuplicate && judgement.ranked[0]?.id === query.targetId ? 1 : 0,
  };
}

/** The suggestion rule over new issues of a tracker, re-weighted to a duplicate rate. */
export interface SuggestionMetrics {
  /** Share of new issues that have an earlier duplicate (the weighting of the two groups). */
  duplicateRate: number;
  /** Share of suggestions that name the issue's duplicate, at duplicateRate. */
  precision: number;
  /** Share of issues with a duplicate whose duplicate is suggested. */
  recall: number;
  /** Share of issues with a duplicate given another issue. */
  wrongShare: number;
  /** Share of issues without a duplicate given a suggestion anyway. */
  noDuplicateShare: number;
  withDuplicate: number;
  withoutDuplicate: number;
}

/** Precision and recall of the suggestion outcomes at `duplicateRate`. */
export function suggestionMetrics(
  outcomes: { withDuplicate: readonly SuggestionOutcome[]; withoutDuplicate: readonly SuggestionOutcome[] },
  duplicateRate: number,
): SuggestionMetrics {
  const share = (list: readonly SuggestionOutcome[], o: SuggestionOutcome): number =>
    list.filter((x) => x === o).length / Math.max(1, list.length);
  const recall = share(outcomes.withDuplicate, 'right');
  const wrongShare = share(outcomes.withDuplicate, 'wrong');
  const noDuplicateShare = share(outcomes.withoutDuplicate, 'wrong');
  const hit = duplicateRate * recall;
  const miss = duplicateRate * wrongShare + (1 - duplicateRate) * noDuplicateShare;
  return {
    duplicateRate,
    precision: hit + miss > 0 ? hit / (hit + miss) : 0,
    recall,
    wrongShare,
    noDuplicateShare,
    withDuplicate: outcomes.withDuplicate.length,
    withoutDuplicate: outcomes.withoutDuplicate.length,
  };
}

/** Pair-feature examples (partner = 1, other candidates = 0), for fitting ranking weights. */
export function rankingExamples(
  corpus: DupesCorpus,
  retrieved: readonly DuplicateCandidateInput[][],
): RankingExample[] {
  const out: RankingExample[] = [];
  corpus.queries.forEach((query, i) => {
    const q = query.query;
    const prepared = prepareIssue({
      id: q.id,
      text: q,
      ...(corpus.datesKnown && q.createdAt ? { createdAt: q.createdAt } : {}),
    });
    for (const { id, features } of scorePairs(prepared, retrieved[i] ?? [], {
      corpusStats: corpus.stats,
      associations: corpus.associations,
    })) {
      out.push({ features: features.values, label: id === query.targetId ? 1 : 0 });
    }
  });
  return out;
}

export interface EvalDupesOptions {
  reportsPath: string;
  pairsPath: string;
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
  /** Ranking weights; default the shipped ones (fitted on the gitbugs data, so in-sample there). */
  weights?: RankingWeights;
  /** Evaluate only the first n queries (quick runs). */
  maxQueries?: number;
  /** Keep the scratch store on disk instead of in memory (large report files). */
  onDisk?: boolean;
}

export interface EvalDupesResult {
  reports: number;
  queries: number;
  pairsSkipped: number;
  recordsSkipped: number;
  datesKnown: boolean;
  loupe: DupesMetrics;
  baseline: DupesMetrics;
  /** Retrieval SQL order without re-ranking. */
  retrieval: DupesMetrics;
  /** Share of queries whose partner is among the RETRIEVE_LIMIT retrieved (the re-ranker's ceiling). */
  recallAtRetrieve: number;
  /**
   * The analysis job's suggestion rule over every new issue (queries with a partner and reports with
   * none), at the file's own duplicate rate and at 5% and 10%.
   */
  suggestions: SuggestionMetrics[];
}

/** Duplicate rates at which suggestion precision is reported beside the file's own. */
export const SUGGESTION_RATES = [0.05, 0.1];
/** Candidates the analysis job ranks before it suggests (services/duplicate-finder.ts DEFAULT_RETRIEVE). */
export const SUGGEST_RETRIEVE = 50;

/** Runs the whole protocol on one reports file and one pairs file. */
export async function evalDupes(options: EvalDupesOptions): Promise<EvalDupesResult> {
  const index = await openDupesIndex({ onDisk: options.onDisk ?? false });
  try {
    const corpus = await index.loadCorpus({
      name: 'reports',
      reportsPath: options.reportsPath,
      pairsPath: options.pairsPath,
      ...(options.format ? { format: options.format } : {}),
      skipBad: options.skipBad ?? false,
      ...(options.onSkip ? { onSkip: options.onSkip } : {}),
    });
    if (options.maxQueries !== undefined) {
      corpus.queries = corpus.queries.slice(0, options.maxQueries);
      corpus.singles = corpus.singles.slice(0, options.maxQueries);
    }
    if (corpus.queries.length === 0) {
      throw new LoupeError(
        'INVALID_INPUT',
        `${options.pairsPath}: no pair has both reports in ${options.reportsPath} (${corpus.pairsSkipped} pair rows name a missing report); nothing to evaluate`,
      );
    }
    const loupe: string[][] = [];
    const baseline: string[][] = [];
    const retrieval: string[][] = [];
    const candidateLists: DuplicateCandidateInput[][] = [];
    for (const query of corpus.queries) {
      const candidates = await index.retrieve(corpus, query, RETRIEVE_LIMIT);
      candidateLists.push(candidates);
      retrieval.push(candidates.map((c) => c.id));
      loupe.push(
        rankQuery(corpus, query, { candidates, ...(options.weights ? { weights: options.weights } : {}) }),
      );
      baseline.push(await index.baseline(corpus, query));
    }
    const found = corpus.queries.filter((q, i) => retrieval[i]?.includes(q.targetId)).length;
    const withDuplicate = corpus.queries.map((query, i) =>
      suggestionOutcome(corpus, query, {
        candidates: (candidateLists[i] ?? []).slice(0, SUGGEST_RETRIEVE),
        ...(options.weights ? { weights: options.weights } : {}),
      }),
    );
    const withoutDuplicate: SuggestionOutcome[] = [];
    for (const query of corpus.singles) {
      const candidates = await index.retrieve(corpus, query, SUGGEST_RETRIEVE);
      withoutDuplicate.push(
        suggestionOutcome(corpus, query, {
          candidates,
          ...(options.weights ? { weights: options.weights } : {}),
        }),
      );
    }
    const outcomes = { withDuplicate, withoutDuplicate };
    const fileRate = withDuplicate.length / Math.max(1, withDuplicate.length + withoutDuplicate.length);
    return {
      reports: corpus.reportCount,
      queries: corpus.queries.length,
      pairsSkipped: corpus.pairsSkipped,
      recordsSkipped: corpus.recordsSkipped,
      datesKnown: corpus.datesKnown,
      loupe: dupesMetrics(loupe, corpus.queries),
      baseline: dupesMetrics(baseline, corpus.queries),
      retrieval: dupesMetrics(retrieval, corpus.queries),
      recallAtRetrieve: found / corpus.queries.length,
      suggestions: [fileRate, ...SUGGESTION_RATES].map((rate) => suggestionMetrics(outcomes, rate)),
    };
  } finally {
    await index.close();
  }
}
