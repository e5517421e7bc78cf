import type { IssueText } from '../issue.ts';
import { tokenise } from './text-normalise.ts';

/**
 * The concrete, checkable facts in an issue that make two reports "the same bug": error lines,
 * stack frames, code identifiers, versions and links, plus its normalised content words.
 * All lists are de-duplicated and in order of first appearance.
 */
export interface DuplicateFingerprint {
  /** "ExceptionType: normalised message" or a normalised ERROR/FATAL log line. */
  errorMessages: string[];
  /** "org.pkg.Class.method" (Java/JS) or "file.py:function" (Python). */
  stackFrames: string[];
  /** Exception names, CamelCase and snake_case names, dotted config keys, file names. */
  identifiers: string[];
  /** Version numbers such as "3.3.1" or "2.49.5". */
  versions: string[];
  urls?: string[];
  /** Normalised (lower-cased, stemmed, stopword-free) content words. */
  terms: string[];
}

// Beyond this, more text adds cost but almost never new evidence (logs pasted 10 000 times).
const MAX_SCAN_CHARS = 60_000;
const MAX_ITEMS = 40;
const MAX_TERMS = 400;

const EXCEPTION_LINE =
  /\b((?:[a-zA-Z_$][\w$]*\.)*[A-Z][\w$]*(?:Exception|Error|Failure|Fault|Panic))\b(?::[ \t]*([^\n]{0,200}))?/g;
const LOG_ERROR_LINE = /\b(?:ERROR|FATAL|SEVERE)\b[\]:]?\s+([^\n]{5,200})/g;
const JAVA_FRAME = /^\s*at\s+(?:[\w.$]+\/)?([\w$]+(?:\.[\w$<>]+)+)\(/gm; // no space before "(": that is a JS frame
const JS_FRAME = /^\s*at\s+([\w$.<>]+)\s+\((?:[^()\n]*[/\\])?([\w.-]+\.[jt]sx?):\d+/gm;
const PY_FRAME = /File\s+"(?:[^"\n]*[/\\])?([^"/\\\n]+\.py)",\s+line\s+\d+,\s+in\s+([\w<>]+)/g;
const URL = /\bhttps?:\/\/[^\s"'<>()[\]{}|]+/g;
const VERSION =
  /(?<![\w.])v?(\d{1,4}\.\d{1,4}(?:\.\d{1,5}){0,2}(?:-(?:alpha|beta|rc|snapshot|m)\d*)?)(?![\w.]*\d)/gi;
const CAMEL = /\b[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]+){1,}[A-Z]?\b|\b[A-Z]{2,}[a-z]+(?:[A-Z][a-z0-9]*)+\b/g;
const SNAKE = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g;
const DOTTED_KEY = /\b[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*){2,}\b/g;
const FILE_NAME =
  /\b[\w-]+\.(?:java|py|js|ts|jsx|tsx|c|cc|cpp|h|xml|json|yaml|yml|properties|sh|gradle|scala|go|rs|rb|jar|so|dll|exe)\b/g;

/** Extracts the duplicate-detection evidence of one issue. Pure and deterministic. */
export function extractDuplicateEvidence(text: IssueText): DuplicateFingerprint {
  const full = `${text.title}\n${text.body}`.slice(0, MAX_SCAN_CHARS);
  const urls = unique(matchAll(full, URL, 0).map(normaliseUrl));
  const withoutUrls = full.replace(URL, ' ');
  const frames = extractFrames(withoutUrls);
  return {
    errorMessages: extractErrors(withoutUrls),
    stackFrames: frames,
    identifiers: extractIdentifiers(withoutUrls, new Set(frames)),
    versions: unique(
      matchAll(withoutUrls, VERSION, 1)
        .map((v) => v.toLowerCase())
        .filter(isPlausibleVersion),
    ),
    urls,
    terms: unique(tokenise(full)).slice(0, MAX_TERMS),
  };
}

/** Replaces volatile parts of a message (numbers, ids, paths, hosts) so re-reports compare equal. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f-]{27,}\b/gi, '<uuid>')
    .replace(/(?:[A-Za-z]:)?(?:[/\\][\w.@-]+){2,}[/\\]?/g, '<path>')
    .replace(/\b\d+(?:[.:]\d+)*\b/g, '<n>')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/, '')
    .trim();
}

function extractErrors(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(EXCEPTION_LINE)) {
    const name = m[1] ?? '';
    if (/^(?:Exception|Error)$/.test(name) && !m[2]) continue;
    const message = m[2] ? normaliseMessage(m[2]) : '';
    out.push(message ? `${name}: ${message}` : name);
  }
  for (const m of text.matchAll(LOG_ERROR_LINE)) out.push(normaliseMessage(m[1] ?? ''));
  return unique(out.filter((e) => e.length > 3)).slice(0, MAX_ITEMS);
}

function extractFrames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(JS_FRAME)) out.push(`${m[2]}:${m[1]}`);
  for (const m of text.matchAll(JAVA_FRAME)) {
    const frame = m[1] ?? '';
    if (/\.(?:js|ts|jsx|tsx)$/.test(frame)) continue;
    out.push(frame);
  }
  for (const m of text.matchAll(PY_FRAME)) out.push(`${m[1]}:${m[2]}`);
  return unique(out).slice(0, MAX_ITEMS * 2);
}

function extractIdentifiers(text: string, frames: Set<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(EXCEPTION_LINE)) out.push(shortName(m[1] ?? ''));
  out.push(...matchAll(text, FILE_NAME, 0));
  out.push(...matchAll(text, CAMEL, 0).filter((w) => w.length >= 5));
  out.push(...matchAll(text, SNAKE, 0).filter((w) => w.length >= 5 && !/^\d/.test(w)));
  for (const key of matchAll(text, DOTTED_KEY, 0)) {
    // Java package prefixes of stack frames are already represented by the frames themselves.
    if (!frames.has(key) && !/^(?:java|javax|sun|jdk|org|com|net|io)\./.test(key)) out.push(key);
  }
  return unique(out.filter((w) => w.length > 2 && !/^(?:Exception|Error)$/.test(w))).slice(0, MAX_ITEMS);
}

function shortName(qualified: string): string {
  const parts = qualified.split('.');
  return parts[parts.length - 1] ?? qualified;
}

function normaliseUrl(url: string): string {
  return url
    .replace(/[.,;:!?]+$/, '')
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function isPlausibleVersion(version: string): boolean {
  const parts = version.replace(/^v/, '').split(/[.-]/);
  // "1.0" alone is too common to mean anything; IP-like and dates are not versions.
  return (
    !(parts.length === 4 && parts.every((p) => /^\d+$/.test(p) && Number(p) <= 255)) && version !== '1.0'
  );
}

function matchAll(text: string, pattern: RegExp, group: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(pattern)) {
    const value = m[group];
    if (value) out.push(value);
  }
  return out;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
