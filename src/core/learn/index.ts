/**
 * Loupe's learning code in one place: the seeded random, the stratified splitter and the binary
 * logistic solvers (dense Newton, sparse accelerated gradient). Pure, no I/O. The task models that
 * use them live with their task (difficulty/, classify/, duplicates/).
 */
export { seededRandom, shuffleInPlace, shuffled } from './seeded-random.ts';
export { stratifiedFoldOf, stratifiedKFold, type Fold } from './stratified-folds.ts';
export { fitNewtonLogistic, solveLinearSystem, type NewtonLogisticProblem } from './newton-logistic.ts';
export {
  fitLogistic,
  predictLogit,
  type LogisticFitOptions,
  type LogisticModel,
} from './logistic-regression.ts';
export {
  fitSparseLogistic,
  packSparseRows,
  type SparseFitOptions,
  type SparseLogisticModel,
  type SparseRows,
} from './sparse-logistic.ts';
