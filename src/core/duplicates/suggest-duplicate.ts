/**
 * When a ranked candidate is worth a maintainer's look: the rule the analysis job applies before it
 * records a suggestion, and the one `bench:dupes --quality` measures (suggestion rates on reports
 * with and without a known duplicate).
 */

/**
 * Suggestions below this score are not worth a maintainer's look. The ranker's score is a logistic
 * output fitted with duplicates and non-duplicates weighted equally, so it is far from a probability
 * at a tracker's real duplicate rate. Measured by bench:dupes --quality (weights fitted on the other
 * data set; hadoop / seamonkey): at 0.9 the partner was suggested for 46% / 35% of reports with an
 * earlier duplicate, and something was suggested for 21% / 19% of reports with none; at 0.95, 42% /
 * 28% and 12% / 12%. Precision at the files' duplicate rates (3-4%) stays under 10% at any threshold:
 * a suggestion is a lead for a maintainer to confirm or reject, never an automatic verdict.
 */
export const DEFAULT_SUGGESTION_THRESHOLD = 0.95;
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
export function pickClearWinner<T extends { score: number }>(
  ranked: readonly T[],
  rule: SuggestionRule = {},
): T | null {
  const [best, runnerUp] = ranked;
  if (!best || best.score < (rule.threshold ?? DEFAULT_SUGGESTION_THRESHOLD)) return null;
  if (runnerUp && best.score - runnerUp.score < (rule.margin ?? DEFAULT_SUGGESTION_MARGIN)) return null;
  return best;
}
