import type { Analysis, IssueConcept } from '../api-client/api-types.ts';

/** A good-first-issue score at or above this earns the "good first issue" badge. */
export const GFI_BADGE_MIN = 0.6;

/** 0.8234 → "82%". */
export const percent = (value: number): string => `${Math.round(value * 100)}%`;

/** A 0..1 score with two decimals, as the badges print it: 0.8234 → "0.82". */
export const score2 = (value: number): string => value.toFixed(2);

/** "bug" → "Bug". */
export const capitalize = (word: string): string =>
  word === '' ? word : word[0]!.toUpperCase() + word.slice(1);

/** The difficulty badge: a good first issue is worth saying so; otherwise the difficulty itself. */
export function difficultyBadge(analysis: Pick<Analysis, 'difficulty' | 'gfiScore'>): {
  label: string;
  tone: 'gfi' | Analysis['difficulty'];
  title: string;
} {
  const title = `Difficulty ${analysis.difficulty}; good first issue score ${score2(analysis.gfiScore)}`;
  if (analysis.gfiScore >= GFI_BADGE_MIN)
    return { label: `good first issue ${score2(analysis.gfiScore)}`, tone: 'gfi', title };
  return { label: analysis.difficulty, tone: analysis.difficulty, title };
}

/** Type probabilities, most likely first; the assigned type is present even if the map omits it. */
export function typeProbabilityRows(
  analysis: Pick<Analysis, 'type' | 'typeConfidence' | 'typeProbabilities'>,
): { type: string; probability: number }[] {
  const map: Record<string, number> = {};
  for (const [type, probability] of Object.entries(analysis.typeProbabilities ?? {})) {
    if (typeof probability === 'number' && Number.isFinite(probability)) map[type] = probability;
  }
  map[analysis.type] ??= analysis.typeConfidence;
  return Object.entries(map)
    .map(([type, probability]) => ({ type, probability }))
    .sort((a, b) => b.probability - a.probability || a.type.localeCompare(b.type));
}

/** The strongest concepts of an issue, for the chips on a list row. */
export function topConcepts(concepts: readonly IssueConcept[], count = 3): IssueConcept[] {
  return [...concepts].sort((a, b) => b.score - a.score).slice(0, count);
}

/** The issues list filtered by one concept. */
export function conceptFilterHref(conceptId: string): string {
  return `/?${new URLSearchParams({ concept: conceptId }).toString()}`;
}
