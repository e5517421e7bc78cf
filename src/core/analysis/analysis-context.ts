import {
  adaptToRepositorySteps,
  globalModel,
  typeFromLabels,
  type LabelledText,
  type TextClassifierModel,
} from '../classify/index.ts';
import type { Taxonomy } from '../concepts/index.ts';
import { historyAsOf, summariseRepoHistory, type PastIssue } from '../difficulty/index.ts';
import { runSteps, type Steps } from '../steps.ts';
import type { AnalysisContext } from './analyze-issue.ts';
import { buildTeachingIndexSteps, type LabelledIssue } from './teaching-examples.ts';

/** Repositories need this many issues labelled with a type, of two types at least, to adapt the classifier. */
export const MIN_ADAPTATION_EXAMPLES = 30;

/** What a repository's own data says, as the store (job) or a file (`loupe analyze`) gives it. */
export interface RepositoryData {
  /**
   * Issues (not pull requests) with their labels, newest first; those naming a type teach the
   * classifier, and those with a reference may be cited by reasons (teaching-examples.ts).
   */
  labelledTexts: readonly LabelledIssue[];
  /** Past issues and pull requests, for the difficulty scorer's history signals. */
  pastIssues: readonly PastIssue[];
  language?: string | null;
  taxonomy?: Taxonomy;
  /** The classifier to adapt (default the shipped global model). */
  global?: TextClassifierModel;
}

/**
 * The analysis context of one repository, built the same way wherever issues are analysed: the
 * global classifier adapted to the repository's labelled issues (when it has enough), and its
 * history taken at the data's own clock (see dataClock), never the wall clock.
 */
export function buildAnalysisContext(data: RepositoryData): AnalysisContext & { examples: LabelledText[] } {
  return runSteps(buildAnalysisContextSteps(data));
}

/** buildAnalysisContext in steps (core/steps.ts): the classifier's adaptation is most of the work. */
export function* buildAnalysisContextSteps(
  data: RepositoryData,
): Steps<AnalysisContext & { examples: LabelledText[] }> {
  const examples: LabelledText[] = [];
  for (const text of data.labelledTexts) {
    const label = typeFromLabels([...text.labels]);
    if (label) examples.push({ text: { title: text.title, body: text.body }, label });
  }
  const global = data.global ?? globalModel;
  const classes = new Set(examples.map((e) => e.label));
  const classifier =
    examples.length >= MIN_ADAPTATION_EXAMPLES && classes.size >= 2
      ? yield* adaptToRepositorySteps(global, examples)
      : global;
  yield;
  const teachers = yield* buildTeachingIndexSteps(data.labelledTexts);
  const clock = dataClock(data.pastIssues);
  // Taken as for an issue opened at the data's clock, as the model was trained (see historyAsOf).
  const history = clock ? summariseRepoHistory(data.pastIssues, { asOf: historyAsOf(clock) }) : undefined;
  return {
    classifier,
    examples,
    ...(teachers.teachers.length > 0 ? { teachers } : {}),
    ...(history ? { history } : {}),
    ...(data.language ? { repoLanguages: [data.language] } : {}),
    ...(data.taxonomy ? { taxonomy: data.taxonomy } : {}),
  };
}

/**
 * The newest instant in a repository's data (creation, closing or merge): "now" for its time-based
 * signals. Data synced or exported in 2025 and analysed later must not age by the wall clock.
 * Null when there is no dated issue.
 */
export function dataClock(
  pastIssues: readonly Pick<PastIssue, 'createdAt' | 'closedAt' | 'mergedAt'>[],
): string | null {
  let latest = Number.NEGATIVE_INFINITY;
  for (const issue of pastIssues) {
    for (const at of [issue.createdAt, issue.closedAt, issue.mergedAt]) {
      const ms = at ? Date.parse(at) : Number.NaN;
      if (ms > latest) latest = ms;
    }
  }
  return Number.isFinite(latest) ? new Date(latest).toISOString() : null;
}
