/**
 * Training, classification and per-repository adaptation of the issue-type classifier: hashed
 * features (text-features.ts) feed two linear components whose scores are added — softmax
 * regression on TF-IDF vectors (softmax-regression.ts, adaptable toward a global prior) and NB-SVM
 * on binary vectors (nb-svm.ts, strong on a few hundred examples) — serialised by model-codec.ts.
 */
import type { IssueText } from '../issue.ts';
import { runSteps, type Steps } from '../steps.ts';
import { topReasons } from './classification-reasons.ts';
import type { Reason } from './classification-reasons.ts';
import { decodeModel, encodeModel } from './model-codec.ts';
import type { DecodedModel, Embedding, TextClassifierModel } from './model-codec.ts';
import { trainNbSvmSteps } from './nb-svm.ts';
import type { NbSvmWeights } from './nb-svm.ts';
import { scoreInto, softmaxInPlace, trainSoftmax, trainSoftmaxSteps } from './softmax-regression.ts';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from './text-features.ts';
import type { FeatureOptions } from './text-features.ts';
import { binaryVector, fitIdf, packCounts, tfidfVector } from './tfidf.ts';
import type { PackedCounts, SparseVector } from './tfidf.ts';
import { ISSUE_TYPES } from './type-from-labels.ts';
import { embedText } from './word-vectors.ts';
import type { WordVectors } from './word-vectors.ts';
import type { WordClusters } from './word-clusters.ts';

/** An issue text with its type label (and, optionally, the repository it came from). */
export interface LabelledText {
  text: IssueText;
  label: string;
  repo?: string;
}

/** The predicted type, a probability per class (summing to 1), and why. */
export interface Classification {
  type: string;
  probabilities: Record<string, number>;
  /** Top features pushing toward `type`, largest first (weight = contribution to its logit margin). */
  reasons: Reason[];
}

/** The NB-SVM component's settings; `false` trains the softmax component alone. */
export interface NbSvmTrainOptions {
  /** SVM cost (inverse L2 strength). */
  c?: number;
  /** Multiplier on its margins in the combined score (the softmax logits get `softmaxMix`). */
  mix?: number;
}

export interface TrainOptions {
  features?: Partial<FeatureOptions>;
  /** L2 strength; chosen by nested cross-validation in bench/classify.bench.ts. */
  lambda?: number;
  epochs?: number;
  seed?: number;
  /** Per-example weights, parallel to the examples (softmax component). */
  sampleWeights?: number[];
  nbSvm?: NbSvmTrainOptions | false;
  /** Multiplier on the softmax logits in the combined score. */
  softmaxMix?: number;
  /**
   * Word vectors learned from unlabelled text (word-vectors.ts): the issue's meaning vector, times
   * `embeddingWeight`, is appended to the softmax component's TF-IDF vector. Absent: lexical only.
   */
  wordVectors?: WordVectors;
  embeddingWeight?: number;
  /** Word clusters (word-clusters.ts): a `k:<id>` feature beside each clustered word, in both components. */
  wordClusters?: WordClusters;
}

export interface AdaptOptions {
  /**
   * Total pull toward the global weights; larger trusts the global model more. The per-example
   * L2 strength is priorStrength / examples, so a short history moves the model less.
   */
  priorStrength?: number;
  epochs?: number;
  seed?: number;
  /**
   * The NB-SVM component is retrained on the repository's own examples once it has at least this
   * many (NB-SVM needs no prior to be good on a few hundred); below, the global one is kept.
   */
  nbSvmMinExamples?: number;
}

/** Training defaults; lambda is the value bench/classify.bench.ts's nested CV chose most often. */
export const DEFAULT_TRAIN = { lambda: 3e-5, epochs: 15, seed: 7, softmaxMix: 0.5, embeddingWeight: 1 };
/** NB-SVM defaults (see NbSvmTrainOptions), chosen by the bench's nested cross-validation. */
export const DEFAULT_NB_SVM = { c: 1, mix: 1 };
/** Adaptation defaults (see AdaptOptions). */
export const DEFAULT_ADAPT = { priorStrength: 0.1, epochs: 15, seed: 7, nbSvmMinExamples: 30 };

const featureCache = new WeakMap<IssueText, Map<string, PackedCounts>>();
const clusterIds = new WeakMap<WordClusters, number>();
let nextClusterId = 1;

