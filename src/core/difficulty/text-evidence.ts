/**
 * The text model's share of a difficulty score, as one reason: its stacked log-odds effect and
 * the words that pushed it, e.g. `title words "typo", "docs" read like a small, well-scoped change`.
 */
import type { DifficultyReason } from './difficulty.types.ts';
import { explainTextLogit, type TextModel } from './text-model.ts';
import { issueTerms } from './text-terms.ts';

/** Stable signal id of the text model's reason. */
export const TEXT_SIGNAL = 'text.words';

/** Placeholders shown in words a contributor understands. */
const PLACEHOLDER_WORDS: Record<string, string> = {
  xxcodeblock: '[code block]',
  xxcode: '[inline code]',
  xxurl: '[link]',
  xxpath: '[file path]',
  xxident: '[identifier]',
  xxversion: '[version]',
  xxnum: '[number]',
};

/** Words of a term, placeholders spelled out (`t:^ add` → `add`, `b:xxcodeblock` → `[code block]`). */
export function readableTerm(term: string): string {
  return term
    .slice(2)
    .split(' ')
    .filter((word) => word !== '^')
    .map((word) => PLACEHOLDER_WORDS[word] ?? word)
    .join(' ');
}

/** Words too common to explain a score on their own ("on", "in the"). */
const STOPWORDS = new Set(
  'a about after all also an and any are as at be been but by can could do does for from get got had has have how i if in into is it its just me more my no not of on one or our so some than that the their them then there these they this to up us was we were what when where which while who why will with would you your'.split(
    ' ',
  ),
);

/** Placeholders that say something on their own: the issue has a code block, a link, a file path. */
const TELLING_PLACEHOLDERS = new Set(['xxcodeblock', 'xxurl', 'xxpath']);

/**
 * A term worth naming: it holds a content word (not a stopword) or a telling placeholder; "on",
 * "in the" or "[inline code] for" alone explain nothing to a person.
 */
export function isExplainingTerm(term: string): boolean {
  return term
    .slice(2)
    .split(' ')
    .some((word) =>
      word.startsWith('xx')
        ? TELLING_PLACEHOLDERS.has(word)
        : word !== '^' && word.length >= 3 && !STOPWORDS.has(word),
    );
}

export interface TextEvidenceOptions {
  model: TextModel;
  /** Stacked weight of the text logit and its reference (typical) value. */
  weight: { coef: number; reference: number };
  input: { title: string; body: string | null | undefined };
  /** Words named per field (default 3). */
  limit?: number;
}

/** The text model's reason for one issue (effect in log-odds, words that drove it). */
export function textEvidence(options: TextEvidenceOptions): DifficultyReason {
  const { logit, contributions } = explainTextLogit(options.model, issueTerms(options.input));
  const effect = options.weight.coef * (logit - options.weight.reference);
  // Name the words that pushed the way the effect went; duplicates (a word and its bigram) once.
  // Stopwords and placeholders alone ("on", "[inline code]") explain nothing to a person: not named.
  const pushing = contributions.filter(
    (c) => Math.sign(c.effect) === Math.sign(effect) && isExplainingTerm(c.term),
  );
  const limit = options.limit ?? 3;
  const words = (prefix: string): string[] =>
    [...new Set(pushing.filter((c) => c.term.startsWith(prefix)).map((c) => readableTerm(c.term)))]
      .filter((word) => word !== '')
      .slice(0, limit);
  const parts = [
    ['title', words('t:')],
    ['description', words('b:')],
  ] as const;
  const named = parts
    .filter(([, list]) => list.length > 0)
    .map(([field, list]) => `${field} words ${list.map((w) => `"${w}"`).join(', ')}`);
  const verdict =
    effect >= 0
      ? 'read like a small, well-scoped change'
      : 'read like an open-ended report that needs investigation';
  const detail = named.length > 0 ? `${named.join('; ')} ${verdict}` : 'wording gives no clear sign';
  return { signal: TEXT_SIGNAL, effect, detail };
}
