/**
 * Scores for rankings and scorers: ROC AUC for a binary scorer (good-first-issue), and recall-rate@k,
 * mean reciprocal rank and mean average precision for retrieval (duplicate detection). A rank is
 * the 1-based position of a true item in the candidate list a query returned; null means the true
 * item was not returned at all, which always counts as a miss.
 */
import { MetricInputError } from './metric-input.error.ts';

/**
 * Area under the ROC curve = the probability that a random positive scores above a random negative,
 * ties counting one half. Computed as the Mann–Whitney U statistic with average ranks for ties:
 * AUC = (R+ − n+(n+ + 1)/2) / (n+ · n−), R+ = sum of the positives' ranks. All scores tied → 0.5.
 * Needs at least one positive and one negative.
 */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number {
  if (scores.length === 0)
    throw new MetricInputError('rocAuc: no scores; pass at least one positive and one negative');
  if (scores.length !== positives.length) {
    throw new MetricInputError(
      `rocAuc: ${scores.length} scores but ${positives.length} labels; they must pair up one to one`,
    );
  }
  const bad = scores.findIndex((s) => !Number.isFinite(s));
  if (bad !== -1) throw new MetricInputError(`rocAuc: score ${bad} is ${scores[bad]}, not a finite number`);
  const nPos = positives.filter(Boolean).length;
  const nNeg = positives.length - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new MetricInputError(`rocAuc: needs both classes, got ${nPos} positives and ${nNeg} negatives`);
  }
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number])
      end++;
    const averageRank = (start + end) / 2 + 1; // ranks start..end (0-based) share their mean, 1-based
    for (let j = start; j <= end; j++) if (positives[order[j] as number]) positiveRankSum += averageRank;
    start = end + 1;
  }
  return (positiveRankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Recall-rate@k as in duplicate-bug-report studies: the share of queries whose true partner is
 * ranked within the top k, i.e. count(rank ≠ null and rank ≤ k) / ranks.length.
 */
export function recallRateAtK(ranks: readonly (number | null)[], k: number): number {
  if (!Number.isInteger(k) || k < 1)
    throw new MetricInputError(`recallRateAtK: k must be a positive integer, got ${k}`);
  checkRanks('recallRateAtK', ranks);
  return ranks.filter((rank) => rank !== null && rank <= k).length / ranks.length;
}

/** Mean over queries of 1/rank of the true partner; a null rank contributes 0. */
export function meanReciprocalRank(ranks: readonly (number | null)[]): number {
  checkRanks('meanReciprocalRank', ranks);
  return ranks.reduce<number>((sum, rank) => sum + (rank === null ? 0 : 1 / rank), 0) / ranks.length;
}

/**
 * Mean over queries of average precision. Each inner list holds, for one query, the ranks of ALL its
 * relevant items (null for one not retrieved). With the retrieved ranks sorted r1 < r2 < … < rm and
 * R = the list's length, AP = (1/R) · Σ i / r_i: precision at each relevant item's position, with
 * unretrieved items contributing 0. A query with one relevant item has AP = 1/rank (its MRR term).
 */
export function meanAveragePrecision(rankLists: readonly (readonly (number | null)[])[]): number {
  if (rankLists.length === 0) throw new MetricInputError('meanAveragePrecision: no queries to score');
  let sum = 0;
  rankLists.forEach((ranks, query) => {
    if (ranks.length === 0) {
      throw new MetricInputError(
        `meanAveragePrecision: query ${query} has no relevant items, so its average precision is undefined`,
      );
    }
    checkRanks(`meanAveragePrecision (query ${query})`, ranks);
    const retrieved = ranks.filter((rank): rank is number => rank !== null).sort((a, b) => a - b);
    if (new Set(retrieved).size !== retrieved.length) {
      throw new MetricInputError(
        `meanAveragePrecision: query ${query} gives two relevant items the same rank`,
      );
    }
    sum += retrieved.reduce((ap, rank, i) => ap + (i + 1) / rank, 0) / ranks.length;
  });
  return sum / rankLists.length;
}

function checkRanks(what: string, ranks: readonly (number | null)[]): void {
  if (ranks.length === 0) throw new MetricInputError(`${what}: no queries to score`);
  const bad = ranks.findIndex((rank) => rank !== null && !(Number.isInteger(rank) && rank >= 1));
  if (bad !== -1)
    throw new MetricInputError(`${what}: rank ${bad} is ${ranks[bad]}; ranks are 1-based integers or null`);
}
