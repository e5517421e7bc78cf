/**
 * Duplicate-issue detection: evidence extraction, candidate re-ranking, confirmed-duplicate link
 * parsing and retrieval terms. Pure: the store retrieves candidates (src/store/duplicate-candidates.sql.ts),
 * this module scores them.
 */
export { extractDuplicateEvidence, normaliseMessage } from './extract-evidence.ts';
export type { DuplicateFingerprint } from './extract-evidence.ts';
export { rankDuplicateCandidates, scorePairs, DEFAULT_RANKING_WEIGHTS } from './rank-candidates.ts';
export type {
  DuplicateCandidate,
  DuplicateCandidateInput,
  DuplicateEvidence,
  DuplicateEvidenceKind,
  DuplicateQuery,
  RankOptions,
} from './rank-candidates.ts';
export {
  buildCorpusStats,
  buildCorpusStatsSteps,
  addToCorpusStats,
  inverseDocumentFrequency,
} from './corpus-stats.ts';
export type { CorpusStats } from './corpus-stats.ts';
export { parseDuplicateReferences } from './duplicate-references.ts';
export type { DuplicateReference } from './duplicate-references.ts';
export { buildRetrievalQuery, buildRetrievalTerms } from './retrieval-terms.ts';
export type { RetrievalQuery, RetrievalTermsOptions } from './retrieval-terms.ts';
export { fitRankingWeights, scoreFeatures, PRIOR_RANKING_WEIGHTS } from './fit-ranking-weights.ts';
export type { RankingExample, RankingWeights, FitOptions } from './fit-ranking-weights.ts';
export { FEATURE_NAMES, prepareIssue, computePairFeatures } from './pair-features.ts';
export type { FeatureName, PairFeatures, PreparedIssue, PreparedText } from './pair-features.ts';
export {
  DEFAULT_SUGGESTION_MARGIN,
  DEFAULT_SUGGESTION_PROBABILITY,
  DEFAULT_SUGGESTION_THRESHOLD,
  pickClearWinner,
} from './suggest-duplicate.ts';
export {
  DEFAULT_SUGGESTION_MODEL,
  fitSuggestionModel,
  suggestionFeatures,
  suggestionProbability,
  SUGGESTION_FEATURES,
} from './suggestion-model.ts';
export type {
  RankedForSuggestion,
  SuggestionExample,
  SuggestionFeature,
  SuggestionModel,
} from './suggestion-model.ts';
export type { SuggestionRule } from './suggest-duplicate.ts';
export { judgeDuplicates } from './judge-duplicates.ts';
export type { DuplicateJudgement } from './judge-duplicates.ts';
export {
  createAssociationLearner,
  learnTermAssociations,
  learnTermAssociationsSteps,
} from './term-associations.ts';
export type { LearnAssociationsOptions, TermAssociations } from './term-associations.ts';
export { createPreparedTextCache } from './prepared-text-cache.ts';
export type { PreparedTextCache } from './prepared-text-cache.ts';
