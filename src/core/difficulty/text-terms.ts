/**
 * Turns an issue's title and body into the word terms the learned text model reads. The
 * normalisation keeps what generalises across repositories (the wording of the request) and
 * replaces what does not (code, identifiers, paths, links, numbers) by placeholder tokens, so a
 * model trained on one repository does not learn its API names.
 */

/** How much of the body is read: the request is stated first; long tails are logs and templates. */
export const BODY_CHARS = 2000;

/** Placeholder tokens; the `xx` prefix cannot collide with lower-cased English words. */
const PLACEHOLDER = {
  codeBlock: ' xxcodeblock ',
  code: ' xxcode ',
  url: ' xxurl ',
  path: ' xxpath ',
  ident: ' xxident ',
  version: ' xxversion ',
  number: ' xxnum ',
} as const;

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const FENCE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g;
const URL = /\bhttps?:\/\/[^\s)<>\]]+|\bwww\.[^\s)<>\]]+/g;
const INLINE_CODE = /`[^`\n]{1,200}`/g;
const PATH =
  /(?:[\w.-]+\/)+[\w.-]+|\b[\w-]+\.(?:py|pyi|ts|tsx|js|jsx|go|rs|java|rb|php|c|cc|cpp|h|cs|sh|ya?ml|toml|json|md|rst|cfg|ini|ipynb|txt|csv|parquet|arrow)\b/g;
// camelCase / PascalCase with an inner capital, snake_case, dotted.names: API names of one project.
const IDENT = /\b[A-Za-z]+[a-z][A-Z]\w*\b|\b\w+_\w+\b|\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\b/g;
const VERSION = /\bv?\d+(?:\.\d+)+\w*\b/g;
const NUMBER = /\b\d+\w*\b/g;
const WORD = /xx[a-z]+|[a-z]+(?:'[a-z]+)?/g;

/** Lower-cased word tokens of a text, with code, links, identifiers and numbers as placeholders. */
export function wordTokens(text: string): string[] {
  const normalised = text
    .replace(FENCE, PLACEHOLDER.codeBlock)
    .replace(URL, PLACEHOLDER.url)
    .replace(INLINE_CODE, PLACEHOLDER.code)
    .replace(PATH, PLACEHOLDER.path)
    .replace(IDENT, PLACEHOLDER.ident)
    .replace(VERSION, PLACEHOLDER.version)
    .replace(NUMBER, PLACEHOLDER.number)
    .toLowerCase();
  return normalised.match(WORD) ?? [];
}

/** Which part of the issue a term came from. */
export type TextField = 't' | 'b';

/** Unigrams and bigrams of a token list, prefixed with the field; `^` marks the start. */
function ngrams(field: TextField, tokens: readonly string[]): string[] {
  const terms: string[] = [];
  let previous = '^';
  for (const token of tokens) {
    terms.push(`${field}:${token}`, `${field}:${previous} ${token}`);
    previous = token;
  }
  return terms;
}

/** The terms of one issue: title and body (first BODY_CHARS characters) n-grams. */
export interface IssueTerms {
  title: string[];
  body: string[];
}

/** Terms of an issue's title and body, as the text model reads them. */
export function issueTerms(input: { title: string; body: string | null | undefined }): IssueTerms {
  return {
    title: ngrams('t', wordTokens(input.title)),
    // Template instructions in HTML comments are not the author's words; drop them before cutting.
    body: ngrams('b', wordTokens((input.body ?? '').replace(HTML_COMMENT, ' ').slice(0, BODY_CHARS))),
  };
}
