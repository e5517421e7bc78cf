/**
 * The words code and issues are compared on. Both sides go through the same normalisation, so an
 * issue's `push_to_hub`, "pushToHub" or "push to hub" meet the code's `push_to_hub` at some level:
 * whole identifiers (lower-cased) for exact, specific matches, and their parts for looser ones.
 */

/** Identifiers, plus command-line flags (`--max-workers`), which code usually holds in strings. */
const TOKEN = /(?<![\w.-])(?:--?[a-z][a-z0-9]*(?:-[a-z0-9]+)+|--[a-z][a-z0-9]+)|[A-Za-z_$][A-Za-z0-9_$]*/g;
const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

/** Shortest token kept: two-letter words are too common to say anything. */
export const MIN_TOKEN_LENGTH = 3;
/** Longest token kept: longer runs are hashes, base64 or minified code. */
export const MAX_TOKEN_LENGTH = 60;

/** The parts of an identifier: `pushToHub` -> push, to, hub; `MAX_SIZE` -> max, size (lower-cased). */
export function identifierParts(identifier: string): string[] {
  return (identifier.match(PART) ?? []).map((part) => part.toLowerCase());
}

const keep = (token: string): boolean => token.length >= MIN_TOKEN_LENGTH && token.length <= MAX_TOKEN_LENGTH;

/**
 * Adds the tokens of `text` to `into`: each identifier lower-cased, and, when it is compound, each of
 * its parts too. Flags keep their dashes. Returns `into`.
 */
export function addCodeTokens(text: string, into: Set<string>): Set<string> {
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    if (raw.startsWith('-')) {
      if (keep(raw)) into.add(raw.toLowerCase());
      for (const part of raw.split('-')) if (keep(part)) into.add(part.toLowerCase());
      continue;
    }
    const lower = raw.toLowerCase();
    if (keep(lower)) into.add(lower);
    const parts = identifierParts(raw);
    if (parts.length > 1) for (const part of parts) if (keep(part)) into.add(part);
  }
  return into;
}

/** The distinct tokens of a text (see addCodeTokens). */
export function codeTokens(text: string): Set<string> {
  return addCodeTokens(text, new Set());
}
