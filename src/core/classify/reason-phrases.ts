/**
 * Classification reasons a person understands: instead of `word "<number>"` or `title word "in"`,
 * the phrase of the issue where the word occurs ("…crashes with an exception in CORS middleware…"),
 * or what a marker stands for ("has a stack trace"). Pure.
 */
import type { Reason } from './classification-reasons.ts';

const MARKER_PHRASES: Record<string, string | null> = {
  '?': 'asks a question',
  '<question-shaped title>': 'the title is a question',
  '<stack trace>': 'has a stack trace',
  '<code block>': 'has a code block',
  '<image>': 'has a screenshot',
  '<file path>': 'names a file path',
  '<checkbox>': 'has a checklist',
  '<link>': null,
  '<version>': null,
  '<number>': null,
};

/** Words too common to explain anything on their own. */
const STOPWORDS = new Set(
  'a an and are as at be but by can do does for from has have how i if in is it its me my no not of on or so that the this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

const DESCRIBED = /^(title word|title bigram|bigram|word|heading|char-gram|marker) "(.*)"$/;
const WINDOW_WORDS = 4;

/**
 * Rewrites reasons (topReasons' described features, strongest first) as phrases quoted from the
 * issue, dropping those that explain nothing (numbers, links, stopwords, character n-grams) and
 * repeats; at most `max`.
 */
export function phraseReasons(
  reasons: readonly Reason[],
  text: { title: string; body: string },
  max = 3,
): string[] {
  const out: string[] = [];
  for (const reason of reasons) {
    const phrase = phraseFor(reason.feature, text);
    if (phrase && !out.includes(phrase)) out.push(phrase);
    if (out.length >= max) break;
  }
  return out;
}

function phraseFor(feature: string, text: { title: string; body: string }): string | null {
  const m = DESCRIBED.exec(feature);
  if (!m) return null;
  const [, kind = '', value = ''] = m;
  if (kind === 'char-gram') return null;
  if (kind === 'heading') return `has a "${value}" section`;
  const words = value.match(/<[^>]+>|\S+/g) ?? [];
  const markers = words.filter((w) => w in MARKER_PHRASES);
  if (markers.length === words.length) return markers.map((w) => MARKER_PHRASES[w]).find((p) => p) ?? null;
  const plain = words.filter((w) => !(w in MARKER_PHRASES));
  if (plain.every((w) => STOPWORDS.has(w) || w.length < 3)) return null;
  const inTitle = kind.startsWith('title');
  const snippet = quote(inTitle ? text.title : `${text.title}\n${text.body}`, plain);
  return snippet ? `${inTitle ? 'title' : 'says'} "${snippet}"` : null;
}

/** The words around the first occurrence of `words` (in order), with ellipses where cut. */
function quote(source: string, words: readonly string[]): string | null {
  // Markdown syntax (fences, headings, emphasis, list bullets) is noise in a quoted phrase.
  const tokens = source
    .replace(/```\w*|^#{1,6}\s|^\s*[-*>]\s|[*_`]/gm, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const norm = tokens.map((t) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));
  for (let i = 0; i < norm.length; i++) {
    if (!words.every((w, j) => norm[i + j] === w)) continue;
    const from = Math.max(0, i - WINDOW_WORDS);
    const to = Math.min(tokens.length, i + words.length + WINDOW_WORDS);
    return `${from > 0 ? '…' : ''}${tokens.slice(from, to).join(' ')}${to < tokens.length ? '…' : ''}`;
  }
  return null;
}
