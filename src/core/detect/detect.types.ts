/** Inputs and outputs of the "already implemented?" detector. */
import type { IssueTextInput } from './issue-terms.ts';

/** The issue judged: its text, its number (for references) and when it was opened. */
export interface DetectIssue extends IssueTextInput {
  number: number;
  /** "owner/name": lets "owner/name#123" and issue URLs count; null accepts only bare "#123". */
  repo: string | null;
  labels: readonly string[];
  /** ISO-8601. */
  createdAt: string;
}

/** A pull request of the same repository (from the store or an issues file). */
export interface PullRequestFacts {
  number: number;
  title: string;
  body: string;
  /** Only merged pull requests count; their merge commit must be in the judged history too. */
  merged: boolean;
}

export type EvidenceKind =
  | 'closing-reference'
  | 'mention'
  | 'pull-request'
  | 'commit-change'
  | 'test'
  | 'docs'
  | 'symbol'
  | 'existing-code'
  | 'commit-message';

/** When a piece of evidence appeared relative to the issue. */
export type EvidenceTiming = 'after-issue' | 'before-issue';

export interface Evidence {
  kind: EvidenceKind;
  /** Contribution to the log-odds of "implemented" (0 for context shown without weight). */
  weight: number;
  timing: EvidenceTiming;
  summary: string;
  commit?: string;
  path?: string;
  pullRequest?: number;
  /** Issue terms this evidence matched. */
  terms: string[];
}

/**
 * implemented-after-issue: the evidence came after the issue was opened (work done for it);
 * existed-before-issue: what matches is older than the issue (the report may have missed an existing
 * feature); not-found: the confidence is under the threshold.
 */
export type DetectStatus = 'implemented-after-issue' | 'existed-before-issue' | 'not-found';

export interface DetectVerdict {
  /** In [0, 1]: how likely what the issue asks for exists at the commit. */
  confidence: number;
  threshold: number;
  implemented: boolean;
  status: DetectStatus;
  /** Strongest first. */
  evidence: Evidence[];
  /** The issue's key terms, most telling first. */
  terms: string[];
  /** The features the confidence was computed from (for evaluation and fitting). */
  features: DetectFeatures;
}

/** Numeric summary of the evidence; the confidence is a logistic function of these. */
export interface DetectFeatures {
  /** 1 when a commit or merged pull request closes the issue ("fixes #N"). */
  closes: number;
  /** 1 when one only mentions it. */
  mentions: number;
  /** Best post-issue commit: share of the issue's weighted terms its changes added, damped by its size. */
  bestCommit: number;
  /** How far the best post-issue commit stands above the second best (one commit that matches stands out). */
  standout: number;
  /** Share of the title's weighted terms the best post-issue commit added. */
  bestTitle: number;
  /** Share of the weighted identifiers and flags the best post-issue commit added. */
  bestIdentifiers: number;
  /** Share of weighted terms that post-issue changes to tests added. */
  tests: number;
  /** Share of weighted terms that post-issue changes to docs, CHANGELOG or release notes added. */
  docs: number;
  /** Share of the weighted identifier terms that post-issue changes declared as symbols. */
  symbols: number;
  /** Share of weighted terms present anywhere in the tree at the commit. */
  existing: number;
  /** Best share of the title's weighted terms in a post-issue commit message (hidden ones excluded). */
  message: number;
  /** log(1 + commits since the issue was opened): more history, more chance matches. */
  logCommits: number;
}
