/** Evaluation metrics and cross-validation splits; pure, no I/O. */
export { accuracy, confusionMatrix, formatConfusionMatrix, macroF1 } from './classification.metrics.ts';
export type { ClassScores, ConfusionMatrix, MacroF1Result } from './classification.metrics.ts';
export { meanAveragePrecision, meanReciprocalRank, recallRateAtK, rocAuc } from './ranking.metrics.ts';
export { stratifiedKFold, type Fold } from './k-fold.split.ts';
export { seededRandom, shuffled } from './seeded-random.ts';
export { MetricInputError } from './metric-input.error.ts';
