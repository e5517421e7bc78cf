import { rocAuc as mannWhitneyAuc } from '../eval/index.ts';

/**
 * Area under the ROC curve for 0/1 labels (Mann–Whitney U, ties counted as half); NaN without both
 * classes. A thin adapter over the one implementation in core/eval, for code that carries labels as numbers.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const positives = labels.map((y) => y === 1);
  if (!positives.includes(true) || !positives.includes(false)) return Number.NaN;
  return mannWhitneyAuc(scores, positives);
}
