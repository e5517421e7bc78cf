/**
 * Word normalisation shared by duplicate scoring, corpus statistics and retrieval terms.
 * Kept deliberately light (no dictionary, no external stemmer) so that it is deterministic,
 * fast on 100 KB bodies and close enough to PostgreSQL's english stemmer that the words we
 * send to a full-text query still match the stored tsvector.
 */

// Common English function words plus words that appear in nearly every bug report template
// ("steps", "expected", "actual"…) and so carry no signal about *which* bug it is.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can cannot could did do does doing down during each else few for from further had has ' +
    'have having he her here hers him his how i if in into is it its itself just let me more most my no nor ' +
    'not now of off on once only or other ought our ours out over own same she should so some such than that ' +
    'the their them then there these they this those through to too under until up upon us very via was we ' +
    'were what when where which while who whom why will with would you your yours yet get got use used using ' +
    'one two see seem seems like way also etc eg ie please thanks thank hi hello issue bug problem report ' +
    'reported steps reproduce expected actual result results behavior behaviour happen happens happening ' +
    'still even though however may might must need needs shall www http https com org html code noformat ' +
    'quote panel null true false new'
  ).split(/\s+/),
);

/** Splits CamelCase / PascalCase / digit boundaries: "DFSClientRetry2" -> ["DFS","Client","Retry","2"]. */
export function splitCamelCase(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .filter((part) => part.length > 0);
}

/** A light suffix stripper (Porter step 1 and a few step-2 endings); idempotent enough for matching. */
export function stemWord(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const stripped = stripVerbSuffix(w);
  if (stripped !== null) w = stripped;
  if (w.endsWith('ation') && w.length > 7) w = `${w.slice(0, -5)}ate`;
  else if (w.endsWith('ness') && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith('ment') && w.length > 7) w = w.slice(0, -4);
  if (w.endsWith('y') && w.length > 3 && /[^aeiou]y$/.test(w)) w = `${w.slice(0, -1)}i`;
  return w;
}

function stripVerbSuffix(w: string): string | null {
  for (const suffix of ['ing', 'ed']) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (stem.length < 3 || !/[aeiouy]/.test(stem)) return null;
    // "stopped" -> "stop", "failed" -> "fail"
    if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem)) return stem.slice(0, -1);
    return stem;
  }
  return null;
}

export interface TokeniseOptions {
  /** Also emit the lower-cased parts of CamelCase words (default true). */
  splitIdentifiers?: boolean;
  /** Stop after this many tokens, to bound work on huge bodies (default 20,000). */
  maxTokens?: number;
}

/**
 * Normalised content words of a text, in order, with repetition (for term frequencies).
 * Numbers, one-letter words and stopwords are dropped; CamelCase identifiers yield the whole
 * word and its parts, so "FileSystem" matches both "filesystem" and "file system".
 */
export function tokenise(text: string, options: TokeniseOptions = {}): string[] {
  const split = options.splitIdentifiers ?? true;
  const maxTokens = options.maxTokens ?? 20_000;
  const out: string[] = [];
  const raw = text.match(/[A-Za-z][A-Za-z0-9']*/g) ?? [];
  for (const word of raw) {
    if (out.length >= maxTokens) break;
    pushNormalised(out, word.replace(/'+$/, ''));
    if (split && /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(word)) {
      const parts = splitCamelCase(word);
      if (parts.length > 1) for (const part of parts) pushNormalised(out, part);
    }
  }
  return out;
}

function pushNormalised(out: string[], word: string): void {
  const stem = normaliseWord(word);
  if (stem !== null) out.push(stem);
}

/** The normalised form of one word, or null for stopwords, numbers and one-letter words. */
export function normaliseWord(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 2 || STOPWORDS.has(lower) || /^\d+$/.test(lower)) return null;
  const stem = stemWord(lower);
  return stem.length >= 2 && !STOPWORDS.has(stem) ? stem : null;
}

/** Term frequencies of a token list. */
export function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}
