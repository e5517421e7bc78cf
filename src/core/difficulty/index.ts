/**
 * Difficulty rating and "truly good first issue" score: pure functions over plain issue data.
 * See README.md beside this file for the signals and how the weights were fitted.
 */
export type {
  DifficultyInput,
  DifficultyLevel,
  DifficultyReason,
  DifficultyScore,
  GfiActivity,
  LabelHistory,
  PastIssue,
  RepoHistory,
} from './difficulty.types.ts';
export { isGoodFirstIssueLabel, stripGoodFirstIssueLabels } from './gfi-labels.ts';
export { historyAsOf, summariseRepoHistory } from './repo-history.ts';
export { describeDifficultyReasons, isRepositorySignal } from './difficulty-reasons.ts';
export {
  scoreIssueDifficulty,
  createDifficultyScorer,
  levelForScore,
  EASY_AT,
  HARD_BELOW,
} from './score-issue-difficulty.ts';
export type { DifficultyScorer, ScorerOptions } from './score-issue-difficulty.ts';
export type { GfiWeights, GfiFeatureWeight } from './gfi-model.ts';
