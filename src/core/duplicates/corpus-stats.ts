import type { IssueText } from '../issue.ts';
import { runSteps, type Steps } from '../steps.ts';
import { extractDuplicateEvidence } from './extract-evidence.ts';
import type { DuplicateFingerprint } from './extract-evidence.ts';

/**
 * Document frequencies over a collection of issues, for idf weighting of words and evidence.
 * Keys are plain normalised words, or a kind prefix plus a lower-cased evidence item
 * ("e:" error, "f:" stack frame, "i:" identifier, "v:" version, "u:" url).
 * Built incrementally with addToCorpusStats; plain data, so it can be cached or serialised.
 */
export interface CorpusStats {
  documentCount: number;
  documentFrequency: Map<string, number>;
}

/** Builds document frequencies for the given issues. */
export function buildCorpusStats(texts: Iterable<IssueText>): CorpusStats {
  return runSteps(buildCorpusStatsSteps(texts));
}

/** buildCorpusStats in steps (core/steps.ts) of 100 issues. */
export function* buildCorpusStatsSteps(texts: Iterable<IssueText>): Steps<CorpusStats> {
  const stats: CorpusStats = { documentCount: 0, documentFrequency: new Map() };
  for (const text of texts) {
    addToCorpusStats(stats, text);
    if (stats.documentCount % 100 === 0) yield;
  }
  return stats;
}

/** Adds one issue to the statistics (mutates and returns `stats`); pass a fingerprint to skip re-extraction. */
export function addToCorpusStats(
  stats: CorpusStats,
  text: IssueText,
  fingerprint?: DuplicateFingerprint,
): CorpusStats {
  const fp = fingerprint ?? extractDuplicateEvidence(text);
  stats.documentCount += 1;
  for (const key of fingerprintKeys(fp)) {
    stats.documentFrequency.set(key, (stats.documentFrequency.get(key) ?? 0) + 1);
  }
  return stats;
}

/** The distinct statistic keys of one fingerprint. */
export function fingerprintKeys(fp: DuplicateFingerprint): Set<string> {
  const keys = new Set<string>(fp.terms);
  const add = (prefix: string, items: readonly string[] | undefined): void => {
    for (const item of items ?? []) keys.add(evidenceKey(prefix, item));
  };
  add('e', fp.errorMessages);
  add('f', fp.stackFrames);
  add('i', fp.identifiers);
  add('v', fp.versions);
  add('u', fp.urls);
  return keys;
}

/** The statistic key of one evidence item. */
export function evidenceKey(prefix: string, item: string): string {
  return `${prefix}:${item.toLowerCase()}`;
}

/**
 * Smoothed inverse document frequency (the BM25 form, always > 0). Unknown keys get the idf of
 * a key seen once; with no statistics every key weighs 1 so scoring still works on its own.
 */
export function inverseDocumentFrequency(stats: CorpusStats | undefined, key: string): number {
  if (!stats || stats.documentCount === 0) return 1;
  const n = stats.documentCount;
  const df = Math.min(stats.documentFrequency.get(key) ?? 1, n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
