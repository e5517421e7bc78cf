/**
 * How a commit message or a pull request names an issue: "fixes #123" (GitHub's closing keywords,
 * also `owner/name#123` and issue URLs) closes it; a bare "#123", "gh-123" or link only mentions it.
 */

export type IssueReference = 'closes' | 'mentions';

export interface IssueRef {
  number: number;
  /** "owner/name": a cross-repository reference or URL must name it; null accepts only bare #N. */
  repo: string | null;
}

const KEYWORDS = 'close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function targets(ref: IssueRef): string {
  const repo = ref.repo ? escape(ref.repo) : null;
  const forms = [`(?<![\\w/])#${ref.number}`, `\\bgh-${ref.number}`];
  if (repo) forms.push(`\\b${repo}#${ref.number}`, `https?://github\\.com/${repo}/issues/${ref.number}`);
  return `(?:${forms.join('|')})(?![\\d\\w])`;
}

/** The strongest way `text` refers to the issue, or null when it does not. */
export function findIssueReference(text: string, ref: IssueRef): IssueReference | null {
  if (!text) return null;
  const target = targets(ref);
  // "Fixes #1, #2 and #3": a keyword covers the list that follows it.
  const closing = new RegExp(
    `\\b(?:${KEYWORDS})\\b:?\\s+(?:(?:[\\w./-]*#\\d+|https?://\\S+|gh-\\d+)[\\s,]+(?:and\\s+)?)*${target}`,
    'i',
  );
  if (closing.test(text)) return 'closes';
  return new RegExp(target, 'i').test(text) ? 'mentions' : null;
}

/**
 * The pull request a commit landed, when its message says so: a squash merge "Title (#123)" on its
 * first line, or "Merge pull request #123 from …".
 */
export function pullRequestOfCommit(message: string): number | null {
  const subject = message.split('\n', 1)[0] ?? '';
  const squash = /\(#(\d+)\)\s*$/.exec(subject);
  if (squash) return Number(squash[1]);
  const merge = /^Merge pull request #(\d+)\b/.exec(subject);
  return merge ? Number(merge[1]) : null;
}