/** Feature counts for a text, memoised per text object, feature options and clusters (no fitted state). */
function countsOf(text: IssueText, opts: FeatureOptions, clusters?: WordClusters): PackedCounts {
  let clusterId = 0;
  if (clusters) {
    clusterId = clusterIds.get(clusters) ?? 0;
    if (clusterId === 0) clusterIds.set(clusters, (clusterId = nextClusterId++));
  }
  const key = `${JSON.stringify(opts)}|${clusterId}`;
  let byKey = featureCache.get(text);
  if (!byKey) featureCache.set(text, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const packed = packCounts(extractFeatures(text, opts, { clusters }));
  byKey.set(key, packed);
  return packed;
}

const denseCache = new WeakMap<IssueText, Map<WordVectors, Float64Array>>();

/** The issue's meaning vector under `vectors`, memoised per text object. */
function denseOf(text: IssueText, vectors: WordVectors): Float64Array {
  let byVectors = denseCache.get(text);
  if (!byVectors) denseCache.set(text, (byVectors = new Map()));
  const hit = byVectors.get(vectors);
  if (hit) return hit;
  const dense = embedText(vectors, text);
  byVectors.set(vectors, dense);
  return dense;
}

/** `x` followed by the weighted meaning vector at indices dim, dim + 1, … (still sorted). */
function withDense(
  x: SparseVector,
  text: IssueText,
  shape: { dim: number; embedding?: Embedding },
): SparseVector {
  const e = shape.embedding;
  if (!e) return x;
  const dense = denseOf(text, e.vectors);
  const n = x.indices.length;
  const indices = new Int32Array(n + dense.length);
  const values = new Float64Array(n + dense.length);
  indices.set(x.indices);
  values.set(x.values);
  for (let r = 0; r < dense.length; r++) {
    indices[n + r] = shape.dim + r;
    values[n + r] = (dense[r] as number) * e.weight;
  }
  return { indices, values };
}

/** Labels in a stable order: Loupe's types first (bug, feature, question, docs, chore), then others. */
function orderClasses(labels: Iterable<string>): string[] {
  const set = new Set(labels);
  const known = ISSUE_TYPES.filter((t) => set.has(t)) as string[];
  const rest = [...set].filter((l) => !known.includes(l)).sort();
  return [...known, ...rest];
}

function* fitNbSvm(
  data: { counts: PackedCounts[]; y: number[] },
  shape: { k: number; features: FeatureOptions },
  options: { c: number; seed: number },
): Steps<NbSvmWeights> {
  const x = data.counts.map((c) => binaryVector(c, shape.features));
  yield;
  return yield* trainNbSvmSteps(
    { x, y: data.y },
    { k: shape.k, dim: shape.features.dim },
    { c: options.c, seed: options.seed },
  );
}

/** Trains a classifier from labelled issues; everything (idf, weights) is fitted on `examples` only. */
export function trainTextClassifier(
  examples: LabelledText[],
  options: TrainOptions = {},
): TextClassifierModel {
  if (examples.length === 0) throw new Error('trainTextClassifier needs at least one example');
  const features: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  if ((features.dim & (features.dim - 1)) !== 0) throw new Error('features.dim must be a power of two');
  const classes = orderClasses(examples.map((e) => e.label));
  const counts = examples.map((e) => countsOf(e.text, features, options.wordClusters));
  const idf = fitIdf(counts, features.dim);
  const embedding = options.wordVectors
    ? { vectors: options.wordVectors, weight: options.embeddingWeight ?? DEFAULT_TRAIN.embeddingWeight }
    : undefined;
  const dense = { dim: features.dim, embedding };
  const x = counts.map((c, n) => withDense(tfidfVector(c, idf, features), examples[n]!.text, dense));
  const y = examples.map((e) => classes.indexOf(e.label));
  const seed = options.seed ?? DEFAULT_TRAIN.seed;
  const softmax = trainSoftmax(
    { x, y },
    { k: classes.length, dim: features.dim + (embedding?.vectors.dims ?? 0) },
    {
      lambda: options.lambda ?? DEFAULT_TRAIN.lambda,
      epochs: options.epochs ?? DEFAULT_TRAIN.epochs,
      seed,
      balanceClasses: true,
      sampleWeights: options.sampleWeights,
    },
  );
  const parts = {
    classes,
    features,
    examples: examples.length,
    idf,
    softmax,
    ...(embedding ? { embedding } : {}),
    ...(options.wordClusters ? { clusters: options.wordClusters } : {}),
  };
  if (options.nbSvm === false) return encodeModel(parts);
  const nb = { ...DEFAULT_NB_SVM, ...options.nbSvm };
  return encodeModel({
    ...parts,
    softmaxMix: options.softmaxMix ?? DEFAULT_TRAIN.softmaxMix,
    nbSvm: {
      model: runSteps(fitNbSvm({ counts, y }, { k: classes.length, features }, { c: nb.c, seed })),
      mix: nb.mix,
    },
  });
}

/** Combined class scores (softmaxMix · logits + mix · NB-SVM margins) of one document. */
function scoreDocument(
  decoded: DecodedModel,
  doc: { counts: PackedCounts; text: IssueText },
  features: FeatureOptions,
) {
  const { counts } = doc;
  const x = tfidfVector(counts, decoded.idf, features);
  const k = decoded.softmax.k;
  const scores = new Float64Array(k);
  scoreInto(
    decoded.softmax,
    withDense(x, doc.text, { dim: features.dim, embedding: decoded.embedding }),
    scores,
  );
  for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) * decoded.softmaxMix;
  const components = [{ x, weights: decoded.softmax.weights, mix: decoded.softmaxMix }];
  if (decoded.nbSvm) {
    const xb = binaryVector(counts, features);
    const margins = new Float64Array(k);
    scoreInto(decoded.nbSvm.model, xb, margins);
    for (let c = 0; c < k; c++)
      scores[c] = (scores[c] as number) + decoded.nbSvm.mix * (margins[c] as number);
    components.push({ x: xb, weights: decoded.nbSvm.model.weights, mix: decoded.nbSvm.mix });
  }
  return { scores, components };
}

