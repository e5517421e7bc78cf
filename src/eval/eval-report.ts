/**
 * Text and JSON renderings of the evaluation results. Pure: the CLI prints what these return. The
 * text report always ends with one summary line (e.g. `classify macro-F1 0.812 (5 repos)`); the
 * JSON form is one object with snake_case keys, figures as fractions in 0..1, rounded to 4 places.
 */
import { formatConfusionMatrix } from '../core/eval/index.ts';
import type { EvalClassifyResult } from './eval-classify.ts';
import type { DupesMetrics, EvalDupesResult } from './eval-dupes.ts';
import type { EvalGfiResult } from './eval-gfi.ts';

const f3 = (x: number): string => x.toFixed(3);
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const skippedLine = (n: number): string[] =>
  n > 0 ? [`skipped ${plural(n, 'malformed record')} (--skip-bad)`] : [];

/** Columns of words rather than figures: aligned left. */
const TEXT_COLUMNS = new Set(['classes']);

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) =>
        c === 0 || TEXT_COLUMNS.has(header[c] ?? '')
          ? cell.padEnd(widths[c] ?? 0)
          : cell.padStart(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function classifySummaryLine(r: EvalClassifyResult): string {
  return `classify macro-F1 ${f3(r.meanMacroF1)} (${plural(r.repos.length, 'repo')})`;
}

export function formatClassifyReport(r: EvalClassifyResult): string[] {
  const model = r.usedGlobal ? 'adapting the shipped global model' : 'from them alone, --no-global';
  const lines = [
    `trained on ${r.trainIssues} issues (${model}); tested on ${r.testIssues} issues`,
    ...(r.usedGlobal
      ? [
          "the shipped model was trained on all NLBSE'24 issues_train.csv and huggingface/datasets issues: test issues from those are in-sample",
        ]
      : []),
    ...(r.unlabelled.train + r.unlabelled.test > 0
      ? [`left out without a label: ${r.unlabelled.train} training, ${r.unlabelled.test} test records`]
      : []),
    ...(r.pullRequestsSkipped > 0 ? [`left out: ${plural(r.pullRequestsSkipped, 'pull request')}`] : []),
    '',
    ...table(
      ['repository', 'issues', 'macro-F1', 'accuracy', 'classes'],
      r.repos.map((s) => [s.repo, String(s.issues), f3(s.macroF1), f3(s.accuracy), s.classes.join(',')]),
    ),
    '',
    `accuracy over all test issues ${f3(r.accuracy)}`,
    '',
    formatConfusionMatrix(r.confusion),
    '',
    ...skippedLine(r.recordsSkipped),
  ];
  return [...lines, classifySummaryLine(r)];
}

export function classifyJson(r: EvalClassifyResult): Record<string, unknown> {
  return {
    command: 'eval classify',
    macro_f1: r4(r.meanMacroF1),
    repos: r.repos.map((s) => ({
      repo: s.repo,
      issues: s.issues,
      macro_f1: r4(s.macroF1),
      accuracy: r4(s.accuracy),
      classes: s.classes,
    })),
    accuracy: r4(r.accuracy),
    confusion: r.confusion,
    train_issues: r.trainIssues,
    test_issues: r.testIssues,
    unlabelled_train: r.unlabelled.train,
    unlabelled_test: r.unlabelled.test,
    pull_requests_skipped: r.pullRequestsSkipped,
    skipped_records: r.recordsSkipped,
    global_model: r.usedGlobal,
  };
}

export function dupesSummaryLine(r: EvalDupesResult): string {
  return `dupes RR@10 ${f3(r.loupe.rr10)} MAP ${f3(r.loupe.map)} (baseline RR@10 ${f3(r.baseline.rr10)} MAP ${f3(r.baseline.map)}; ${r.queries} ${r.queries === 1 ? 'query' : 'queries'})`;
}

export function formatDupesReport(r: EvalDupesResult): string[] {
  const row = (name: string, m: DupesMetrics): string[] => [
    name,
    f3(m.rr1),
    f3(m.rr5),
    f3(m.rr10),
    f3(m.map),
  ];
  return [
    `indexed ${r.reports} reports; ${r.queries} queries (the later report of each pair)${r.pairsSkipped ? `; ${r.pairsSkipped} pair rows skipped (a report missing or paired with itself)` : ''}`,
    ...(r.datesKnown
      ? []
      : ['some reports have no creation date: every report is searched and time proximity is not used']),
    '',
    ...table(
      ['method', 'RR@1', 'RR@5', 'RR@10', 'MAP'],
      [
        row('full-text baseline', r.baseline),
        row('loupe retrieval only', r.retrieval),
        row('loupe', r.loupe),
      ],
    ),
    '',
    `partner among the retrieved candidates: ${f3(r.recallAtRetrieve)}`,
    '',
    `suggestion rule (the analysis job's) over every new issue: ${r.suggestions[0]?.withDuplicate ?? 0} with a known earlier duplicate, ${r.suggestions[0]?.withoutDuplicate ?? 0} without; precision re-weighted to each duplicate rate`,
    ...table(
      ['dup rate', 'precision', 'recall', 'dup:wrong', 'no-dup:suggested'],
      r.suggestions.map((s) => [
        `${(s.duplicateRate * 100).toFixed(1)}%`,
        f3(s.precision),
        f3(s.recall),
        f3(s.wrongShare),
        f3(s.noDuplicateShare),
      ]),
    ),
    '',
    ...skippedLine(r.recordsSkipped),
    dupesSummaryLine(r),
  ];
}

export function dupesJson(r: EvalDupesResult): Record<string, unknown> {
  const m = (x: DupesMetrics) => ({ rr1: r4(x.rr1), rr5: r4(x.rr5), rr10: r4(x.rr10), map: r4(x.map) });
  return {
    command: 'eval dupes',
    reports: r.reports,
    queries: r.queries,
    loupe: m(r.loupe),
    baseline: m(r.baseline),
    loupe_retrieval: m(r.retrieval),
    partner_retrieved: r4(r.recallAtRetrieve),
    suggestions: r.suggestions.map((s) => ({
      duplicate_rate: r4(s.duplicateRate),
      precision: r4(s.precision),
      recall: r4(s.recall),
      wrong_share: r4(s.wrongShare),
      no_duplicate_share: r4(s.noDuplicateShare),
      with_duplicate: s.withDuplicate,
      without_duplicate: s.withoutDuplicate,
    })),
    pairs_skipped: r.pairsSkipped,
    skipped_records: r.recordsSkipped,
    dates_known: r.datesKnown,
  };
}

const auc3 = (x: number | null): string => (x === null ? 'n/a' : f3(x));

export function gfiSummaryLine(r: EvalGfiResult): string {
  const other = r.adapt ? `shipped model alone ${auc3(r.aucs.shipped)}` : `adapted ${auc3(r.aucs.adapted)}`;
  return `gfi ROC-AUC ${f3(r.auc)} ${r.adapt ? 'adapted to each repository' : 'shipped model alone'}; ${other} (${r.positives} "${r.label}" of ${plural(r.issues, 'issue')})`;
}

export function formatGfiReport(r: EvalGfiResult): string[] {
  const repos =
    r.perRepository.length > 1 || (r.perRepository[0]?.repo ?? '') !== ''
      ? r.perRepository.map(
          (p) =>
            `  ${p.repo || '(no repository)'}: ${p.positives} of ${plural(p.issues, 'issue')}, adapted ${auc3(p.adapted)}, shipped ${auc3(p.shipped)} (${p.adaptedIssues} scored with an adjustment)`,
        )
      : [];
  return [
    `scored ${plural(r.issues, 'issue')} in time order with "${r.label}" and its synonyms hidden; ${r.positives} carry the label${r.pullRequestsSkipped ? `; ${plural(r.pullRequestsSkipped, 'pull request')} left out` : ''}`,
    `${r.adaptedIssues} of them scored with their repository's adjustment (fitted on issues before their month); the rest had too little labelled history`,
    ...repos,
    ...skippedLine(r.recordsSkipped),
    gfiSummaryLine(r),
  ];
}

const r4OrNull = (x: number | null): number | null => (x === null ? null : r4(x));

export function gfiJson(r: EvalGfiResult): Record<string, unknown> {
  return {
    command: 'eval gfi',
    label: r.label,
    adapt: r.adapt,
    roc_auc: r4(r.auc),
    roc_auc_adapted: r4OrNull(r.aucs.adapted),
    roc_auc_shipped: r4OrNull(r.aucs.shipped),
    issues: r.issues,
    positives: r.positives,
    adapted_issues: r.adaptedIssues,
    per_repository: r.perRepository.map((p) => ({
      repo: p.repo,
      issues: p.issues,
      positives: p.positives,
      adapted_issues: p.adaptedIssues,
      roc_auc_adapted: r4OrNull(p.adapted),
      roc_auc_shipped: r4OrNull(p.shipped),
    })),
    pull_requests_skipped: r.pullRequestsSkipped,
    skipped_records: r.recordsSkipped,
  };
}
