import type { DifficultyInput, DifficultyReason, RepoHistory } from './difficulty.types.ts';
import { isMaintainerAssociation } from './author-association.ts';
import {
  DISAGREEMENT_PHRASES,
  GUIDANCE_PHRASES,
  countCodePointers,
  countPhrases,
  proseOf,
} from './text-signals.ts';

/**
 * Signals whose weight cannot be learned from the training data, set by hand in log-odds:
 * comment texts (the training data has none), discussion length (its count in training data
 * accrues after labelling, so a learned weight would read the outcome), and repository-level
 * health (constant within one training repository). Each is zero when its input is absent.
 */
export const PRIOR_WEIGHTS = {
  /** Per maintainer comment that says where/how to change the code (at most 2 count). */
  maintainerGuidanceComment: 0.6,
  /** Per comment that disagrees about what to do (at most 3 count). */
  disagreementComment: -0.4,
  /** Per doubling of comments beyond LONG_DISCUSSION. */
  longDiscussionPerDoubling: -0.35,
  /** Per doubling of the repository's median days to close beyond a month (capped ±0.4). */
  slowClosingPerDoubling: -0.15,
  /** Per 10 points of outsiders' share of merged pull requests above 30% (capped ±0.3). */
  outsiderMergesPer10Points: 0.1,
  /** Per 10 points of open issues waiting over a year above 30% (capped at −0.3). */
  staleBacklogPer10Points: -0.1,
} as const;

const LONG_DISCUSSION = 10;
/** Repository summaries over fewer issues than this are too thin to judge health by. */
const MIN_HISTORY_ISSUES = 20;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function commentPriors(input: DifficultyInput): DifficultyReason[] {
  const reasons: DifficultyReason[] = [];
  const comments = input.comments ?? [];
  const guiding = comments.filter(
    (c) =>
      isMaintainerAssociation(c.authorAssociation) &&
      (countPhrases(proseOf(c.body), GUIDANCE_PHRASES) > 0 || countCodePointers(c.body) > 0),
  ).length;
  if (guiding > 0) {
    reasons.push({
      signal: 'comments.maintainerGuidance',
      effect: PRIOR_WEIGHTS.maintainerGuidanceComment * Math.min(guiding, 2),
      detail: `${guiding} maintainer comment(s) point to where or how to make the change`,
    });
  }
  const disagreeing = comments.filter((c) => countPhrases(proseOf(c.body), DISAGREEMENT_PHRASES) > 0).length;
  if (disagreeing > 0) {
    reasons.push({
      signal: 'comments.disagreement',
      effect: PRIOR_WEIGHTS.disagreementComment * Math.min(disagreeing, 3),
      detail: `${disagreeing} comment(s) disagree about what to do`,
    });
  }
  const count = Math.max(input.commentsCount, comments.length);
  if (count > LONG_DISCUSSION) {
    reasons.push({
      signal: 'discussion.length',
      effect: PRIOR_WEIGHTS.longDiscussionPerDoubling * Math.log2(count / LONG_DISCUSSION),
      detail: `long discussion (${count} comments)`,
    });
  }
  return reasons;
}

function repoPriors(history: RepoHistory | undefined): DifficultyReason[] {
  if (!history || history.issueCount < MIN_HISTORY_ISSUES) return [];
  const reasons: DifficultyReason[] = [];
  if (history.medianDaysToClose != null) {
    const days = history.medianDaysToClose;
    reasons.push({
      signal: 'repo.responsiveness',
      effect: clamp(PRIOR_WEIGHTS.slowClosingPerDoubling * Math.log2((days + 1) / 31), -0.4, 0.4),
      detail: `the repository closes issues in a median of ${Math.round(days)} days`,
    });
  }
  if (history.newcomerMergedShare != null && history.mergedPullRequestCount >= 10) {
    const share = history.newcomerMergedShare;
    reasons.push({
      signal: 'repo.outsiderMerges',
      effect: clamp(PRIOR_WEIGHTS.outsiderMergesPer10Points * (share - 0.3) * 10, -0.3, 0.3),
      detail: `${Math.round(share * 100)}% of merged pull requests came from outside contributors`,
    });
  }
  if (history.staleOpenShare != null) {
    const share = history.staleOpenShare;
    reasons.push({
      signal: 'repo.staleBacklog',
      effect: clamp(PRIOR_WEIGHTS.staleBacklogPer10Points * (share - 0.3) * 10, -0.3, 0),
      detail: `${Math.round(share * 100)}% of open issues have waited over a year`,
    });
  }
  return reasons;
}

/** Hand-set contributions (log-odds) for one issue; empty when nothing they read is known. */
export function handSetPriors(input: DifficultyInput, history?: RepoHistory): DifficultyReason[] {
  return [...commentPriors(input), ...repoPriors(history)];
}
