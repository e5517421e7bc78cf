/**
 * A repository's own adjustment of the shipped good-first-issue model, and how it is applied.
 * What one repository calls approachable is its own habit (which labels, which wording, whether
 * the maintainers or the reporters open them): the shipped model, fitted on one repository, reads
 * another's habits poorly. The adjustment reweighs groups of the shipped model's effects and adds
 * what the repository's own labels say, fitted on its labelled history (fit-gfi-adaptation.ts).
 */
import type { DifficultyInput, DifficultyReason, GfiAdaptation } from './difficulty.types.ts';
import { stripGoodFirstIssueLabels } from './gfi-labels.ts';

/** Stable signal id of the adjustment's reason. */
export const ADAPTATION_SIGNAL = 'repo.adaptation';

/** Groups of the shipped model's effects that a repository may weigh differently. */
export const ADAPTATION_GROUPS = [
  'text',
  'wording',
  'scope',
  'guidance',
  'author',
  'label',
  'discussion',
] as const;
export type AdaptationGroup = (typeof ADAPTATION_GROUPS)[number];

const GROUP_BY_PREFIX: Record<string, AdaptationGroup> = {
  scope: 'scope',
  guidance: 'guidance',
  author: 'author',
  label: 'label',
  comments: 'discussion',
  discussion: 'discussion',
};

/** The group of a reason's signal; null for history and repository signals, which adaptation leaves alone. */
export function adaptationGroupOf(signal: string): AdaptationGroup | null {
  if (signal === 'text.words') return 'text';
  const prefix = signal.slice(0, signal.indexOf('.'));
  if (prefix === 'text') return 'wording';
  return GROUP_BY_PREFIX[prefix] ?? null;
}

/** Sums of a (history-free) evidence's effects per group, in ADAPTATION_GROUPS order. */
export function groupEffects(reasons: readonly DifficultyReason[]): number[] {
  const sums = ADAPTATION_GROUPS.map(() => 0);
  for (const reason of reasons) {
    const group = adaptationGroupOf(reason.signal);
    if (group) sums[ADAPTATION_GROUPS.indexOf(group)]! += reason.effect;
  }
  return sums;
}

/** Lower-cased labels the adjustment reads (good-first-issue synonyms removed: they are the verdict). */
export function adaptationLabels(labels: readonly string[]): string[] {
  return [...new Set(stripGoodFirstIssueLabels(labels).map((label) => label.toLowerCase()))];
}

/** Mean log-odds the repository's past issues give these labels (0 when none is known). */
export function labelEvidence(labels: readonly string[], logOdds: Readonly<Record<string, number>>): number {
  const known = adaptationLabels(labels).flatMap((label) => (label in logOdds ? [logOdds[label]!] : []));
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
}

const percent = (x: number): string => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;

/**
 * The adjustment's effect on one issue, as a reason. `evidence` is the issue's history-free
 * evidence from the model the adjustment was fitted for.
 */
export function adaptationReason(
  adaptation: GfiAdaptation,
  input: DifficultyInput,
  evidence: { reasons: readonly DifficultyReason[] },
): DifficultyReason {
  const groups = groupEffects(evidence.reasons);
  const shifts = ADAPTATION_GROUPS.map((group) => adaptation.groupShifts[group] ?? 0);
  const labels = labelEvidence(input.labels, adaptation.labelLogOdds);
  const effect = groups.reduce((acc, e, g) => acc + shifts[g]! * e, 0) + adaptation.labelWeight * labels;
  const strongest = ADAPTATION_GROUPS.map((group, g) => ({ group, shift: shifts[g]! }))
    .filter((x) => Math.abs(x.shift) >= 0.05)
    .sort((a, b) => Math.abs(b.shift) - Math.abs(a.shift))
    .slice(0, 2)
    .map((x) => `${x.group} ${percent(x.shift)}`);
  const weighs = strongest.length > 0 ? `; its weights: ${strongest.join(', ')}` : '';
  const labelWords =
    adaptation.labelWeight > 0 && labels !== 0
      ? `; issues with this issue's labels ${labels > 0 ? 'often' : 'rarely'} got the label`
      : '';
  return {
    signal: ADAPTATION_SIGNAL,
    effect,
    detail: `learned from this repository's ${adaptation.positives} good first issues (of ${adaptation.issues})${labelWords}${weighs}`,
  };
}
