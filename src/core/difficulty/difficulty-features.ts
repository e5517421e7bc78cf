import type { DifficultyInput, GfiActivity, RepoHistory } from './difficulty.types.ts';
import { stripGoodFirstIssueLabels } from './gfi-labels.ts';
import { isMaintainerAssociation } from './author-association.ts';
import {
  ENVIRONMENT_PHRASES,
  GUIDANCE_PHRASES,
  HARD_SCOPE_PHRASES,
  PROPOSAL_PHRASES,
  REPRODUCTION_PHRASES,
  SMALL_SCOPE_PHRASES,
  countChecklistItems,
  countCodeBlocks,
  countCodePointers,
  countFileReferences,
  countPhrases,
  countStackFrames,
  countSymbolReferences,
  isQuestionTitle,
  proseOf,
} from './text-signals.ts';
import { labelHistorySignals, type LabelHistorySignals } from './label-history.ts';

/** Generic label families; repositories name labels freely, so families are matched by pattern. */
export const LABEL_FAMILIES = {
  documentation: /\bdoc(?:s|umentation)?\b/,
  bug: /\bbug\b|\bdefect\b|\bregression\b/,
  enhancement: /\benhancement\b|\bfeature\b|\bimprovement\b|\bproposal\b/,
  helpWanted: /\bhelp[ -]wanted\b|\bcontributions? welcome\b|\bprs? welcome\b/,
  breaking: /\bbreaking\b/,
  performance: /\bperf(?:ormance)?\b|\bspeed\b|\bmemory\b/,
  refactor: /\brefactor|\bmaintenance\b|\bclean-?up\b|\bchore\b|\btech(?:nical)?[- ]debt\b/,
  question: /\bquestion\b|\bdiscussion\b|\bsupport\b|\bhow[- ]to\b/,
  triage: /\btriage\b|\bneeds[- ](?:info|repro|more|investigation)\b|\bawaiting\b|\bwaiting\b/,
} as const satisfies Record<string, RegExp>;

/** Labels usually set when an issue is resolved; outcomes, so only in the post-hoc group. */
const RESOLUTION_LABEL = /\bduplicate\b|\bwont ?fix\b|\bwon'?t fix\b|\binvalid\b|\bnot planned\b|\bstale\b/;

type LabelFamily = keyof typeof LABEL_FAMILIES;

/** Everything counted from one issue, before scaling. */
export interface IssueFacts {
  bodyChars: number;
  codeBlocks: number;
  stackFrames: number;
  files: number;
  symbols: number;
  codePointers: number;
  guidance: number;
  checklist: number;
  smallScope: number;
  hardScope: number;
  environment: number;
  reproduction: number;
  proposal: number;
  question: boolean;
  association: string;
  families: Set<LabelFamily>;
  otherLabels: string[];
  resolutionLabel: boolean;
  history: LabelHistorySignals;
  comments: number;
  reactions: number;
  assignees: number;
  milestone: boolean;
  /** Recent good-first-issue labelling in the repository; null without (a recent enough) history. */
  gfiActivity: GfiActivity | null;
}

function labelFacts(
  labels: readonly string[],
): Pick<IssueFacts, 'families' | 'otherLabels' | 'resolutionLabel'> {
  const families = new Set<LabelFamily>();
  const otherLabels: string[] = [];
  let resolutionLabel = false;
  for (const label of labels) {
    const lower = label.toLowerCase();
    if (RESOLUTION_LABEL.test(lower)) {
      resolutionLabel = true;
      continue;
    }
    const matched = (Object.keys(LABEL_FAMILIES) as LabelFamily[]).filter((f) =>
      LABEL_FAMILIES[f].test(lower),
    );
    matched.forEach((family) => families.add(family));
    if (matched.length === 0) otherLabels.push(label);
  }
  return { families, otherLabels, resolutionLabel };
}

/**
 * Counts every signal of one issue. Good-first-issue labels (and synonyms) are stripped first:
 * they are the verdict being predicted, never an input.
 */
export function collectIssueFacts(input: DifficultyInput, history?: RepoHistory): IssueFacts {
  const labels = stripGoodFirstIssueLabels(input.labels);
  const body = input.body ?? '';
  const prose = proseOf(body);
  const text = `${input.title}\n${prose}`;
  return {
    bodyChars: body.length,
    codeBlocks: countCodeBlocks(body),
    stackFrames: countStackFrames(body),
    files: countFileReferences(`${input.title}\n${body}`),
    symbols: countSymbolReferences(text),
    codePointers: countCodePointers(prose),
    guidance: countPhrases(prose, GUIDANCE_PHRASES),
    checklist: countChecklistItems(prose),
    smallScope: countPhrases(text, SMALL_SCOPE_PHRASES),
    hardScope: countPhrases(text, HARD_SCOPE_PHRASES),
    environment: countPhrases(body, ENVIRONMENT_PHRASES),
    reproduction: countPhrases(prose, REPRODUCTION_PHRASES),
    proposal: countPhrases(prose, PROPOSAL_PHRASES),
    question: isQuestionTitle(input.title),
    association: (input.authorAssociation ?? 'NONE').toUpperCase(),
    ...labelFacts(labels),
    history: labelHistorySignals(labels, history),
    comments: input.commentsCount,
    reactions: input.reactionsCount ?? 0,
    assignees: input.assigneesCount ?? 0,
    milestone: Boolean(input.milestone),
    gfiActivity: history?.gfiActivity ?? null,
  };
}

