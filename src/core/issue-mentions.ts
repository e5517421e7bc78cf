/**
 * "#123" mentions of issues of the same repository in issue and comment text (Markdown), the way
 * GitHub links them: a bare `#` and digits, not part of a word, a path, a URL anchor or a
 * cross-repository reference (`owner/name#123`), and not inside code. Pure.
 */

const CODE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`/g;
/** The pattern the web client also uses to turn mentions in rendered text into links. */
export const ISSUE_MENTION = /(?<![\w/#&])#(\d{1,9})\b/g;

/** Distinct issue numbers mentioned in the texts, in order of first mention; at most `max`. */
export function mentionedIssueNumbers(texts: readonly string[], max = 100): number[] {
  const found = new Set<number>();
  for (const text of texts) {
    for (const match of text.replace(CODE, ' ').matchAll(ISSUE_MENTION)) {
      const number = Number(match[1]);
      if (number > 0) found.add(number);
      if (found.size >= max) return [...found];
    }
  }
  return [...found];
}
