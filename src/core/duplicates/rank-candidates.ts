import type { IssueText } from '../issue.ts';
import type { CorpusStats } from './corpus-stats.ts';
import type { DuplicateFingerprint } from './extract-evidence.ts';
import { scoreFeatures } from './fit-ranking-weights.ts';
import type { RankingWeights } from './fit-ranking-weights.ts';
import { computePairFeatures, prepareIssue } from './pair-features.ts';
import type { FeatureName, PairFeatures, PreparedIssue, PreparedText } from './pair-features.ts';
import defaultWeights from './ranking-weights.json' with { type: 'json' };
import type { TermAssociations } from './term-associations.ts';

export interface DuplicateCandidateInput {
  id: string;
  text: IssueText;
  fingerprint?: DuplicateFingerprint;
  /** The candidate's text already tokenised (a PreparedTextCache hit); `text` is then not re-read. */
  prepared?: PreparedText;
  /** The retrieval engine's score (e.g. ts_rank_cd); only its ratio to the best in the list is used. */
  retrievalScore?: number;
  createdAt?: string;
}

export type DuplicateEvidenceKind =
  'error-message' | 'stack-frame' | 'identifier' | 'version' | 'title' | 'body' | 'url';

export interface DuplicateEvidence {
  kind: DuplicateEvidenceKind;
  /** A sentence a maintainer can check, e.g. "both report NullPointerException at org.a.B.c". */
  detail: string;
  /** This evidence's contribution to the score's log-odds. */
  weight: number;
}

export interface DuplicateCandidate {
  id: string;
  /** Probability-like score in 0..1 (logistic combination of the pair features). */
  score: number;
  evidence: DuplicateEvidence[];
  /** The pair features behind the score (what the suggestion model reads beside the scores). */
  features: Record<FeatureName, number>;
}

export interface DuplicateQuery {
  id: string;
  text: IssueText;
  fingerprint?: DuplicateFingerprint;
  /** When the query issue was created; enables the time-proximity feature. */
  createdAt?: string;
}

export interface RankOptions {
  /** Return at most this many candidates (default: all). */
  limit?: number;
  /** Document frequencies of the searched collection; without them every word weighs the same. */
  corpusStats?: CorpusStats;
  /** Feature weights; defaults to the weights fitted on the gitbugs Jira duplicates. */
  weights?: RankingWeights;
  /** Term associations learned from the searched collection (bridges re-worded reports). */
  associations?: TermAssociations;
}

/** The shipped default weights (see bench/dupes-quality.bench.ts --fit-weights). */
export const DEFAULT_RANKING_WEIGHTS: RankingWeights = defaultWeights;

/**
 * Re-ranks retrieved candidates for one query issue, best first; pure and deterministic
 * (ties broken by id). The query itself is never returned. Each candidate lists the evidence
 * behind its score, strongest first.
 */
export function rankDuplicateCandidates(
  query: DuplicateQuery,
  candidates: DuplicateCandidateInput[],
  options: RankOptions = {},
): DuplicateCandidate[] {
  const weights = options.weights ?? DEFAULT_RANKING_WEIGHTS;
  const prepared = prepareIssue(query);
  const context = {
    ...(options.corpusStats ? { corpusStats: options.corpusStats } : {}),
    ...(options.associations ? { associations: options.associations } : {}),
  };
  const ranked = scorePairs(prepared, candidates, context).map(({ id, features }) => ({
    id,
    score: round(scoreFeatures(features.values, weights)),
    evidence: describeEvidence(features, weights),
    features: features.values,
  }));
  ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
}

/** The pair features of every candidate (used by ranking and by weight fitting). */
export function scorePairs(
  query: PreparedIssue,
  candidates: DuplicateCandidateInput[],
  model: { corpusStats?: CorpusStats; associations?: TermAssociations } = {},
): { id: string; features: PairFeatures }[] {
  const maxRetrieval = Math.max(0, ...candidates.map((c) => c.retrievalScore ?? 0));
  const seen = new Set<string>([query.id]);
  const out: { id: string; features: PairFeatures }[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    const retrievalScore = maxRetrieval > 0 ? Math.max(0, candidate.retrievalScore ?? 0) / maxRetrieval : 0;
    const context = { ...model, retrievalScore };
    out.push({ id: candidate.id, features: computePairFeatures(query, prepareIssue(candidate), context) });
  }
  return out;
}

function describeEvidence(features: PairFeatures, weights: RankingWeights): DuplicateEvidence[] {
  const { values, matches } = features;
  const contribution = (name: FeatureName): number =>
    Math.round(weights.weights[name] * values[name] * 1000) / 1000;
  const items: DuplicateEvidence[] = [];
  const add = (kind: DuplicateEvidenceKind, name: FeatureName, detail: string | null): void => {
    const weight = contribution(name);
    if (detail !== null && weight > 0) items.push({ kind, detail, weight });
  };
  const topFrame = matches.frames[0];
  add(
    'error-message',
    'errorOverlap',
    matches.errors[0]
      ? `both report ${quoteList(matches.errors, 2)}${topFrame ? ` at ${topFrame}` : ''}`
      : null,
  );
  add(
    'stack-frame',
    'frameOverlap',
    topFrame ? `both stack traces pass through ${list(matches.frames, 3)}` : null,
  );
  add(
    'identifier',
    'identifierOverlap',
    matches.identifiers.length ? `both mention ${list(matches.identifiers, 5)}` : null,
  );
  add(
    'version',
    'versionOverlap',
    matches.versions.length ? `both mention version ${list(matches.versions, 3)}` : null,
  );
  add(
    'title',
    'bridgedTitle',
    matches.bridges.length ? `related wording: ${quoteList(matches.bridges, 4)}` : null,
  );
  add('url', 'urlOverlap', matches.urls.length ? `both link to ${list(matches.urls, 2)}` : null);
  add(
    'title',
    'titleCosine',
    matches.titleTerms.length ? `titles share ${quoteList(withoutParts(matches.titleTerms), 6)}` : null,
  );
  add(
    'body',
    'bodyCosine',
    matches.bodyTerms.length ? `descriptions share ${quoteList(withoutParts(matches.bodyTerms), 8)}` : null,
  );
  return items.sort((a, b) => b.weight - a.weight);
}

/** Drops words that are part of another listed word ("pool" beside "blockpoolslice"): less noise to read. */
function withoutParts(terms: readonly string[]): string[] {
  return terms.filter((t) => !terms.some((u) => u !== t && u.length > t.length && u.includes(t)));
}

function list(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (+${items.length - max} more)` : shown;
}

function quoteList(items: readonly string[], max: number): string {
  return list(
    items.map((i) => `"${i}"`),
    max,
  );
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
