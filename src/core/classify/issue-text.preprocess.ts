/**
 * Turns an issue's markdown into classifier-friendly prose. Issues carry strong, cheap signals in
 * their shape rather than their words — a pasted stack trace or code block (bug), a screenshot,
 * a Stack Overflow link or a question mark (question), template headings such as
 * "### Describe the bug" or "### Is your feature request related to a problem?" — so those become
 * marker tokens (`xxtrace`, `xxcode`, `xximage`, `xxhost_stackoverflow`, `xxq`, …) and headings are
 * kept as whole phrases, while the bulk of code and logs (noise, and huge) is dropped.
 */

export interface CleanText {
  /** Prose with marker tokens, lowercased, truncated. */
  text: string;
  /** Markdown headings and bold-only lines, normalised to at most six words each. */
  headings: string[];
}

/** Raw bodies can exceed 128 KB; nothing past this carries signal worth the time. */
const RAW_LIMIT = 20_000;

const FENCE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g;
const TRACE_LINE =
  /^\s*(?:at [\w$.<>]+.*[:(].*\d+\)?|File ".*", line \d+|Traceback \(most recent call last\)|#\d+\s+0x[0-9a-f]+|\w+(?:\.\w+)+(?:Exception|Error)\b)/im;
const ERROR_LINE = /(?:error|exception|fail(?:ed|ure)?|fatal|panic|segmentation|assert|warning|abort)/i;
const IMAGE = /!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>/gi;
const URL = /https?:\/\/([^\s/)>\]"']+)[^\s)>\]"']*/gi;
const PATH = /(?:[A-Za-z]:)?(?:[\w.-]+[\\/]){2,}[\w.-]+/g;
const VERSION = /\bv?\d+(?:\.\d+)+[\w.+-]*/gi;
const CHECKBOX = /^\s*[-*]\s*\[[ xX]\]/gm;
const HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$|^\s*\*\*([^*\n]{2,80})\*\*\s*:?\s*$/gm;

/** A code block becomes `xxcode` (+ `xxtrace`) and keeps only its few error-looking lines. */
function replaceCode(block: string): string {
  const inner = block.replace(/^(?:```|~~~)[^\n]*\n?|(?:```|~~~)$/g, '');
  const marks = [' xxcode'];
  if (TRACE_LINE.test(inner)) marks.push('xxtrace');
  const errors = inner
    .split('\n')
    .filter((l) => ERROR_LINE.test(l))
    .slice(0, 3)
    .map((l) => l.slice(0, 160));
  return `${marks.join(' ')} ${errors.join(' . ')} \n`;
}

function hostToken(_m: string, host: string): string {
  const parts = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  const main = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
  return ` xxurl xxhost_${(main ?? '').replace(/[^a-z0-9]/g, '')} `;
}

/** Lowercased heading phrase of at most six words, or null for empty headings. */
function headingPhrase(raw: string): string | null {
  const words = raw.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.slice(0, 6).join(' ');
}

/** Cleans an issue body: see the module comment. `maxChars` bounds the returned prose. */
export function cleanBody(body: string, maxChars: number): CleanText {
  let text = body.slice(0, RAW_LIMIT).replace(/\r\n?/g, '\n');
  text = text.replace(/<!--|-->/g, ' ');
  text = text.replace(FENCE, replaceCode);
  const headings: string[] = [];
  for (const m of text.matchAll(HEADING)) {
    const phrase = headingPhrase(m[1] ?? m[2] ?? '');
    if (phrase) headings.push(phrase);
  }
  const lines = text.split('\n').map((line) => (TRACE_LINE.test(line) ? ' xxtrace ' : line));
  text = lines.join('\n');
  text = text
    .replace(IMAGE, ' xximage ')
    .replace(URL, hostToken)
    .replace(PATH, ' xxpath ')
    .replace(VERSION, ' xxver ')
    .replace(CHECKBOX, ' xxcheck ')
    .replace(/\?/g, ' xxq ');
  return { text: text.toLowerCase().slice(0, maxChars), headings };
}

/** Cleans a title: same markers, and `xxtitleq` when it is phrased as a question. */
export function cleanTitle(title: string): string {
  const t = title.trim();
  const question =
    /\?\s*$/.test(t) || /^(?:how|why|what|is|are|can|could|does|do|should|where|when|which)\b/i.test(t);
  const text = t.replace(URL, hostToken).replace(VERSION, ' xxver ').replace(/\?/g, ' xxq ');
  return `${text.toLowerCase()}${question ? ' xxtitleq' : ''}`;
}

const WORD = /[\p{L}_][\p{L}\p{N}_']*|\p{N}+/gu;

/** Word tokens; numbers become `xxnum`, trailing apostrophes are dropped. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    if (w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57) out.push('xxnum');
    else out.push(w.endsWith("'") ? w.slice(0, -1) : w);
  }
  return out;
}
