/**
 * File-based evaluation and analysis: the code behind `loupe eval classify|dupes|gfi` and
 * `loupe analyze`, also called by the quality benches so that both report the same figures.
 * Reads plain files (src/sources/files), indexes into a scratch PGlite with the real schema when
 * duplicates are involved, and scores with src/core/eval.
 */
export { evalClassify, goldLabel, scoreClassification, NO_REPO } from './eval-classify.ts';
export type {
  ClassifiedItem,
  ClassifyScores,
  EvalClassifyOptions,
  EvalClassifyResult,
  RepoClassifyScore,
} from './eval-classify.ts';
export {
  dupesMetrics,
  evalDupes,
  openDupesIndex,
  pairQueries,
  rankingExamples,
  rankQuery,
  RETRIEVE_LIMIT,
} from './eval-dupes.ts';
export type {
  DupesCorpus,
  DupesIndex,
  DupesMetrics,
  DupesQuery,
  DupesReport,
  EvalDupesOptions,
  EvalDupesResult,
  LoadCorpusOptions,
} from './eval-dupes.ts';
export { DEFAULT_GFI_LABEL, evalGfi, hiddenLabelInput } from './eval-gfi.ts';
export type { EvalGfiOptions, EvalGfiRepositoryResult, EvalGfiResult, GfiAucPair } from './eval-gfi.ts';
export { analyzeFile, analyseRecord } from './analyze-file.ts';
export type { AnalyzeFileOptions, AnalyzeFileSummary, IssueAnalysis } from './analyze-file.ts';
export * from './eval-report.ts';
export { asInputError, createSkipReporter, parseFormat, withInputErrors } from './input-errors.ts';
export { openScratchStore, type ScratchStore } from './scratch-store.ts';