/** A scaled feature with its words. */
export interface FeatureSpec {
  /** Stable signal id, also the key of its learned weight. */
  signal: string;
  /**
   * Documented effect on the good-first-issue score: +1 raises it, -1 lowers it, 0 = learned
   * freely. Training enforces the sign (a contrary fit leaves the weight at 0).
   */
  direction: 1 | -1 | 0;
  /** Post-hoc features accrue after an issue is labelled (comments, reactions, assignees…). */
  postHoc?: boolean;
  /**
   * False when the facts lack this signal's input (e.g. scored without repository history): the
   * scorer then leaves it out (effect 0) instead of reading a made-up value. Absent = always known.
   */
  known?(f: IssueFacts): boolean;
  value(f: IssueFacts): number;
  describe(f: IssueFacts): string;
}

const log1p = Math.log1p;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "in the 90 days before 2025-06-01": counts are taken at the data's clock, so the date is said. */
const before = (a: GfiActivity, days: number | null): string =>
  a.asOf
    ? `${days === null ? '' : `in the ${days} days `}before ${a.asOf.slice(0, 10)}`
    : days === null
      ? 'ago'
      : `in the last ${days} days`;

/** Days-since value used when the repository never labelled a good first issue (about ten years). */
const NEVER_DAYS = 3650;

function gfiActivity(
  signal: string,
  direction: 1 | -1,
  value: (a: GfiActivity) => number,
  describe: (a: GfiActivity) => string,
): FeatureSpec {
  return {
    signal: `history.${signal}`,
    direction,
    known: (f) => f.gfiActivity !== null,
    value: (f) => (f.gfiActivity ? value(f.gfiActivity) : 0),
    describe: (f) => (f.gfiActivity ? describe(f.gfiActivity) : 'repository history unknown'),
  };
}

function family(name: LabelFamily, direction: 1 | -1 | 0, words: string): FeatureSpec {
  return {
    signal: `label.${name}`,
    direction,
    value: (f) => (f.families.has(name) ? 1 : 0),
    describe: () => words,
  };
}

