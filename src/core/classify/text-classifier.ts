/**
 * Training, classification and per-repository adaptation of the issue-type classifier:
 * hashed TF-IDF features (text-features.ts, tfidf.ts) into softmax regression
 * (softmax-regression.ts), serialised by model-codec.ts.
 */
import type { IssueText } from '../issue.ts';
import { decodeModel, encodeModel } from './model-codec.ts';
import type { TextClassifierModel } from './model-codec.ts';
import { scoreInto, softmaxInPlace, trainSoftmax } from './softmax-regression.ts';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from './text-features.ts';
import type { FeatureOptions } from './text-features.ts';
import { fitIdf, packCounts, tfidfVector } from './tfidf.ts';
import type { PackedCounts, SparseVector } from './tfidf.ts';
import { ISSUE_TYPES } from './type-from-labels.ts';

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
  reasons: { feature: string; weight: number }[];
}

export interface TrainOptions {
  features?: Partial<FeatureOptions>;
  /** L2 strength; chosen by nested cross-validation in bench/classify.bench.ts. */
  lambda?: number;
  epochs?: number;
  seed?: number;
  /** Per-example weights, parallel to the examples. */
  sampleWeights?: number[];
}

export interface AdaptOptions {
  /**
   * Total pull toward the global weights; larger trusts the global model more. The per-example
   * L2 strength is priorStrength / examples, so a short history moves the model less.
   */
  priorStrength?: number;
  epochs?: number;
  seed?: number;
}

/** Training defaults; lambda is the value bench/classify.bench.ts's nested CV chose most often. */
export const DEFAULT_TRAIN = { lambda: 3e-5, epochs: 15, seed: 7 };
/** Adaptation defaults (see AdaptOptions.priorStrength). */
export const DEFAULT_ADAPT = { priorStrength: 0.1, epochs: 15, seed: 7 };

const featureCache = new WeakMap<IssueText, Map<string, PackedCounts>>();

/** Feature counts for a text, memoised per text object and feature options (no fitted state). */
function countsOf(text: IssueText, opts: FeatureOptions): PackedCounts {
  const key = JSON.stringify(opts);
  let byKey = featureCache.get(text);
  if (!byKey) featureCache.set(text, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const packed = packCounts(extractFeatures(text, opts));
  byKey.set(key, packed);
  return packed;
}

/** Labels in a stable order: Loupe's types first (bug, feature, question, docs, chore), then others. */
function orderClasses(labels: Iterable<string>): string[] {
  const set = new Set(labels);
  const known = ISSUE_TYPES.filter((t) => set.has(t)) as string[];
  const rest = [...set].filter((l) => !known.includes(l)).sort();
  return [...known, ...rest];
}

/** Trains a classifier from labelled issues; everything (idf, weights) is fitted on `examples` only. */
export function trainTextClassifier(examples: LabelledText[], options: TrainOptions = {}): TextClassifierModel {
  if (examples.length === 0) throw new Error('trainTextClassifier needs at least one example');
  const features: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  if ((features.dim & (features.dim - 1)) !== 0) throw new Error('features.dim must be a power of two');
  const classes = orderClasses(examples.map((e) => e.label));
  const counts = examples.map((e) => countsOf(e.text, features));
  const idf = fitIdf(counts, features.dim);
  const x = counts.map((c) => tfidfVector(c, idf, features));
  const y = examples.map((e) => classes.indexOf(e.label));
  const softmax = trainSoftmax({ x, y }, { k: classes.length, dim: features.dim }, {
    lambda: options.lambda ?? DEFAULT_TRAIN.lambda,
    epochs: options.epochs ?? DEFAULT_TRAIN.epochs,
    seed: options.seed ?? DEFAULT_TRAIN.seed,
    balanceClasses: true,
    sampleWeights: options.sampleWeights,
  });
  return encodeModel({ classes, features, examples: examples.length, idf, softmax });
}

const PREFIXES: [string, string][] = [
  ['tb:', 'title bigram'],
  ['t:', 'title word'],
  ['b:', 'bigram'],
  ['w:', 'word'],
  ['h:', 'heading'],
  ['c:', 'char-gram'],
  ['x:', 'marker'],
];

/** Readable stand-ins for the marker tokens issue-text.preprocess.ts puts into the text. */
const MARKERS: Record<string, string> = {
  xxq: '?',
  xxtitleq: '<question-shaped title>',
  xxtrace: '<stack trace>',
  xxcode: '<code block>',
  xximage: '<image>',
  xxurl: '<link>',
  xxver: '<version>',
  xxnum: '<number>',
  xxpath: '<file path>',
  xxcheck: '<checkbox>',
};

function describeToken(token: string): string {
  if (token.startsWith('xxhost_')) return `<link to ${token.slice(7)}>`;
  return MARKERS[token] ?? token;
}

/** "t:crash" -> 'title word "crash"'; "b:xxq thanks" -> 'bigram "? thanks"'. */
function describeFeature(name: string): string {
  for (const [p, label] of PREFIXES) {
    if (!name.startsWith(p)) continue;
    const value = name.slice(p.length);
    return `${label} "${p === 'c:' || p === 'h:' ? value : value.split(' ').map(describeToken).join(' ')}"`;
  }
  return name;
}

function explain(model: TextClassifierModel, x: SparseVector, names: Map<number, string>, c: number): Classification['reasons'] {
  const { weights, k } = decodeModel(model).softmax;
  const top: { idx: number; weight: number }[] = []; // the 5 largest, kept sorted descending
  for (let j = 0; j < x.indices.length; j++) {
    const base = (x.indices[j] as number) * k;
    let mean = 0;
    for (let o = 0; o < k; o++) mean += weights[base + o] as number;
    const w = (x.values[j] as number) * ((weights[base + c] as number) - mean / k);
    if (w <= 0 || (top.length === 5 && w <= (top[4] as { weight: number }).weight)) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1] as { weight: number }).weight < w) at--;
    top.splice(at, 0, { idx: x.indices[j] as number, weight: w });
    if (top.length > 5) top.pop();
  }
  return top.map((r) => ({
    feature: describeFeature(names.get(r.idx) ?? `bucket ${r.idx}`),
    weight: Number(r.weight.toFixed(4)),
  }));
}

