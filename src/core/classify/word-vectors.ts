/**
 * Word vectors learned from unlabelled issue text, and the dense "meaning" vector of an issue built
 * from them. Lexical features only match words seen with a label; vectors learned from many more
 * unlabelled issues place words used alike ("crash" / "segfault", "support" / "add") close together,
 * so an issue worded unlike any labelled one still lands near issues of its kind.
 *
 * Learning (Levy, Goldberg & Dagan 2015): counts of word pairs within a window (weighted 1/distance)
 * over the same cleaned tokens the classifier sees, positive PMI with context-distribution smoothing
 * (α = 0.75), and a truncated SVD (truncated-svd.ts); a word's vector is its row of U·√S, unit
 * length. An issue's vector is the SIF-weighted mean of its words' vectors (Arora et al. 2017:
 * weight a / (a + p(w)), so frequent words count little), minus the corpus mean, unit length.
 */
import type { IssueText } from '../issue.ts';
import { cleanBody, cleanTitle, tokenize } from './issue-text.preprocess.ts';
import { truncatedSvd } from './truncated-svd.ts';
import type { CsrMatrix } from './truncated-svd.ts';

export interface WordVectorOptions {
  /** Most frequent words kept. */
  vocabSize: number;
  /** Words seen fewer times are left out. */
  minCount: number;
  dims: number;
  /** Words on each side counted as context. */
  window: number;
  /** Cleaned body prose read per issue, in characters. */
  maxBodyChars: number;
  seed: number;
}

export const DEFAULT_WORD_VECTOR_OPTIONS: WordVectorOptions = {
  vocabSize: 12_000,
  minCount: 5,
  dims: 64,
  window: 4,
  maxBodyChars: 3000,
  seed: 7,
};

/** Learned vectors: `vectors[i * dims ..]` is the unit vector of `vocab[i]`. */
export interface WordVectors {
  dims: number;
  vocab: string[];
  vectors: Float32Array;
  /** SIF weight of each word, a / (a + p(w)), in (0, 1]. */
  weights: Float32Array;
  /** Mean issue vector of the corpus, subtracted from every issue vector. */
  mean: Float32Array;
  maxBodyChars: number;
}

const SIF_A = 1e-3;
const SMOOTHING = 0.75;

/** The word sequences of one issue (title and body apart, so no window spans both). */
export function issueTokens(text: IssueText, maxBodyChars: number): string[][] {
  return [tokenize(cleanTitle(text.title)), tokenize(cleanBody(text.body ?? '', maxBodyChars).text)];
}

function buildVocab(docs: string[][][], opts: WordVectorOptions): { vocab: string[]; freq: number[] } {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const seq of doc) for (const w of seq) counts.set(w, (counts.get(w) ?? 0) + 1);
  const kept = [...counts]
    .filter(([, n]) => n >= opts.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.vocabSize);
  return { vocab: kept.map(([w]) => w), freq: kept.map(([, n]) => n) };
}

/** Windowed co-occurrence counts, as a map from i * V + j. */
function cooccurrences(docs: string[][][], index: Map<string, number>, window: number): Map<number, number> {
  const v = index.size;
  const pairs = new Map<number, number>();
  for (const doc of docs) {
    for (const seq of doc) {
      const ids = seq.map((w) => index.get(w) ?? -1);
      for (let i = 0; i < ids.length; i++) {
        const a = ids[i] as number;
        if (a < 0) continue;
        for (let d = 1; d <= window && i + d < ids.length; d++) {
          const b = ids[i + d] as number;
          if (b < 0 || b === a) continue;
          const key1 = a * v + b;
          const key2 = b * v + a;
          pairs.set(key1, (pairs.get(key1) ?? 0) + 1 / d);
          pairs.set(key2, (pairs.get(key2) ?? 0) + 1 / d);
        }
      }
    }
  }
  return pairs;
}

