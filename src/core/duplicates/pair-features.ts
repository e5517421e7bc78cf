import type { IssueText } from '../issue.ts';
import { evidenceKey, inverseDocumentFrequency } from './corpus-stats.ts';
import type { CorpusStats } from './corpus-stats.ts';
import { extractDuplicateEvidence, normaliseMessage } from './extract-evidence.ts';
import type { DuplicateFingerprint } from './extract-evidence.ts';
import type { TermAssociations } from './term-associations.ts';
import { countTerms, tokenise } from './text-normalise.ts';

/** One issue prepared for pairwise comparison (vectors are computed once per issue, not per pair). */
export interface PreparedIssue {
  id: string;
  title: Map<string, number>;
  body: Map<string, number>;
  full: Map<string, number>;
  fingerprint: DuplicateFingerprint;
  createdAt?: string;
}

/** The part of a PreparedIssue that depends on its text alone (what a cache may keep). */
export type PreparedText = Pick<PreparedIssue, 'title' | 'body' | 'full' | 'fingerprint'>;

/** The names of the pair features, in the order of the feature vector and of the weights. */
export const FEATURE_NAMES = [
  'titleCosine',
  'bodyCosine',
  'fullCosine',
  'crossCosine',
  'errorOverlap',
  'frameOverlap',
  'identifierOverlap',
  'versionOverlap',
  'urlOverlap',
  'retrievalScore',
  'timeProximity',
  'bridgedTitle',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Shared items behind the overlap features, kept for human-readable evidence. */
export interface PairMatches {
  titleTerms: string[];
  bodyTerms: string[];
  errors: string[];
  frames: string[];
  identifiers: string[];
  versions: string[];
  urls: string[];
  /** "query word ~ candidate word" links through learned term associations. */
  bridges: string[];
}

export interface PairFeatures {
  values: Record<FeatureName, number>;
  matches: PairMatches;
}

const BODY_CHARS = 20_000;

/** Tokenises and fingerprints one issue for comparison. */
export function prepareIssue(input: {
  id: string;
  text: IssueText;
  fingerprint?: DuplicateFingerprint;
  createdAt?: string;
  prepared?: PreparedText;
}): PreparedIssue {
  if (input.prepared)
    return {
      ...input.prepared,
      id: input.id,
      ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
    };
  const title = countTerms(tokenise(input.text.title));
  const body = countTerms(tokenise(input.text.body.slice(0, BODY_CHARS)));
  const full = new Map(body);
  // The title counts twice in the whole-document vector: it is the densest summary of the bug.
  for (const [term, n] of title) full.set(term, (full.get(term) ?? 0) + 2 * n);
  const prepared: PreparedIssue = {
    id: input.id,
    title,
    body,
    full,
    fingerprint: input.fingerprint ?? extractDuplicateEvidence(input.text),
  };
  if (input.createdAt !== undefined) prepared.createdAt = input.createdAt;
  return prepared;
}

/** Computes the pair features of a query and one candidate; `retrievalScore` must already be in 0..1. */
export function computePairFeatures(
  query: PreparedIssue,
  candidate: PreparedIssue,
  context: { corpusStats?: CorpusStats; retrievalScore?: number; associations?: TermAssociations },
): PairFeatures {
  const stats = context.corpusStats;
  const q = query.fingerprint;
  const c = candidate.fingerprint;
  const title = tfidfCosine(query.title, candidate.title, stats);
  const body = tfidfCosine(query.body, candidate.body, stats);
  const errors = errorOverlap(q.errorMessages, c.errorMessages, stats);
  const frames = setOverlap(q.stackFrames, c.stackFrames, { prefix: 'f', stats });
  const identifiers = setOverlap(q.identifiers, c.identifiers, { prefix: 'i', stats });
  const versions = setOverlap(q.versions, c.versions, { prefix: 'v', stats });
  const urls = setOverlap(q.urls ?? [], c.urls ?? [], { prefix: 'u', stats });
  const forward = bridgedCoverage(query.title, candidate.full, { stats, associations: context.associations });
  const backward = bridgedCoverage(candidate.title, query.full, {
    stats,
    associations: context.associations,
  });
  const values: Record<FeatureName, number> = {
    titleCosine: title.score,
    bodyCosine: body.score,
    fullCosine: tfidfCosine(query.full, candidate.full, stats).score,
    crossCosine: Math.max(
      tfidfCosine(query.title, candidate.full, stats).score,
      tfidfCosine(query.full, candidate.title, stats).score,
    ),
    errorOverlap: errors.score,
    frameOverlap: frames.score,
    identifierOverlap: identifiers.score,
    versionOverlap: versions.score,
    urlOverlap: urls.score,
    retrievalScore: context.retrievalScore ?? 0,
    timeProximity: timeProximity(query.createdAt, candidate.createdAt),
    bridgedTitle: (forward.score + backward.score) / 2,
  };
  const matches: PairMatches = {
    titleTerms: title.shared,
    bodyTerms: body.shared,
    errors: errors.shared,
    frames: frames.shared,
    identifiers: identifiers.shared,
    versions: versions.shared,
    urls: urls.shared,
    bridges: [...forward.shared, ...backward.shared.map(flipBridge)],
  };
  return { values, matches };
}

interface Overlap {
  score: number;
  /** Shared items, most informative first. */
  shared: string[];
}

/** Cosine of idf-weighted, sub-linear term-frequency vectors. */
export function tfidfCosine(a: Map<string, number>, b: Map<string, number>, stats?: CorpusStats): Overlap {
  if (a.size === 0 || b.size === 0) return { score: 0, shared: [] };
  const wa = termWeights(a, stats);
  const wb = termWeights(b, stats);
  let dot = 0;
  const contributions: [string, number][] = [];
  for (const [term, weight] of wa) {
    const other = wb.get(term);
    if (other === undefined) continue;
    const part = weight * other;
    dot += part;
    contributions.push([term, part]);
  }
  if (dot === 0) return { score: 0, shared: [] };
  return { score: dot / (vectorNorm(a, stats) * vectorNorm(b, stats)), shared: byWeightDesc(contributions) };
}

/**
 * Each term's weight (1 + ln tf) * idf, memoised per vector and statistics object like its norm:
 * a cached candidate meets many queries, and the weights (a logarithm and an idf look-up per term)
 * were most of the cost of a comparison. Same numbers, same order as computing them in place.
 */
const weightCache = new WeakMap<
  Map<string, number>,
  { stats: CorpusStats | undefined; documents: number; weights: Map<string, number> }
>();

function termWeights(v: Map<string, number>, stats: CorpusStats | undefined): Map<string, number> {
  const hit = weightCache.get(v);
  if (hit && hit.stats === stats && hit.documents === (stats?.documentCount ?? 0)) return hit.weights;
  const weights = new Map<string, number>();
  for (const [term, tf] of v) weights.set(term, (1 + Math.log(tf)) * inverseDocumentFrequency(stats, term));
  weightCache.set(v, { stats, documents: stats?.documentCount ?? 0, weights });
  return weights;
}

/**
 * Norms of term vectors, memoised per vector and statistics object: a cached prepared issue is
 * compared with many queries under the same statistics, and its norm was most of that cost.
 */
const norms = new WeakMap<
  Map<string, number>,
  { stats: CorpusStats | undefined; documents: number; norm: number }
>();

function vectorNorm(v: Map<string, number>, stats: CorpusStats | undefined): number {
  const hit = norms.get(v);
  // Statistics grown since (addToCorpusStats) change the idf: the document count tells.
  if (hit && hit.stats === stats && hit.documents === (stats?.documentCount ?? 0)) return hit.norm;
  let sum = 0;
  for (const weight of termWeights(v, stats).values()) sum += weight ** 2;
  const norm = Math.sqrt(sum);
  norms.set(v, { stats, documents: stats?.documentCount ?? 0, norm });
  return norm;
}

/** idf-weighted cosine of two item sets (binary vectors). */
function setOverlap(
  a: readonly string[],
  b: readonly string[],
  key: { prefix: string; stats: CorpusStats | undefined },
): Overlap {
  if (a.length === 0 || b.length === 0) return { score: 0, shared: [] };
  const idf = (item: string): number => inverseDocumentFrequency(key.stats, evidenceKey(key.prefix, item));
  const bLower = new Map(b.map((item) => [item.toLowerCase(), item]));
  const contributions: [string, number][] = [];
  for (const item of new Set(a))
    if (bLower.has(item.toLowerCase())) contributions.push([item, idf(item) ** 2]);
  if (contributions.length === 0) return { score: 0, shared: [] };
  const norm = (items: readonly string[]): number =>
    Math.sqrt([...new Set(items)].reduce((s, i) => s + idf(i) ** 2, 0));
  const dot = contributions.reduce((s, [, w]) => s + w, 0);
  return { score: Math.min(1, dot / (norm(a) * norm(b))), shared: byWeightDesc(contributions) };
}

/**
 * Error lines rarely repeat verbatim (paths, ids, wording), so two errors match when they name
 * the same exception type or share most of their normalised words.
 */
function errorOverlap(a: readonly string[], b: readonly string[], stats?: CorpusStats): Overlap {
  if (a.length === 0 || b.length === 0) return { score: 0, shared: [] };
  const contributions: [string, number][] = [];
  for (const ea of a) {
    let best = 0;
    for (const eb of b) best = Math.max(best, messageSimilarity(ea, eb));
    if (best >= 0.6) contributions.push([ea, best * inverseDocumentFrequency(stats, evidenceKey('e', ea))]);
  }
  if (contributions.length === 0) return { score: 0, shared: [] };
  // Scale idf into 0..1 by the idf of an item seen once, so the feature does not grow with corpus size.
  const maxIdf = inverseDocumentFrequency(stats, '\u0000unseen');
  const total = contributions.reduce((s, [, w]) => s + w, 0) / maxIdf;
  return {
    score: Math.min(1, total / Math.sqrt(Math.min(a.length, b.length))),
    shared: byWeightDesc(contributions),
  };
}

function messageSimilarity(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return 1;
  const wa = new Set(
    normaliseMessage(a)
      .toLowerCase()
      .split(/[^a-z0-9<>$.]+/)
      .filter(Boolean),
  );
  const wb = new Set(
    normaliseMessage(b)
      .toLowerCase()
      .split(/[^a-z0-9<>$.]+/)
      .filter(Boolean),
  );
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  return shared / Math.max(1, Math.max(wa.size, wb.size));
}

/**
 * The share of a title's (idf-weighted) words that the other issue does not contain but does contain
 * a learned associate of, each counted by the association's strength: how much of the summary the
 * other report says in other words. Exact matches count 0 here (the cosines measure them).
 */
function bridgedCoverage(
  title: Map<string, number>,
  other: Map<string, number>,
  at: { stats: CorpusStats | undefined; associations: TermAssociations | undefined },
): Overlap {
  if (!at.associations || title.size === 0 || other.size === 0) return { score: 0, shared: [] };
  let total = 0;
  let bridged = 0;
  const contributions: [string, number][] = [];
  for (const term of title.keys()) {
    const weight = inverseDocumentFrequency(at.stats, term);
    total += weight;
    if (other.has(term)) continue;
    let best: [string, number] | null = null;
    for (const link of at.associations.neighbours.get(term) ?? [])
      if (other.has(link[0]) && (best === null || link[1] > best[1])) best = link;
    if (best === null) continue;
    bridged += weight * best[1];
    contributions.push([`${term} ~ ${best[0]}`, weight * best[1]]);
  }
  return total > 0
    ? { score: bridged / total, shared: byWeightDesc(contributions) }
    : { score: 0, shared: [] };
}

function flipBridge(link: string): string {
  const [a, b] = link.split(' ~ ');
  return `${b} ~ ${a}`;
}

/** 1 for reports filed the same day, 0.5 after ~30 days, towards 0 after a year; 0 when unknown. */
function timeProximity(a?: string, b?: string): number {
  if (!a || !b) return 0;
  const days = Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
  return Number.isFinite(days) ? 1 / (1 + days / 30) : 0;
}

function byWeightDesc(contributions: [string, number][]): string[] {
  return contributions.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([item]) => item);
}