/** Classifies one issue text. */
export function classifyText(model: TextClassifierModel, text: IssueText): Classification {
  const decoded = decodeModel(model);
  const names = new Map<number, string>();
  const counts = packCounts(extractFeatures(text, model.features, names));
  const x = tfidfVector(counts, decoded.idf, model.features);
  const p = new Float64Array(decoded.softmax.k);
  scoreInto(decoded.softmax, x, p);
  softmaxInPlace(p);
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
  const probabilities: Record<string, number> = {};
  model.classes.forEach((name, c) => (probabilities[name] = p[c] as number));
  return { type: model.classes[best] as string, probabilities, reasons: explain(model, x, names, best) };
}

/**
 * Per-repository adaptation on top of the global model, from that repository's own labelled
 * history: softmax regression regularised toward the global weights (same features and idf), so a
 * repository's conventions shift predictions in proportion to the evidence. Labels the global
 * model lacks (e.g. "docs", "chore" from the repository's labels) become new classes.
 */
export function adaptToRepository(
  global: TextClassifierModel,
  repoExamples: LabelledText[],
  options: AdaptOptions = {},
): TextClassifierModel {
  if (repoExamples.length === 0) return global;
  const decoded = decodeModel(global);
  const classes = orderClasses([...global.classes, ...repoExamples.map((e) => e.label)]);
  const k = classes.length;
  const k0 = global.classes.length;
  const dim = global.features.dim;
  const priorW = new Float64Array(dim * k);
  const priorB = new Float64Array(k);
  global.classes.forEach((name, c0) => {
    const c = classes.indexOf(name);
    priorB[c] = decoded.softmax.bias[c0] as number;
    for (let i = 0; i < dim; i++) priorW[i * k + c] = decoded.softmax.weights[i * k0 + c0] as number;
  });
  const x = repoExamples.map((e) => tfidfVector(countsOf(e.text, global.features), decoded.idf, global.features));
  const y = repoExamples.map((e) => classes.indexOf(e.label));
  const softmax = trainSoftmax({ x, y }, { k, dim }, {
    lambda: (options.priorStrength ?? DEFAULT_ADAPT.priorStrength) / repoExamples.length,
    epochs: options.epochs ?? DEFAULT_ADAPT.epochs,
    seed: options.seed ?? DEFAULT_ADAPT.seed,
    prior: { weights: priorW, bias: priorB },
  });
  return encodeModel({
    classes,
    features: global.features,
    examples: global.examples + repoExamples.length,
    idf: decoded.idf,
    softmax,
  });
}
