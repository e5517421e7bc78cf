/**
 * Leave-one-repository-out evaluation of the issue-type classifier on NLBSE'24 issues_train.csv:
 * for each of the five repositories, a global model is trained as scripts/train-classify.ts trains
 * the shipped one but without that repository's labelled issues (the other four + huggingface/
 * datasets), then scored on the held-out repository's 300 issues. Two figures per repository: the
 * global model alone (a repository with no labelled history), and the global model adapted to the
 * four training repositories' issues, which is what `loupe eval classify --train <4 repos> --test
 * <5th>` runs. Unlabelled text (word vectors) may include the held-out repository's texts: never
 * its labels.
 */
import { adaptToRepository, classifyText, trainTextClassifier } from '../src/core/classify/index.ts';
import type { LabelledText, TrainOptions } from '../src/core/classify/index.ts';
import { macroF1 } from '../src/core/eval/index.ts';

const BASE = ['bug', 'feature', 'question'];

export interface LoroRow {
  repo: string;
  global: number;
  adapted: number;
}

/** Macro F1 per held-out repository, global model alone and adapted to the training repositories. */
export function leaveOneRepoOut(
  nlbse: LabelledText[],
  extra: LabelledText[],
  options: TrainOptions = {},
): LoroRow[] {
  const repos = [...new Set(nlbse.map((d) => d.repo as string))];
  return repos.map((repo) => {
    const test = nlbse.filter((d) => d.repo === repo);
    const train = nlbse.filter((d) => d.repo !== repo);
    const global = trainTextClassifier([...train, ...extra], options);
    const adapted = adaptToRepository(global, train);
    const truth = test.map((d) => d.label);
    const score = (model: typeof global): number =>
      macroF1(
        truth,
        test.map((d) => classifyText(model, d.text).type),
        BASE,
      ).macroF1;
    return { repo, global: score(global), adapted: score(adapted) };
  });
}
