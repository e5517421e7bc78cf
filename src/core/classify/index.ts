/**
 * Offline issue-type classifier (bug / feature / question, plus docs and chore where a
 * repository's own labels provide them): hashed word, bigram, heading and character n-gram
 * features into two linear components whose scores are added — L2-regularised softmax regression
 * on TF-IDF vectors and NB-SVM on binary vectors — CPU only, no downloaded weights.
 */
import type { TextClassifierModel } from './model-codec.ts';
import shipped from './global-model.json' with { type: 'json' };

export type { TextClassifierModel } from './model-codec.ts';
export type { FeatureOptions } from './text-features.ts';
export type { AdaptOptions, Classification, LabelledText, TrainOptions } from './text-classifier.ts';
export {
  adaptToRepository,
  adaptToRepositorySteps,
  classifyText,
  trainTextClassifier,
} from './text-classifier.ts';
export { ISSUE_TYPES, typeFromLabel, typeFromLabels } from './type-from-labels.ts';
export type { IssueType } from './type-from-labels.ts';

/** The shipped global model, trained by scripts/train-classify.ts on NLBSE'24 + huggingface/datasets issues. */
export const globalModel: TextClassifierModel = shipped as TextClassifierModel;
export { typePullRequest } from './type-pull-request.ts';
export type { PullRequestType } from './type-pull-request.ts';
