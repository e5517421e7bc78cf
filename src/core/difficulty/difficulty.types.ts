/**
 * Plain data that the difficulty scorer reads and returns. Shapes are source-neutral: any issue
 * tracker that knows a title, body and labels can be scored.
 */

/** One issue as the difficulty scorer sees it. */
export interface DifficultyInput {
  title: string;
  body: string;
  labels: string[];
  isPullRequest?: boolean;
  commentsCount: number;
  reactionsCount?: number;
  /** GitHub author_association of the issue's author (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE…). */
  authorAssociation?: string | null;
  assigneesCount?: number;
  milestone?: string | null;
  /** ISO-8601. */
  createdAt: string;
  state?: 'open' | 'closed';
  /** Comment texts when known (maintainer guidance, disagreement); may be absent. */
  comments?: { body: string; authorAssociation?: string | null }[];
}

/** A past issue or pull request of the same repository, with how it ended. */
export type PastIssue = DifficultyInput & {
  /** ISO-8601 close time; null or absent while open. */
  closedAt?: string | null;
  /** True when a maintainer closed it, false when someone else did, absent when unknown. */
  closedByMaintainer?: boolean | null;
  /** Pull requests only: ISO-8601 merge time, null when not merged. */
  mergedAt?: string | null;
};

/** How past issues of one label went. */
export interface LabelHistory {
  /** Closed issues (not pull requests) carrying the label. */
  closedCount: number;
  medianDaysToClose: number;
  /** Share of those closed by a maintainer, null when closers are unknown. */
  closedByMaintainerShare: number | null;
}

/**
 * How actively a repository has been marking issues as good first issues (any synonym label)
 * up to the summary's instant. Repositories use the label in waves (sprints, Hacktoberfest) and
 * some stop using it, so recent use is a strong prior for whether a new issue will get it.
 */
export interface GfiActivity {
  /** Issues with a good-first-issue label created in the 90 days before the summary's instant. */
  last90Days: number;
  /** The same over 365 days. */
  last365Days: number;
  /** All issues (not pull requests) created in those 365 days. */
  issuesLast365Days: number;
  /** Days since the latest good-first-issue-labelled issue was created; null when there was none. */
  daysSinceLast: number | null;
  /**
   * The instant these counts are taken at (ISO-8601): the data's own clock, never the wall clock
   * (see dataClock). Optional so that summaries built by hand still type-check.
   */
  asOf?: string;
}

/**
 * Summary of how a repository's past issues went; build it with `summariseRepoHistory`.
 * Only issues created (and closures made) before `asOf` are counted, so that a score never
 * sees the future of the issue it rates.
 */
export interface RepoHistory {
  /** ISO-8601 instant the summary describes, or null for "everything given". */
  asOf: string | null;
  /** Issues (not pull requests) created before asOf. */
  issueCount: number;
  closedIssueCount: number;
  /** Median days from creation to close of closed issues; null with no closed issue. */
  medianDaysToClose: number | null;
  /** Share of closed issues closed by a maintainer; null when closers are unknown. */
  closedByMaintainerShare: number | null;
  /** Share of merged pull requests authored by someone who is not a maintainer; null without merged PRs. */
  newcomerMergedShare: number | null;
  mergedPullRequestCount: number;
  /** Share of open issues that have waited more than a year; null without open issues. */
  staleOpenShare: number | null;
  /** Per label (lower-cased, good-first-issue synonyms excluded). */
  labels: Record<string, LabelHistory>;
  /**
   * Recent good-first-issue labelling (labels of issues created before asOf). Optional so that
   * summaries built by hand or stored before it existed still type-check; the scorer then leaves
   * the `history.gfi*` signals out.
   */
  gfiActivity?: GfiActivity;
  /**
   * The repository's own adjustment of the shipped model, fitted on its issues labelled before
   * asOf (fitGfiAdaptation); absent when it has too little labelled history or adaptation is off.
   */
  gfiAdaptation?: GfiAdaptation;
}

/**
 * A repository's adjustment of the shipped good-first-issue model (see gfi-adaptation.ts): a
 * logistic layer over groups of the shipped model's effects and the repository's own labels,
 * pulled toward "as shipped" by a prior, so a repository with little labelled history moves little.
 */
export interface GfiAdaptation {
  /** Past issues with a good-first-issue label (any synonym) it was fitted on. */
  positives: number;
  /** Past issues it was fitted on. */
  issues: number;
  /** Per effect group: the multiplier on the shipped effects, minus one (0 = as shipped, -1 = ignored). */
  groupShifts: Record<string, number>;
  /** Weight (>= 0) of the mean label log-odds below. */
  labelWeight: number;
  /** Per lower-cased label: smoothed log-odds that an issue with it was a good first issue, relative to the repository's rate. */
  labelLogOdds: Record<string, number>;
}

/** One signal's contribution to a score, in log-odds. */
export interface DifficultyReason {
  /** Stable signal id, e.g. "scope.stackTrace", "label.documentation", "history.labelCloseTime". */
  signal: string;
  /** Log-odds added to the good-first-issue score (positive: easier / more newcomer-friendly). */
  effect: number;
  /** What was seen, in words a contributor understands. */
  detail: string;
}

export type DifficultyLevel = 'easy' | 'medium' | 'hard';

export interface DifficultyScore {
  /** 0..1: how much the issue looks like a truly good first issue. */
  gfiScore: number;
  level: DifficultyLevel;
  /** Human-readable "why", strongest first. */
  reasons: DifficultyReason[];
}
