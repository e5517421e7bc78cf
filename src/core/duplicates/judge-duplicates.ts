import {
  rankDuplicateCandidates,
  type DuplicateCandidate,
  type DuplicateCandidateInput,
  type DuplicateQuery,
  type RankOptions,
} from './rank-candidates.ts';
import { pickClearWinner, type SuggestionRule } from './suggest-duplicate.ts';

/** Retrieved candidates ranked for one issue, and the one worth suggesting, if any. */
export interface DuplicateJudgement {
  /** Best first, at most `limit`. */
  ranked: DuplicateCandidate[];
  /** The clear winner (pickClearWinner over the full ranking), or null. */
  suggestion: DuplicateCandidate | null;
}

/**
 * The duplicate detector's decision for one issue: re-rank the retrieved candidates and apply the
 * clear-winner rule. The analysis job, `loupe analyze`, `loupe eval dupes` and the benches all call
 * this, so a figure measured by one is what the others do. Pure.
 */
export function judgeDuplicates(
  query: DuplicateQuery,
  candidates: DuplicateCandidateInput[],
  options: RankOptions & { rule?: SuggestionRule } = {},
): DuplicateJudgement {
  const { limit, rule, ...rank } = options;
  const all = rankDuplicateCandidates(query, candidates, rank);
  return {
    ranked: limit === undefined ? all : all.slice(0, Math.max(0, limit)),
    suggestion: pickClearWinner(all, rule),
  };
}
