/**
 * The suggestion half of bench:dupes --quality: the analysis job's rule over every new issue of a
 * tracker (those with a known earlier duplicate and those without), beside the calibrated suggestion
 * model fitted on the OTHER tracker, precision re-weighted to realistic duplicate rates.
 */
import {
  fitSuggestionModel,
  pickClearWinner,
  type DuplicateCandidateInput,
  type DuplicateJudgement,
  type RankingWeights,
  type SuggestionExample,
  type SuggestionModel,
  type SuggestionRule,
} from '../src/core/duplicates/index.ts';
import {
  judgeQuery,
  suggestionExample,
  suggestionMetrics,
  SUGGEST_RETRIEVE,
  type DupesCorpus,
  type DupesIndex,
  type DupesQuery,
  type SuggestionMetrics,
  type SuggestionOutcome,
} from '../src/eval/eval-dupes.ts';

/** The duplicate rate the model is calibrated at (a typical tracker's 5-7%). */
export const CALIBRATION_RATE = 0.06;
/** Rates at which precision is reported, beside the file's own. */
export const REPORT_RATES = [0.05, 0.1];

/** Every new issue of one tracker, judged once: queries with a partner, then reports with none. */
export interface JudgedTracker {
  name: string;
  queries: DupesQuery[];
  judgements: DuplicateJudgement[];
}

/** Retrieves the job's candidates for reports without a duplicate (once per tracker; the slow part). */
export async function retrieveSingles(
  index: DupesIndex,
  p: DupesCorpus,
): Promise<DuplicateCandidateInput[][]> {
  const out: DuplicateCandidateInput[][] = [];
  for (const q of p.singles) out.push(await index.retrieve(p, q, SUGGEST_RETRIEVE));
  return out;
}

/** Ranks every new issue with `weights` (top 10 kept: all the suggestion rule reads). */
export function judgeTracker(
  p: DupesCorpus,
  at: {
    weights: RankingWeights;
    pairCandidates: DuplicateCandidateInput[][];
    singleCandidates: DuplicateCandidateInput[][];
  },
): JudgedTracker {
  const queries = [...p.queries, ...p.singles];
  const lists = [
    ...p.queries.map((_, j) => (at.pairCandidates[j] ?? []).slice(0, SUGGEST_RETRIEVE)),
    ...at.singleCandidates,
  ];
  const judgements = queries.map((q, j) =>
    judgeQuery(p, q, { candidates: lists[j] ?? [], weights: at.weights }),
  );
  return { name: p.name, queries, judgements };
}

export function suggestionExamples(t: JudgedTracker): SuggestionExample[] {
  return t.judgements.flatMap((j, i) => {
    const e = suggestionExample(j, t.queries[i] as DupesQuery);
    return e ? [e] : [];
  });
}

/** Fits the calibrated model on trackers' judged issues. */
export function fitModel(trackers: JudgedTracker[]): SuggestionModel {
  return fitSuggestionModel(trackers.flatMap(suggestionExamples), { duplicateRate: CALIBRATION_RATE });
}

export interface RuleReport {
  rule: string;
  /** At the file's own rate, then REPORT_RATES. */
  metrics: SuggestionMetrics[];
}

/** The rule's outcomes on a judged tracker, at the file's rate and the report rates. */
export function measureRule(t: JudgedTracker, rule: SuggestionRule, label: string): RuleReport {
  const withDuplicate: SuggestionOutcome[] = [];
  const withoutDuplicate: SuggestionOutcome[] = [];
  t.judgements.forEach((j, i) => {
    const q = t.queries[i] as DupesQuery;
    const best = pickClearWinner(j.ranked, rule);
    const outcome: SuggestionOutcome = !best ? 'none' : best.id === q.targetId ? 'right' : 'wrong';
    (q.targetId === '' ? withoutDuplicate : withDuplicate).push(outcome);
  });
  const fileRate = withDuplicate.length / Math.max(1, withDuplicate.length + withoutDuplicate.length);
  return {
    rule: label,
    metrics: [fileRate, ...REPORT_RATES].map((rate) =>
      suggestionMetrics({ withDuplicate, withoutDuplicate }, rate),
    ),
  };
}

/** The shipped rule (score >= 0.95, 0.02 ahead of the runner-up, no model) and the calibrated model at three cut-offs. */
export function compareRules(t: JudgedTracker, model: SuggestionModel): RuleReport[] {
  const shipped = measureRule(t, {}, 'shipped: score>=0.95, lead 0.02');
  const calibrated = [0.3, 0.5, 0.7].map((p) =>
    measureRule(t, { model, minProbability: p }, `calibrated p>=${p}`),
  );
  return [shipped, ...calibrated];
}

export function printRuleReports(name: string, reports: RuleReport[]): void {
  const f = (x: number): string => x.toFixed(3);
  const first = reports[0]?.metrics[0];
  console.log(
    `${name}: ${first?.withDuplicate ?? 0} new issues with a known earlier duplicate, ${first?.withoutDuplicate ?? 0} without (file rate ${f(first?.duplicateRate ?? 0)})`,
  );
  console.log('  rule                            rate    precision  recall  dup:wrong  no-dup:suggested');
  for (const r of reports)
    for (const m of r.metrics)
      console.log(
        `  ${r.rule.padEnd(31)} ${(m.duplicateRate * 100).toFixed(1).padStart(5)}%  ${f(m.precision).padStart(9)}  ${f(m.recall).padStart(6)}  ${f(m.wrongShare).padStart(9)}  ${f(m.noDuplicateShare).padStart(16)}`,
      );
}
