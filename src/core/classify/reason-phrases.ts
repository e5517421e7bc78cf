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
 * those that would quote a sentence already quoted; at most `max`.
 */
export function phraseReasons(
  reasons: readonly Reason[],
  text: { title: string; body: string },
  max = 3,
): string[] {
  const out: string[] = [];
  const quoted = new Set<number>();
  const segments = segmentsOf(text);
  for (const reason of reasons) {
    const phrase = phraseFor(reason.feature, segments, quoted);
    if (phrase && !out.includes(phrase)) out.push(phrase);
    if (out.length >= max) break;
  }
  return out;
}

/** One sentence or line of the issue, as quoted. */
interface Segment {
  title: boolean;
  heading: boolean;
  tokens: string[];
  norm: string[];
}

/** A "key: value" line with a version ("tabula: 2.0.0", "OS: macOS 14.4"): an environment dump, not prose. */
const ENVIRONMENT_LINE = /^[\w .()/-]{1,30}:\s*\S*\s*v?\d+(?:\.\d+)+\b/i;

/** The title, then the body's prose lines split into sentences; code blocks left out. */
function segmentsOf(text: { title: string; body: string }): Segment[] {
  const segment = (line: string, title: boolean, heading: boolean): Segment => {
    const tokens = line.split(/\s+/).filter(Boolean);
    return {
      title,
      heading,
      tokens,
      norm: tokens.map((t) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')),
    };
  };
  const out = [segment(text.title, true, false)];
  const prose = text.body.replace(/```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g, '\n');
  for (const raw of prose.split('\n')) {
    const heading = /^\s*#{1,6}\s/.test(raw);
    // Markdown syntax (headings, emphasis, list bullets, quotes, inline code marks) is noise in a quote.
    const line = raw
      .replace(/^\s*(?:#{1,6}|[-*+>]|\d+\.)\s+/, '')
      .replace(/[*`]/g, '')
      .trim();
    if (line === '' || ENVIRONMENT_LINE.test(line)) continue;
    for (const sentence of heading ? [line] : line.split(/(?<=[.!?])\s+(?=\p{Lu})/u))
      out.push(segment(sentence, false, heading));
  }
  return out;
}

function phraseFor(feature: string, segments: readonly Segment[], quoted: Set<number>): string | null {
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
  // Body words were read in the title too (the classifier's "word" features span both fields).
  const at = segments.findIndex((s) => (!inTitle || s.title) && indexOf(s.norm, plain) >= 0);
  if (at < 0) return null;
  // One quote per sentence: the next word found in it adds nothing the first quote did not show.
  if (quoted.has(at)) return null;
  quoted.add(at);
  const segment = segments[at]!;
  if (segment.heading) return `has a "${segment.tokens.join(' ')}" section`;
  return `${segment.title ? 'title' : 'says'} "${window(segment.tokens, indexOf(segment.norm, plain), plain.length)}"`;
}

function indexOf(norm: readonly string[], words: readonly string[]): number {
  for (let i = 0; i + words.length <= norm.length; i++)
    if (words.every((w, j) => norm[i + j] === w)) return i;
  return -1;
}

/** A sentence this short is quoted whole: the reader sees every word that pushed in it. */
const WHOLE_SENTENCE_WORDS = 12;

/** The words around tokens[at, at + length), with ellipses where cut. */
function window(tokens: readonly string[], at: number, length: number): string {
  if (tokens.length <= WHOLE_SENTENCE_WORDS) return tokens.join(' ');
  const from = Math.max(0, at - WINDOW_WORDS);
  const to = Math.min(tokens.length, at + length + WINDOW_WORDS);
  return `${from > 0 ? '…' : ''}${tokens.slice(from, to).join(' ')}${to < tokens.length ? '…' : ''}`;
}