/** Positive PMI with smoothed context probabilities, as a CSR matrix. */
function ppmi(pairs: Map<number, number>, v: number): CsrMatrix {
  const rowSum = new Float64Array(v);
  const colSum = new Float64Array(v);
  let total = 0;
  for (const [key, n] of pairs) {
    const i = Math.floor(key / v);
    rowSum[i] = (rowSum[i] as number) + n;
    colSum[key - i * v] = (colSum[key - i * v] as number) + n;
    total += n;
  }
  let smoothTotal = 0;
  const colSmooth = colSum.map((c) => c ** SMOOTHING);
  for (const c of colSmooth) smoothTotal += c;
  const keys = Float64Array.from(pairs.keys()).sort();
  const rowStart = new Int32Array(v + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  let row = 0;
  for (const key of keys) {
    const i = Math.floor(key / v);
    const j = key - i * v;
    const pmi = Math.log(
      (pairs.get(key) as number) /
        total /
        (((rowSum[i] as number) / total) * ((colSmooth[j] as number) / smoothTotal)),
    );
    if (pmi <= 0) continue;
    while (row < i) rowStart[++row] = colIndex.length;
    colIndex.push(j);
    values.push(pmi);
  }
  while (row < v) rowStart[++row] = colIndex.length;
  return {
    rows: v,
    cols: v,
    rowStart,
    colIndex: Int32Array.from(colIndex),
    values: Float64Array.from(values),
  };
}

/** Learns word vectors from unlabelled issue texts (labels are never read). */
export function learnWordVectors(
  texts: readonly IssueText[],
  options: Partial<WordVectorOptions> = {},
): WordVectors {
  const opts = { ...DEFAULT_WORD_VECTOR_OPTIONS, ...options };
  const docs = texts.map((t) => issueTokens(t, opts.maxBodyChars));
  const { vocab, freq } = buildVocab(docs, opts);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const matrix = ppmi(cooccurrences(docs, index, opts.window), vocab.length);
  const svd = truncatedSvd(matrix, { rank: opts.dims, seed: opts.seed });
  const dims = svd.rank;
  const vectors = new Float32Array(vocab.length * dims);
  for (let i = 0; i < vocab.length; i++) {
    let norm = 0;
    for (let r = 0; r < dims; r++) {
      const x = (svd.u[i * dims + r] as number) * Math.sqrt(svd.singularValues[r] as number);
      vectors[i * dims + r] = x;
      norm += x * x;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let r = 0; r < dims; r++) vectors[i * dims + r] = (vectors[i * dims + r] as number) * inv;
  }
  let tokens = 0;
  for (const doc of docs) for (const seq of doc) tokens += seq.length;
  const weights = Float32Array.from(freq, (n) => SIF_A / (SIF_A + n / Math.max(1, tokens)));
  const partial: WordVectors = {
    dims,
    vocab,
    vectors,
    weights,
    mean: new Float32Array(dims),
    maxBodyChars: opts.maxBodyChars,
  };
  const mean = new Float64Array(dims);
  for (const doc of docs) {
    const v = rawEmbedding(partial, index, doc);
    for (let r = 0; r < dims; r++) mean[r] = (mean[r] as number) + (v[r] as number) / docs.length;
  }
  return { ...partial, mean: Float32Array.from(mean) };
}

/** SIF-weighted, unit-length mean of the words' vectors (not centred). */
function rawEmbedding(wv: WordVectors, index: Map<string, number>, doc: string[][]): Float64Array {
  const out = new Float64Array(wv.dims);
  for (const seq of doc) {
    for (const w of seq) {
      const i = index.get(w);
      if (i === undefined) continue;
      const weight = wv.weights[i] as number;
      for (let r = 0; r < wv.dims; r++)
        out[r] = (out[r] as number) + weight * (wv.vectors[i * wv.dims + r] as number);
    }
  }
  let norm = 0;
  for (const x of out) norm += x * x;
  if (norm > 0) for (let r = 0; r < wv.dims; r++) out[r] = (out[r] as number) / Math.sqrt(norm);
  return out;
}

const indexCache = new WeakMap<WordVectors, Map<string, number>>();

function vocabIndex(wv: WordVectors): Map<string, number> {
  let index = indexCache.get(wv);
  if (!index) indexCache.set(wv, (index = new Map(wv.vocab.map((w, i) => [w, i]))));
  return index;
}

/** The issue's meaning vector: centred SIF mean of its words' vectors, unit length (zero if no word is known). */
export function embedText(wv: WordVectors, text: IssueText): Float64Array {
  const doc = issueTokens(text, wv.maxBodyChars);
  const v = rawEmbedding(wv, vocabIndex(wv), doc);
  let norm = 0;
  let any = false;
  for (let r = 0; r < wv.dims; r++) {
    any ||= v[r] !== 0;
    v[r] = (v[r] as number) - (wv.mean[r] as number);
    norm += (v[r] as number) ** 2;
  }
  if (!any) return new Float64Array(wv.dims);
  if (norm > 0) for (let r = 0; r < wv.dims; r++) v[r] = (v[r] as number) / Math.sqrt(norm);
  return v;
}

/** Cosine similarity of two words' vectors (null when either is unknown); for tests and inspection. */
export function wordSimilarity(wv: WordVectors, a: string, b: string): number | null {
  const index = vocabIndex(wv);
  const i = index.get(a);
  const j = index.get(b);
  if (i === undefined || j === undefined) return null;
  let dot = 0;
  for (let r = 0; r < wv.dims; r++)
    dot += (wv.vectors[i * wv.dims + r] as number) * (wv.vectors[j * wv.dims + r] as number);
  return dot;
}
