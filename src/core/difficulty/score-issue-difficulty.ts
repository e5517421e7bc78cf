import { FEATURE_SPECS, collectIssueFacts, type FeatureSpec } from './difficulty-features.ts';
import type {
  DifficultyInput,
  DifficultyLevel,
  DifficultyReason,
  DifficultyScore,
  RepoHistory,
} from './difficulty.types.ts';
import type { GfiWeights } from './gfi-model.ts';
import { handSetPriors } from './hand-set-priors.ts';
import shippedWeights from './gfi-weights.json' with { type: 'json' };
import shippedTextModel from './gfi-text-weights.json' with { type: 'json' };
import { textEvidence } from './text-evidence.ts';
import { adaptationReason } from './gfi-adaptation.ts';
import type { TextModel } from './text-model.ts';

/** gfiScore at or above this is "easy"; below HARD_BELOW is "hard". */
export const EASY_AT = 0.6;
export const HARD_BELOW = 0.3;
/** Reasons weaker than this (log-odds) are left out of the explanation. */
const MIN_REASON_EFFECT = 0.02;

const SPEC_BY_SIGNAL = new Map<string, FeatureSpec>(FEATURE_SPECS.map((spec) => [spec.signal, spec]));

/** The level a gfiScore falls in. */
export function levelForScore(gfiScore: number): DifficultyLevel {
  if (gfiScore >= EASY_AT) return 'easy';
  if (gfiScore < HARD_BELOW) return 'hard';
  return 'medium';
}

export interface ScorerOptions {
  weights: GfiWeights;
  /** Add the hand-set comment, discussion and repository-health signals (default true). */
  priors?: boolean;
  /** The learned text model; used when `weights.text` holds its stacked weight. */
  textModel?: TextModel;
}

export type DifficultyScorer = (input: DifficultyInput, history?: RepoHistory) => DifficultyScore;

/** Every effect behind a score, unrounded and unfiltered: the baseline plus the reasons' effects is the logit. */
export interface DifficultyEvidence {
  baseline: number;
  reasons: DifficultyReason[];
}

export type DifficultyEvidenceFn = (input: DifficultyInput, history?: RepoHistory) => DifficultyEvidence;

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Builds the function that lists a set of weights' effects on one issue (learned features, text, hand-set priors). */
export function createDifficultyEvidence(options: ScorerOptions): DifficultyEvidenceFn {
  const usable = options.weights.features.flatMap((w) => {
    const spec = SPEC_BY_SIGNAL.get(w.signal);
    return spec && w.coef !== 0 ? [{ ...w, spec }] : [];
  });
  const withPriors = options.priors ?? true;
  return (input, history) => {
    const facts = collectIssueFacts(input, history);
    // A signal whose input is missing (no history) contributes nothing rather than a made-up value.
    const reasons: DifficultyReason[] = usable
      .filter(({ spec }) => spec.known?.(facts) ?? true)
      .map(({ spec, coef, reference }) => ({
        signal: spec.signal,
        effect: coef * (spec.value(facts) - reference),
        detail: spec.describe(facts),
      }));
    if (options.textModel && options.weights.text) {
      reasons.push(textEvidence({ model: options.textModel, weight: options.weights.text, input }));
    }
    if (withPriors) reasons.push(...handSetPriors(input, history));
    return { baseline: options.weights.baseline, reasons };
  };
}

/**
 * Builds a scorer around a set of weights; reasons are learned feature effects, the text model's
 * effect (when given), hand-set priors and, when the history carries one, the repository's own
 * adjustment (`RepoHistory.gfiAdaptation`, see repo-adaptation.ts).
 */
export function createDifficultyScorer(options: ScorerOptions): DifficultyScorer {
  const evidence = createDifficultyEvidence(options);
  return (input, history) => {
    const { baseline, reasons } = evidence(input, history);
    if (history?.gfiAdaptation) reasons.push(adaptationReason(history.gfiAdaptation, input, evidence(input)));
    const logit = baseline + reasons.reduce((acc, r) => acc + r.effect, 0);
    const gfiScore = 1 / (1 + Math.exp(-logit));
    const shown = reasons
      .filter((r) => Math.abs(r.effect) >= MIN_REASON_EFFECT)
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.signal.localeCompare(b.signal))
      .map((r) => ({ ...r, effect: round(r.effect) }));
    return { gfiScore, level: levelForScore(gfiScore), reasons: shown };
  };
}

const shippedOptions: ScorerOptions = {
  weights: shippedWeights as GfiWeights,
  textModel: shippedTextModel as unknown as TextModel,
};

/** The shipped model's effects on one issue (what repository adaptation reweighs). */
export const shippedDifficultyEvidence: DifficultyEvidenceFn = createDifficultyEvidence(shippedOptions);

const shippedScorer = createDifficultyScorer(shippedOptions);

/**
 * Rates how good a first issue this is (gfiScore 0..1, level, reasons strongest first).
 * Good-first-issue labels and synonyms are ignored. `history` (from summariseRepoHistory, built
 * from issues before this one) adds how similar past issues went and the repository's health.
 */
export function scoreIssueDifficulty(input: DifficultyInput, history?: RepoHistory): DifficultyScore {
  return shippedScorer(input, history);
}
