/**
 * Text and JSON renderings of `loupe eval detect` (and the bench's). Pure. The text report ends with
 * one summary line; the JSON form is one object, figures as fractions rounded to 4 places, times with
 * unit-suffixed keys.
 */
import { DETECT_KINDS, type DetectScores, type EvalDetectResult } from './eval-detect.ts';

const f3 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(3));
const r4 = (x: number): number | null => (Number.isNaN(x) ? null : Math.round(x * 1e4) / 1e4);
const ms1 = (x: number): number => Math.round(x * 10) / 10;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const row = (name: string, s: DetectScores): string[] => [
  name,
  String(s.cases),
  String(s.positives),
  f3(s.precision),
  f3(s.recall),
  f3(s.auc),
];

/** The rows of the scores table: all cases, then each kind present. */
export function detectScoreRows(r: Pick<EvalDetectResult, 'overall' | 'byKind'>): string[][] {
  return [
    row('all', r.overall),
    ...DETECT_KINDS.flatMap((kind) => (r.byKind[kind] ? [row(kind, r.byKind[kind])] : [])),
  ];
}

export function detectSummaryLine(r: EvalDetectResult): string {
  return `detect${r.hideReferences ? ' (references hidden)' : ''} precision ${f3(r.overall.precision)} recall ${f3(r.overall.recall)} ROC-AUC ${f3(r.overall.auc)} at threshold ${r.threshold} (${r.overall.cases} cases, ${ms1(r.msPerCase)} ms per case)`;
}

export function formatDetectReport(r: EvalDetectResult): string[] {
  return [
    `judged ${r.overall.cases} cases (${r.overall.positives} implemented) ${r.hideReferences ? 'with every commit message and pull request naming the issue hidden' : 'with all evidence'}`,
    ...(r.missingIssues.length
      ? [
          `left out: ${r.missingIssues.length} issues not in the issues file (${r.missingIssues.slice(0, 5).join(', ')}${r.missingIssues.length > 5 ? ' …' : ''})`,
        ]
      : []),
    '',
    ...table(['kind', 'cases', 'implemented', 'precision', 'recall', 'ROC-AUC'], detectScoreRows(r)),
    '',
    `history index: ${r.commitsIndexed} commits in ${(r.indexMs / 1000).toFixed(1)} s (once per repository); then ${ms1(r.msPerCase)} ms per case`,
    detectSummaryLine(r),
  ];
}

const scoresJson = (s: DetectScores) => ({
  cases: s.cases,
  implemented: s.positives,
  precision: r4(s.precision),
  recall: r4(s.recall),
  roc_auc: r4(s.auc),
  tp: s.tp,
  fp: s.fp,
  fn: s.fn,
});

export function detectJson(r: EvalDetectResult): Record<string, unknown> {
  return {
    command: 'eval detect',
    hide_references: r.hideReferences,
    threshold: r.threshold,
    ...scoresJson(r.overall),
    by_kind: Object.fromEntries(
      DETECT_KINDS.flatMap((kind) => (r.byKind[kind] ? [[kind, scoresJson(r.byKind[kind])]] : [])),
    ),
    index_ms: Math.round(r.indexMs),
    commits_indexed: r.commitsIndexed,
    ms_per_case: ms1(r.msPerCase),
    missing_issues: r.missingIssues.length,
    skipped_records: r.recordsSkipped,
  };
}
