import type { IssueType } from '../../core/classify/index.ts';
import type { IssueState } from '../../core/issue.ts';
import type { StoredAnalysis } from '../../store/analysis.repository.ts';
import type { DuplicateCounts, DuplicateLink } from '../../store/duplicate.repository.ts';
import type { StoredComment, StoredIssue } from '../../store/issue.repository.ts';
import { MARK_END, MARK_START } from '../../core/search/issue-query.ts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Turns a ts_headline snippet into HTML whose only tags are <mark>: the issue text is escaped first,
 * then the control-character markers become tags, so nothing from the issue can inject markup.
 */
export function snippetToHtml(snippet: string | null): string | null {
  if (!snippet) return null;
  const escaped = snippet.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  return escaped.replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>').replace(/\s+/g, ' ').trim();
}

type PresentableIssue = StoredIssue & {
  snippet?: string | null;
  analysis?: StoredAnalysis | null;
  duplicateCounts?: DuplicateCounts;
};

export function presentAnalysis(
  analysis: StoredAnalysis | null | undefined,
  duplicates: DuplicateCounts = { all: 0, confirmed: 0 },
) {
  if (!analysis) return undefined;
  return {
    // The classifier only knows ISSUE_TYPES; the route's response schema checks it when serialising.
    type: analysis.type as IssueType,
    typeConfidence: analysis.typeConfidence,
    typeProbabilities: analysis.typeProbabilities,
    typeReasons: analysis.typeReasons,
    difficulty: analysis.difficulty,
    gfiScore: analysis.gfiScore,
    difficultyReasons: analysis.difficultyReasons,
    concepts: analysis.concepts.map((c) => ({
      id: c.id,
      name: c.name,
      score: c.score,
      path: c.path,
      evidence: c.evidence,
    })),
    duplicateCount: duplicates.all,
    confirmedDuplicateCount: duplicates.confirmed,
    version: analysis.version,
    // The configured LLM's opinion (the offline `type` stays Loupe's answer), or why there is none.
    ...(analysis.llm ? { llm: analysis.llm } : {}),
    ...(analysis.llmError ? { llmError: analysis.llmError } : {}),
  };
}

export function presentIssueSummary(issue: PresentableIssue) {
  return {
    id: String(issue.id),
    source: issue.source,
    repo: issue.repo,
    number: issue.number,
    key: issue.itemKey,
    title: issue.title,
    state: issue.state,
    stateReason: issue.stateReason,
    isPullRequest: issue.isPullRequest,
    mergedAt: issue.mergedAt,
    labels: issue.labels.map((l) => ({ name: l.name, color: l.color ?? null })),
    author: issue.author,
    commentsCount: issue.commentsCount,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    url: issue.url,
    isDemo: issue.isDemo,
    snippetHtml: snippetToHtml(issue.snippet ?? null),
    analysis: presentAnalysis(issue.analysis, issue.duplicateCounts),
  };
}

export function presentDuplicateLink(link: DuplicateLink) {
  return {
    id: String(link.otherId),
    repo: link.otherRepo,
    number: link.otherNumber,
    title: link.otherTitle,
    // A CHECK constraint keeps issues.state to 'open' | 'closed'.
    state: link.otherState as IssueState,
    status: link.status,
    origin: link.origin,
    direction: link.direction,
    score: link.score,
    evidence: link.evidence,
  };
}

/** An issue of the same repository that the body or a comment mentions as "#N". */
export interface MentionedIssue {
  id: number;
  number: number;
  title: string;
  state: string;
  isPullRequest: boolean;
}

export function presentIssueDetail(
  issue: PresentableIssue,
  comments: StoredComment[],
  duplicates: DuplicateLink[] = [],
  mentions: readonly MentionedIssue[] = [],
) {
  return {
    issue: {
      ...presentIssueSummary(issue),
      body: issue.body,
      assignees: issue.assignees,
      milestone: issue.milestone,
      reactionsCount: issue.reactionsCount,
      closedAt: issue.closedAt,
      authorAssociation: issue.authorAssociation,
    },
    comments: comments.map((c) => ({
      id: String(c.id),
      author: c.author,
      authorAssociation: c.authorAssociation ?? null,
      body: c.body,
      createdAt: c.createdAt,
    })),
    duplicates: duplicates.map(presentDuplicateLink),
    mentions: mentions.map((m) => ({
      id: String(m.id),
      number: m.number,
      title: m.title,
      // A CHECK constraint keeps issues.state to 'open' | 'closed'.
      state: m.state as IssueState,
      isPullRequest: m.isPullRequest,
    })),
  };
}
