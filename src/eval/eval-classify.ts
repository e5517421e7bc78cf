/**
 * `loupe eval classify`: trains the offline issue-type classifier on one file and scores it on
 * another, with the NLBSE protocol: macro F1 over the classes present in each repository's test
 * issues, averaged over repositories; plus accuracy and a confusion matrix over the whole test file.
 *
 * Training: with the global model (default), the shipped model is adapted to the training issues
 * (adaptToRepository: softmax regression regularised toward the global weights, same features and
 * idf), so the training file shifts predictions in proportion to its size; with `useGlobal: false`,
 * a model is trained from the training issues alone (idf and weights fitted on them only). The
 * shipped model was trained on all of NLBSE'24 issues_train.csv and huggingface/datasets issues, so
 * a test file drawn from those is in-sample unless `useGlobal` is false.
 *
 * Labels: a record's stated label (CSV label column, first fastText __label__), else its labels
 * (GitHub JSONL); a label naming a Loupe type is mapped to it ("enhancement" -> feature), others
 * are kept lower-cased. Records with no label, and pull requests, are counted and left out.
 */
import { readCountedRecords } from './input-errors.ts';
import {
  adaptToRepository,
  classifyText,
  globalModel,
  trainTextClassifier,
  typeFromLabel,
  typeFromLabels,
} from '../core/classify/index.ts';
import type { LabelledText, TextClassifierModel } from '../core/classify/index.ts';
import { accuracy, confusionMatrix, macroF1 } from '../core/eval/index.ts';
import type { ConfusionMatrix } from '../core/eval/index.ts';
import { LoupeError } from '../core/errors.ts';
import type { FileRecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';

/** Test records without a repository are scored as one group under this name. */
export const NO_REPO = '(no repo)';

export interface EvalClassifyOptions {
  trainPath: string;
  testPath: string;
  /** Adapt the shipped global model (default true) instead of training from the train file alone. */
  useGlobal?: boolean;
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
}

/** One test issue's gold and predicted type. */
export interface ClassifiedItem {
  repo: string;
  gold: string;
  predicted: string;
}

export interface RepoClassifyScore {
  repo: string;
  issues: number;
  /** Macro F1 over `classes` (the gold classes present in this repository's test issues). */
  macroF1: number;
  accuracy: number;
  classes: string[];
}

export interface ClassifyScores {
  repos: RepoClassifyScore[];
  /** Mean of the per-repository macro F1 (the NLBSE headline). */
  meanMacroF1: number;
  accuracy: number;
  confusion: ConfusionMatrix;
}

export interface EvalClassifyResult extends ClassifyScores {
  trainIssues: number;
  testIssues: number;
  /** Records with no usable label, left out. */
  unlabelled: { train: number; test: number };
  /** Pull requests (GitHub JSONL), left out of both files. */
  pullRequestsSkipped: number;
  recordsSkipped: number;
  usedGlobal: boolean;
}

/** The gold type of a record, or null when it states none. */
export function goldLabel(record: Pick<IssueRecord, 'label' | 'labels'>): string | null {
  const stated = record.label?.trim();
  if (stated) return typeFromLabel(stated) ?? stated.toLowerCase();
  return typeFromLabels(record.labels);
}

/** Scores predictions the NLBSE way (pure; the classify bench can call it with its own predictions). */
export function scoreClassification(items: readonly ClassifiedItem[]): ClassifyScores {
  if (items.length === 0) throw new LoupeError('INVALID_INPUT', 'no labelled test issues to score');
  const byRepo = new Map<string, ClassifiedItem[]>();
  for (const item of items) {
    const group = byRepo.get(item.repo);
    if (group) group.push(item);
    else byRepo.set(item.repo, [item]);
  }
  const repos = [...byRepo.keys()].sort().map((repo) => {
    const group = byRepo.get(repo) as ClassifiedItem[];
    const gold = group.map((i) => i.gold);
    const predicted = group.map((i) => i.predicted);
    const classes = [...new Set(gold)].sort();
    return {
      repo,
      issues: group.length,
      macroF1: macroF1(gold, predicted, classes).macroF1,
      accuracy: accuracy(gold, predicted),
      classes,
    };
  });
  const gold = items.map((i) => i.gold);
  const predicted = items.map((i) => i.predicted);
  return {
    repos,
    meanMacroF1: repos.reduce((sum, r) => sum + r.macroF1, 0) / repos.length,
    accuracy: accuracy(gold, predicted),
    confusion: confusionMatrix(gold, predicted),
  };
}

/** Trains on `trainPath`, predicts `testPath` as it streams, and scores. */
export async function evalClassify(options: EvalClassifyOptions): Promise<EvalClassifyResult> {
  const useGlobal = options.useGlobal ?? true;
  const opened: (() => number)[] = [];
  const read = (file: string): AsyncGenerator<IssueRecord> => {
    const { records, skipped } = readCountedRecords(file, options);
    opened.push(skipped);
    return records;
  };
  const recordsSkipped = () => opened.reduce((n, skipped) => n + skipped(), 0);
  const examples: LabelledText[] = [];
  let unlabelledTrain = 0;
  let pullRequestsSkipped = 0;
  for await (const record of read(options.trainPath)) {
    if (record.isPullRequest) {
      pullRequestsSkipped++;
      continue;
    }
    const label = goldLabel(record);
    if (label === null) unlabelledTrain++;
    else
      examples.push({
        text: { title: record.title, body: record.body },
        label,
        ...(record.repo ? { repo: record.repo } : {}),
      });
  }
  if (examples.length === 0) {
    throw new LoupeError(
      'INVALID_INPUT',
      `${options.trainPath}: no labelled issues to train on (${unlabelledTrain} records without a label); expected a label column, __label__ prefixes or type labels`,
    );
  }
  const model: TextClassifierModel = useGlobal
    ? adaptToRepository(globalModel, examples)
    : trainTextClassifier(examples);
  const items: ClassifiedItem[] = [];
  let unlabelledTest = 0;
  for await (const record of read(options.testPath)) {
    if (record.isPullRequest) {
      pullRequestsSkipped++;
      continue;
    }
    const gold = goldLabel(record);
    if (gold === null) {
      unlabelledTest++;
      continue;
    }
    items.push({ repo: record.repo ?? NO_REPO, gold, predicted: classifyText(model, record).type });
  }
  if (items.length === 0) {
    throw new LoupeError(
      'INVALID_INPUT',
      `${options.testPath}: no labelled issues to test on (${unlabelledTest} records without a label)`,
    );
  }
  return {
    ...scoreClassification(items),
    trainIssues: examples.length,
    testIssues: items.length,
    unlabelled: { train: unlabelledTrain, test: unlabelledTest },
    pullRequestsSkipped,
    recordsSkipped: recordsSkipped(),
    usedGlobal: useGlobal,
  };
}