/** All learned features, in a fixed order (the order of the weight vector). */
export const FEATURE_SPECS: readonly FeatureSpec[] = [
  {
    signal: 'scope.bodyLength',
    direction: -1,
    value: (f) => log1p(f.bodyChars),
    describe: (f) => `description is ${f.bodyChars} characters long`,
  },
  {
    signal: 'scope.codeBlocks',
    direction: -1,
    value: (f) => Math.min(f.codeBlocks, 6),
    describe: (f) =>
      f.codeBlocks === 0
        ? 'no code block in the description'
        : `${plural(f.codeBlocks, 'code block')} in the description`,
  },
  {
    signal: 'scope.stackTrace',
    direction: -1,
    value: (f) => log1p(f.stackFrames),
    describe: (f) => `stack trace with ${plural(f.stackFrames, 'frame')}`,
  },
  {
    signal: 'scope.files',
    direction: -1,
    value: (f) => log1p(f.files),
    describe: (f) => `${plural(f.files, 'file')} referenced`,
  },
  {
    signal: 'scope.symbols',
    direction: 1,
    value: (f) => log1p(f.symbols),
    describe: (f) =>
      f.symbols === 0
        ? 'names no function, option or other code symbol to start from'
        : `names ${plural(f.symbols, 'code symbol')} (functions, options, files in \`code\`)`,
  },
  {
    signal: 'guidance.codePointers',
    direction: 1,
    value: (f) => log1p(f.codePointers),
    describe: (f) => `${plural(f.codePointers, 'pointer')} to exact code locations`,
  },
  {
    signal: 'guidance.phrases',
    direction: 1,
    value: (f) => Math.min(f.guidance, 4),
    describe: (f) => `${plural(f.guidance, 'hint')} on how or where to make the change`,
  },
  {
    signal: 'guidance.checklist',
    direction: 1,
    value: (f) => log1p(f.checklist),
    describe: (f) => `checklist of ${plural(f.checklist, 'item')}`,
  },
  {
    signal: 'text.smallScope',
    direction: 1,
    value: (f) => Math.min(f.smallScope, 3),
    describe: () => 'wording of a small, local change (docs, typo, rename, message…)',
  },
  {
    signal: 'text.hardScope',
    direction: -1,
    value: (f) => Math.min(f.hardScope, 3),
    describe: () => 'wording of deep work (performance, memory, concurrency, crash…)',
  },
  {
    signal: 'text.environment',
    direction: -1,
    value: (f) => Math.min(f.environment, 3),
    describe: () => 'bug-report environment dump: a user hit it, nobody scoped it yet',
  },
  {
    signal: 'text.reproduction',
    direction: -1,
    value: (f) => Math.min(f.reproduction, 3),
    describe: () => 'reproduction / expected-vs-actual sections',
  },
  {
    signal: 'text.proposal',
    direction: 0,
    value: (f) => Math.min(f.proposal, 3),
    describe: () => 'framed as a proposed change',
  },
  {
    signal: 'text.question',
    direction: -1,
    value: (f) => (f.question ? 1 : 0),
    describe: () => 'title asks a question',
  },
  {
    signal: 'author.maintainer',
    direction: 1,
    value: (f) => (isMaintainerAssociation(f.association) ? 1 : 0),
    describe: () => 'opened by a maintainer',
  },
  {
    signal: 'author.contributor',
    direction: 0,
    value: (f) => (f.association === 'CONTRIBUTOR' ? 1 : 0),
    describe: () => 'opened by a past contributor',
  },
  family('documentation', 1, 'labelled as documentation'),
  family('bug', 0, 'labelled as a bug'),
  family('enhancement', 0, 'labelled as an enhancement'),
  family('helpWanted', 1, 'labelled "help wanted"'),
  family('breaking', -1, 'labelled as a breaking change'),
  family('performance', -1, 'labelled as performance work'),
  family('refactor', -1, 'labelled as refactoring / maintenance'),
  family('question', -1, 'labelled as a question or discussion'),
  family('triage', -1, 'still awaiting triage or information'),
  {
    // Held at >= 0: on huggingface/datasets its free weight was -1.12 (area labels rarely beside the
    // good-first-issue label there), a labelling habit of one repository that ranked issues of other
    // repositories by how many labels they carry. A repository's own adaptation learns its habits.
    signal: 'label.other',
    direction: 1,
    value: (f) => log1p(f.otherLabels.length),
    describe: (f) => `area labels: ${f.otherLabels.join(', ')}`,
  },
  {
    signal: 'history.labelCloseTime',
    direction: -1,
    value: (f) => f.history.closeTimeLogRatio,
    describe: (f) => f.history.closeTimeDetail,
  },
  {
    signal: 'history.labelMaintainerClosed',
    direction: -1,
    value: (f) => f.history.maintainerClosedDelta,
    describe: (f) => f.history.maintainerClosedDetail,
  },
  gfiActivity(
    'gfiLast90Days',
    1,
    (a) => log1p(a.last90Days),
    (a) => `${plural(a.last90Days, 'issue')} marked as good first issues ${before(a, 90)}`,
  ),
  gfiActivity(
    'gfiLast365Days',
    1,
    (a) => log1p(a.last365Days),
    (a) => `${plural(a.last365Days, 'issue')} marked as good first issues ${before(a, 365)}`,
  ),
  gfiActivity(
    'gfiShare365Days',
    1,
    (a) => Math.log((a.last365Days + 0.5) / (a.issuesLast365Days + 50)),
    (a) =>
      `${a.last365Days} of the ${a.issuesLast365Days} issues opened ${before(a, 365)} were marked as good first issues`,
  ),
  gfiActivity(
    'daysSinceGfi',
    -1,
    (a) => log1p(Math.min(a.daysSinceLast ?? NEVER_DAYS, NEVER_DAYS)),
    (a) =>
      a.daysSinceLast === null
        ? 'the repository has never marked a good first issue'
        : `the latest good first issue was opened ${Math.round(a.daysSinceLast)} days ${before(a, null)}`,
  ),
  {
    signal: 'posthoc.comments',
    direction: 0,
    postHoc: true,
    value: (f) => log1p(f.comments),
    describe: (f) => plural(f.comments, 'comment'),
  },
  {
    signal: 'posthoc.reactions',
    direction: 0,
    postHoc: true,
    value: (f) => log1p(f.reactions),
    describe: (f) => plural(f.reactions, 'reaction'),
  },
  {
    signal: 'posthoc.assignees',
    direction: 0,
    postHoc: true,
    value: (f) => Math.min(f.assignees, 3),
    describe: (f) => plural(f.assignees, 'assignee'),
  },
  {
    signal: 'posthoc.milestone',
    direction: 0,
    postHoc: true,
    value: (f) => (f.milestone ? 1 : 0),
    describe: () => 'in a milestone',
  },
  {
    signal: 'posthoc.resolutionLabel',
    direction: 0,
    postHoc: true,
    value: (f) => (f.resolutionLabel ? 1 : 0),
    describe: () => 'carries a resolution label (duplicate, wontfix…)',
  },
];

/** The scaled feature values of one issue, in FEATURE_SPECS order. */
export function featureVector(facts: IssueFacts, specs: readonly FeatureSpec[] = FEATURE_SPECS): number[] {
  return specs.map((spec) => spec.value(facts));
}
