/** Evaluation metrics; pure, no I/O. Cross-validation splits and the seeded random live in core/learn. */
export { accuracy, confusionMatrix, formatConfusionMatrix, macroF1 } from './classification.metrics.ts';
export type { ClassScores, ConfusionMatrix, MacroF1Result } from './classification.metrics.ts';
export { meanAveragePrecision, meanReciprocalRank, recallRateAtK, rocAuc } from './ranking.metrics.ts';
export { MetricInputError } from './metric-input.error.ts';
