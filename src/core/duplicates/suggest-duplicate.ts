/**
 * When a ranked candidate is worth a maintainer's look: the rule the analysis job applies before it
 * records a suggestion, and the one `loupe eval dupes` and `bench:dupes --quality` measure (precision
 * and recall over new issues with and without a known duplicate, at a realistic duplicate rate).
 */
import { DEFAULT_SUGGESTION_MODEL, suggestionProbability } from './suggestion-model.ts';
import type { RankedForSuggestion, SuggestionModel } from './suggestion-model.ts';

/**
 * Suggestions below this score are not worth a maintainer's look (the analysis job raises it to the
 * lowest score maintainers rejected). Measured by bench:dupes --quality over every new issue of a
 * tracker (ranking weights fitted on the other tracker; hadoop / SeaMonkey): the partner is suggested
 * for 42% / 26% of issues with an earlier duplicate, and something for 14% / 11% of issues with none,
 * so precision is 13% / 11% at a 5% duplicate rate: a suggestion is a lead, never a verdict.
 */
export const DEFAULT_SUGGESTION_THRESHOLD = 0.95;
/** The best candidate must lead the runner-up by this much. */
export const DEFAULT_SUGGESTION_MARGIN = 0.02;
/**
 * Least calibrated probability (suggestion-model.ts) that the best candidate is the duplicate; 0 =
 * not used. Off by default: fitted on one gitbugs tracker and measured on the other, the model never
 * reached 50% precision at a 5% rate and cut the share of duplicates whose partner is suggested to
 * 0-11% (bench:dupes --quality prints it at 0.3, 0.5 and 0.7 beside the rule above).
 */
export const DEFAULT_SUGGESTION_PROBABILITY = 0;

export interface SuggestionRule {
  threshold?: number;
  margin?: number;
  /** Least calibrated probability that the best candidate is the duplicate. */
  minProbability?: number;
  model?: SuggestionModel;
}

/**
 * Only a clear best match is suggested: the top candidate (of `ranked`, the full ranking, best first),
 * when its score reaches `threshold`, it leads the runner-up by `margin` and, when `minProbability` is
 * set, the calibrated probability that it is the duplicate reaches it. A near-tie among many similar issues
 * (templated reports) says "this is a common kind of issue", not "this is a duplicate".
 */
export function pickClearWinner<T extends RankedForSuggestion>(
  ranked: readonly T[],
  rule: SuggestionRule = {},
): T | null {
  const [best, runnerUp] = ranked;
  if (!best || best.score < (rule.threshold ?? DEFAULT_SUGGESTION_THRESHOLD)) return null;
  if (runnerUp && best.score - runnerUp.score < (rule.margin ?? DEFAULT_SUGGESTION_MARGIN)) return null;
  const probability = suggestionProbability(ranked.slice(0, 10), rule.model ?? DEFAULT_SUGGESTION_MODEL);
  return probability >= (rule.minProbability ?? DEFAULT_SUGGESTION_PROBABILITY) ? best : null;
}
