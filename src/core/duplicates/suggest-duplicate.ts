/**
 * When a ranked candidate is worth a maintainer's look: the rule the analysis job applies before it
 * records a suggestion, and the one `bench:dupes --quality` measures (suggestion rates on reports
 * with and without a known duplicate).
 */

/**
 * Suggestions below this score are not worth a maintainer's look. The ranker's score is a logistic
 * output; on the demo organisation's templated issues half of all top candidates score above 0.96,
 * so the bar is high.
 */
export const DEFAULT_SUGGESTION_THRESHOLD = 0.9;
/** The best candidate must lead the runner-up by this much. */
export const DEFAULT_SUGGESTION_MARGIN = 0.02;

export interface SuggestionRule {
  threshold?: number;
  margin?: number;
}

/**
 * Only a clear best match is suggested: the top candidate (of `ranked`, best first), when it scores
 * at least `threshold` and leads the runner-up by `margin`. A near-tie among many similar issues
 * (templated reports) says "this is a common kind of issue", not "this is a duplicate".
 */
export function pickClearWinner<T extends { score: number }>(ranked: readonly T[], rule: SuggestionRule = {}): T | null {
  const [best, runnerUp] = ranked;
  if (!best || best.score < (rule.threshold ?? DEFAULT_SUGGESTION_THRESHOLD)) return null;
  if (runnerUp && best.score - runnerUp.score < (rule.margin ?? DEFAULT_SUGGESTION_MARGIN)) return null;
  return best;
}
