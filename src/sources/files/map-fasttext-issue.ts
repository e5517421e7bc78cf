/**
 * Maps one fastText line ("__label__bug __label__ui Crash on save. Steps: …") to an IssueRecord.
 * Labels are the leading __label__ tokens, in order; `label` is the first. fastText files keep title
 * and body on one line with no separator, so the title is the text up to the first sentence end
 * (".", "?" or "!" followed by a space) and the body is the rest; with no sentence end, the whole
 * text is the title and the body is empty. Runs of whitespace become one space (fastText splits on
 * whitespace anyway). The id is the record's ordinal; fastText has no ids or dates.
 */
import type { IssueRecord } from './issue-record.ts';

const PREFIX = '__label__';
const SENTENCE_END = /[.?!]\s+/;

export function mapFastTextIssue(text: string, at: { line: number; ordinal: number }): IssueRecord {
  const tokens = text.trim().split(/\s+/);
  const labels: string[] = [];
  let first = 0;
  while (first < tokens.length && tokens[first]?.startsWith(PREFIX)) {
    const name = tokens[first]?.slice(PREFIX.length);
    if (name) labels.push(name);
    first++;
  }
  const rest = tokens.slice(first).join(' ');
  const end = SENTENCE_END.exec(rest);
  const title = end ? rest.slice(0, end.index + 1) : rest;
  const body = end ? rest.slice(end.index + end[0].length) : '';
  return {
    id: String(at.ordinal),
    repo: null,
    title,
    body,
    label: labels[0] ?? null,
    labels,
    createdAt: null,
    line: at.line,
  };
}
