/**
 * Hashed bag-of-features for one issue: title words and bigrams (their own namespace, because a
 * word in the title says more than the same word deep in a body), body words and bigrams, template
 * headings as phrases, and character 2–5-grams inside words (robust to inflection, typos, and
 * identifiers like `TypeError`). The hashing trick keeps the model a fixed size with no vocabulary
 * to ship; collisions at 2^17 buckets cost little for a linear model.
 */
import type { IssueText } from '../issue.ts';
import { cleanBody, cleanTitle, tokenize } from './issue-text.preprocess.ts';
import { clusterLookup } from './word-clusters.ts';
import type { WordClusters } from './word-clusters.ts';

/** How text becomes features; stored in the model so classification matches training. */
export interface FeatureOptions {
  /** Hash buckets, a power of two. */
  dim: number;
  /** Cleaned body prose kept, in characters. */
  maxBodyChars: number;
  /** Character n-gram sizes (inclusive); charMax 0 disables them. */
  charMin: number;
  charMax: number;
  /** Only the first words feed character n-grams, to bound cost on long bodies. */
  charMaxWords: number;
  /** Multiplier on title-namespace counts. */
  titleWeight: number;
  /** Weight of the (separately L2-normalised) character block relative to the word block. */
  charWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  dim: 1 << 17,
  maxBodyChars: 3000,
  charMin: 2,
  charMax: 5,
  charMaxWords: 400,
  titleWeight: 2,
  charWeight: 1,
};

/** Raw counts per hashed bucket, in two blocks that are normalised separately. */
export interface HashedCounts {
  word: Map<number, number>;
  char: Map<number, number>;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units; `seed` lets namespaces continue a hash. */
export function fnv1a(s: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

const CHAR_SEED = fnv1a('c:');

function add(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

interface Sink {
  counts: HashedCounts;
  mask: number;
  /** When present, the first feature name seen for each bucket (for explanations). */
  names?: Map<number, string>;
}

function emitWord(sink: Sink, name: string, by: number): void {
  const idx = fnv1a(name) & sink.mask;
  add(sink.counts.word, idx, by);
  if (sink.names && !sink.names.has(idx)) sink.names.set(idx, name);
}

function emitWordsAndBigrams(
  sink: Sink,
  tokens: string[],
  ns: { uni: string; bi: string; by: number },
): void {
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i] as string;
    emitWord(sink, ns.uni + w, ns.by);
    if (i > 0) emitWord(sink, `${ns.bi}${tokens[i - 1] as string} ${w}`, ns.by);
  }
}

/** Character n-grams of each word padded with spaces, hashed incrementally (no substrings). */
function emitCharGrams(sink: Sink, tokens: string[], opts: FeatureOptions): void {
  const limit = Math.min(tokens.length, opts.charMaxWords);
  for (let t = 0; t < limit; t++) {
    const raw = tokens[t] as string;
    if (raw.startsWith('xx') || raw.length > 30) continue;
    const w = ` ${raw} `;
    for (let start = 0; start < w.length; start++) {
      let h = CHAR_SEED;
      for (let end = start; end < w.length && end - start < opts.charMax; end++) {
        h = Math.imul(h ^ w.charCodeAt(end), FNV_PRIME);
        const n = end - start + 1;
        if (n < opts.charMin) continue;
        const idx = (h >>> 0) & sink.mask;
        add(sink.counts.char, idx, 1);
        if (sink.names && !sink.names.has(idx)) sink.names.set(idx, `c:${w.slice(start, end + 1)}`);
      }
    }
  }
}

/**
 * A `k:<id>` (and title `tk:<id>`) feature per word that has a cluster. Its explanation name is the
 * word itself, since the word is what the reader sees in the issue.
 */
function emitClusters(
  sink: Sink,
  tokens: string[],
  ns: { prefix: string; by: number; lookup: Map<string, number> },
) {
  for (const w of tokens) {
    const id = ns.lookup.get(w);
    if (id === undefined) continue;
    const idx = fnv1a(`${ns.prefix}${id}`) & sink.mask;
    add(sink.counts.word, idx, ns.by);
    if (sink.names && !sink.names.has(idx)) sink.names.set(idx, `w:${w}`);
  }
}

/** What extractFeatures may add to FeatureOptions. */
export interface FeatureExtras {
  /** Learn which feature string produced each bucket (slower; used to explain a classification). */
  names?: Map<number, string>;
  /** Word clusters learned from unlabelled text: a cluster feature beside each clustered word. */
  clusters?: WordClusters;
}

/** Hashed feature counts of an issue. */
export function extractFeatures(
  text: IssueText,
  opts: FeatureOptions,
  extras: FeatureExtras = {},
): HashedCounts {
  const sink: Sink = {
    counts: { word: new Map(), char: new Map() },
    mask: opts.dim - 1,
    names: extras.names,
  };
  const titleTokens = tokenize(cleanTitle(text.title));
  const body = cleanBody(text.body ?? '', opts.maxBodyChars);
  const bodyTokens = tokenize(body.text);
  emitWordsAndBigrams(sink, titleTokens, { uni: 't:', bi: 'tb:', by: opts.titleWeight });
  emitWordsAndBigrams(sink, titleTokens, { uni: 'w:', bi: 'b:', by: 1 });
  emitWordsAndBigrams(sink, bodyTokens, { uni: 'w:', bi: 'b:', by: 1 });
  if (extras.clusters) {
    const lookup = clusterLookup(extras.clusters);
    emitClusters(sink, titleTokens, { prefix: 'tk:', by: opts.titleWeight, lookup });
    emitClusters(sink, titleTokens, { prefix: 'k:', by: 1, lookup });
    emitClusters(sink, bodyTokens, { prefix: 'k:', by: 1, lookup });
  }
  for (const h of body.headings) emitWord(sink, `h:${h}`, 1);
  if (bodyTokens.length === 0) emitWord(sink, 'x:empty_body', 1);
  if (opts.charMax > 0) emitCharGrams(sink, [...titleTokens, ...bodyTokens], opts);
  return sink.counts;
}
