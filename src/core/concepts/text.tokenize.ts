/**
 * The one tokeniser used for aliases, issue text, labels and lookups, so that an alias and the text
 * it should match are always cut the same way.
 *
 * A token is a run of letters, digits and `_ + # .` (so `c++`, `c#`, `node.js`, `go.mod`,
 * `x86_64` and `1.2.3` stay whole), optionally led by a dot when it starts a word (`.net`,
 * `.gitignore`). Hyphens, slashes, colons and everything else separate tokens, so `react-dom`
 * is `react dom`, `ci/cd` is `ci cd` and `utf-8` is `utf 8`; trailing dots (sentence ends) are dropped.
 */

export interface Token {
  /** Lower-cased token, the matching key. */
  norm: string;
  /** The token as written, for case-sensitive (`~Ambiguous`) aliases. */
  raw: string;
  start: number;
  end: number;
  /**
   * First word of the text, a line or a sentence (after . ! ? : ; or |): a capital letter there says
   * nothing about a proper noun ("Go to settings", "Rust on the metal").
   */
  initial: boolean;
}

const DOT = 46;
/** Characters after which a leading dot belongs to the token (`.net`, `.gitignore`), not to a sentence. */
const LEADING_DOT_OK = new Set([' ', '\t', '\n', '\r', '(', '[', '"', "'", '`', '/', '\\', '<']);
const SENTENCE_BREAKS = new Set(['.', '!', '?', ':', ';', '\n', '|'].map((c) => c.charCodeAt(0)));
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const VERSION_RE = /^v?\d+(?:\.\d+)*(?:\.x)?$/i;

function startsWord(code: number): boolean {
  if (code < 128)
    return (
      (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
    );
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}

/** Inside a token: word characters plus `+ # .` (c++, c#, node.js). */
function continuesWord(code: number): boolean {
  return startsWord(code) || code === 43 || code === 35 || code === DOT;
}

/**
 * Splits text into tokens, marking those that start a sentence or line. A hand-written scanner
 * rather than a regular expression: tagging runs over every issue, and this is its inner loop.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  // One lower-casing for the whole text, unless it changes lengths (a few non-ASCII letters do).
  const whole = text.toLowerCase();
  const lower = whole.length === n ? whole : null;
  let sentenceBreak = true;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const leadingDot =
      code === DOT &&
      i + 1 < n &&
      startsWord(text.charCodeAt(i + 1)) &&
      (i === 0 || LEADING_DOT_OK.has(text[i - 1] as string));
    if (!leadingDot && !startsWord(code)) {
      if (SENTENCE_BREAKS.has(code)) sentenceBreak = true;
      i++;
      continue;
    }
    const start = i++;
    // ".." ends a token: "done..Go" is two words, "node.js" is one.
    while (
      i < n &&
      continuesWord(text.charCodeAt(i)) &&
      !(text.charCodeAt(i) === DOT && text.charCodeAt(i + 1) === DOT)
    )
      i++;
    let end = i;
    while (end > start + 1 && text.charCodeAt(end - 1) === DOT) end--;
    const raw = text.slice(start, end);
    tokens.push({
      norm: lower ? lower.slice(start, end) : raw.toLowerCase(),
      raw,
      start,
      end,
      initial: sentenceBreak,
    });
    // Dots dropped from the end of a token ended a sentence.
    sentenceBreak = end < i;
  }
  return tokens;
}

/** The canonical lookup form of a phrase: its tokens, lower-cased, joined by single spaces. */
export function lookupKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.norm)
    .join(' ');
}

/**
 * True when the token after `tokens[index]` is a version number written right after it
 * ("Go 1.22", "Spark 3.5", "Rust v1.79"): a strong sign the word is a product name.
 */
export function followedByVersion(text: string, tokens: readonly Token[], index: number): boolean {
  const current = tokens[index];
  const next = tokens[index + 1];
  if (!current || !next || !VERSION_RE.test(next.norm)) return false;
  const gap = text.slice(current.end, next.start);
  return gap.length <= 2 && /^[ \t-]*$/.test(gap);
}

/**
 * True when the line holding `position` is written in Title Case ("Add Go To Definition Support"):
 * there every word is capitalised, so capitals do not mark proper nouns either.
 */
export function inTitleCaseLine(text: string, position: number): boolean {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const lineEnd = text.indexOf('\n', position);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const words = line.match(/\b[A-Za-z]{4,}\b/g) ?? [];
  if (words.length < 2) return false;
  // Every longer word capitalised; one lower-case word ("… for Scala and Python teams") means prose.
  return words.every((w) => w.charCodeAt(0) <= 90);
}