/** Classifies one issue text. */
export function classifyText(model: TextClassifierModel, text: IssueText): Classification {
  const decoded = decodeModel(model);
  const names = new Map<number, string>();
  const counts = packCounts(extractFeatures(text, model.features, { names, clusters: decoded.clusters }));
  const { scores: p, components } = scoreDocument(decoded, { counts, text }, model.features);
  softmaxInPlace(p);
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
  const probabilities: Record<string, number> = {};
  model.classes.forEach((name, c) => (probabilities[name] = p[c] as number));
  const reasons = topReasons(components, { k: p.length, c: best }, names);
  return { type: model.classes[best] as string, probabilities, reasons };
}

/** Re-lays bucket-major weights of `from` classes onto `to` classes; missing classes get `fill` bias. */
function remapClasses(
  model: { weights: Float64Array; bias: Float64Array },
  shape: { from: string[]; to: string[]; dim: number; fill: number },
): { weights: Float64Array; bias: Float64Array } {
  const { from, to, dim } = shape;
  const weights = new Float64Array(dim * to.length);
  const bias = new Float64Array(to.length).fill(shape.fill);
  from.forEach((name, c0) => {
    const c = to.indexOf(name);
    bias[c] = model.bias[c0] as number;
    for (let i = 0; i < dim; i++) weights[i * to.length + c] = model.weights[i * from.length + c0] as number;
  });
  return { weights, bias };
}

/**
 * Per-repository adaptation on top of the global model, from that repository's own labelled
 * history: softmax regression regularised toward the global weights (same features and idf), so a
 * repository's conventions shift predictions in proportion to the evidence; and, once the history
 * has `nbSvmMinExamples` issues, an NB-SVM component trained on that history alone (repositories
 * disagree on what a "question" is, and NB-SVM learns a repository's usage from a few hundred
 * issues). Labels the global model lacks (e.g. "docs", "chore" from the repository's labels)
 * become new classes.
 */
export function adaptToRepository(
  global: TextClassifierModel,
  repoExamples: LabelledText[],
  options: AdaptOptions = {},
): TextClassifierModel {
  return runSteps(adaptToRepositorySteps(global, repoExamples, options));
}

/** adaptToRepository in steps (core/steps.ts): a step per 100 examples' features, then the trainers' steps. */
export function* adaptToRepositorySteps(
  global: TextClassifierModel,
  repoExamples: LabelledText[],
  options: AdaptOptions = {},
): Steps<TextClassifierModel> {
  if (repoExamples.length === 0) return global;
  const decoded = decodeModel(global);
  const classes = orderClasses([...global.classes, ...repoExamples.map((e) => e.label)]);
  const k = classes.length;
  const dim = global.features.dim;
  const shape = { from: global.classes, to: classes, dim };
  const rows = decoded.softmax.dim;
  const prior = remapClasses(decoded.softmax, { ...shape, dim: rows, fill: 0 });
  yield;
  const counts: PackedCounts[] = [];
  for (const e of repoExamples) {
    counts.push(countsOf(e.text, global.features, decoded.clusters));
    if (counts.length % 100 === 0) yield;
  }
  const dense = { dim, embedding: decoded.embedding };
  const x = counts.map((c, n) =>
    withDense(tfidfVector(c, decoded.idf, global.features), repoExamples[n]!.text, dense),
  );
  const y = repoExamples.map((e) => classes.indexOf(e.label));
  const seed = options.seed ?? DEFAULT_ADAPT.seed;
  yield;
  const softmax = yield* trainSoftmaxSteps(
    { x, y },
    { k, dim: rows },
    {
      lambda: (options.priorStrength ?? DEFAULT_ADAPT.priorStrength) / repoExamples.length,
      epochs: options.epochs ?? DEFAULT_ADAPT.epochs,
      seed,
      prior,
    },
  );
  const parts = {
    classes,
    features: global.features,
    examples: global.examples + repoExamples.length,
    idf: decoded.idf,
    softmax,
    ...(decoded.embedding ? { embedding: decoded.embedding } : {}),
    ...(decoded.clusters ? { clusters: decoded.clusters } : {}),
  };
  const nb = decoded.nbSvm;
  if (!nb) return encodeModel(parts);
  const own = repoExamples.length >= (options.nbSvmMinExamples ?? DEFAULT_ADAPT.nbSvmMinExamples);
  const model = own
    ? yield* fitNbSvm({ counts, y }, { k, features: global.features }, { c: DEFAULT_NB_SVM.c, seed })
    : { k, dim, ...remapClasses(nb.model, { ...shape, fill: -1 }) };
  yield;
  return encodeModel({ ...parts, softmaxMix: decoded.softmaxMix, nbSvm: { model, mix: nb.mix } });
}
