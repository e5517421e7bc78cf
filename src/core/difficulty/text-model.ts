/**
 * The learned text model: class-balanced, L2-regularised logistic regression over TF-IDF
 * (sublinear tf) unigrams and bigrams of the title and the start of the body. Vocabulary and idf
 * are fitted with the weights, on the training issues only. The model ships as plain JSON
 * (gfi-text-weights.json) so its words can be read and audited.
 */
import { fitSparseLogistic, packSparseRows, type SparseLogisticModel } from '../learn/sparse-logistic.ts';
import type { IssueTerms } from './text-terms.ts';

/** A fitted text model, as shipped in gfi-text-weights.json. */
export interface TextModel {
  model: 'gfi-text-logistic';
  version: number;
  /** Log-odds of an issue with no known term. */
  intercept: number;
  /** Term (`t:` title, `b:` body) → [idf, weight]. */
  terms: Record<string, [number, number]>;
  training: { source: string; issues: number; positives: number; l2: number; minDocs: number };
}

/** One term's share of a text logit. */
export interface TermContribution {
  term: string;
  effect: number;
}

/** Terms seen in fewer training issues than this are dropped: too rare to learn, and they would name one repository's things. */
export const DEFAULT_MIN_DOCS = 3;

/** Issues' terms as integer ids into one dictionary: an encoding only, nothing is learned from it. */
export interface TermCorpus {
  dictionary: string[];
  docs: { title: Int32Array; body: Int32Array }[];
}

/** Encodes issues' terms once, so cross-validation can refit vocabularies cheaply. */
export function encodeTerms(docs: readonly IssueTerms[]): TermCorpus {
  const ids = new Map<string, number>();
  const dictionary: string[] = [];
  const encode = (terms: readonly string[]): Int32Array =>
    Int32Array.from(terms, (term) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = dictionary.length;
        ids.set(term, id);
        dictionary.push(term);
      }
      return id;
    });
  return { dictionary, docs: docs.map((doc) => ({ title: encode(doc.title), body: encode(doc.body) })) };
}

/** A vocabulary fitted on some issues: dictionary id → column (−1 when out), idf per column. */
interface TextDesign {
  column: Int32Array;
  idf: Float64Array;
  /** Column → dictionary id. */
  ids: number[];
}

/** Vocabulary (terms in at least minDocs member issues) with smoothed idf ln((1+n)/(1+df)) + 1. */
function fitDesign(corpus: TermCorpus, members: readonly number[], minDocs: number): TextDesign {
  const df = new Int32Array(corpus.dictionary.length);
  const seenIn = new Int32Array(corpus.dictionary.length).fill(-1);
  for (const m of members) {
    const doc = corpus.docs[m]!;
    for (const field of [doc.title, doc.body]) {
      for (const id of field)
        if (seenIn[id] !== m) {
          seenIn[id] = m;
          df[id]! += 1;
        }
    }
  }
  const column = new Int32Array(corpus.dictionary.length).fill(-1);
  const ids: number[] = [];
  const idfs: number[] = [];
  df.forEach((count, id) => {
    if (count < minDocs) return;
    column[id] = ids.length;
    ids.push(id);
    idfs.push(Math.log((1 + members.length) / (1 + count)) + 1);
  });
  return { column, idf: Float64Array.from(idfs), ids };
}

/**
 * Sparse TF-IDF row of one issue (sublinear tf); each field (title, body) is L2-normalised on its
 * own, so a long body cannot drown the title. Out-of-vocabulary terms are ignored.
 */
function vectorise(
  fields: readonly ArrayLike<number>[],
  idf: (key: number) => number | undefined,
): { index: number[]; value: number[] } {
  const index: number[] = [];
  const value: number[] = [];
  for (const field of fields) {
    const tf = new Map<number, number>();
    for (let k = 0; k < field.length; k++) {
      const key = field[k]!;
      if (idf(key) !== undefined) tf.set(key, (tf.get(key) ?? 0) + 1);
    }
    let norm = 0;
    const values = [...tf].map(([key, count]) => (1 + Math.log(count)) * idf(key)!);
    for (const v of values) norm += v * v;
    norm = Math.sqrt(norm);
    [...tf.keys()].forEach((key, k) => {
      index.push(key);
      value.push(values[k]! / norm);
    });
  }
  return { index, value };
}

function designRow(
  corpus: TermCorpus,
  design: TextDesign,
  doc: number,
): { index: number[]; value: number[] } {
  const { title, body } = corpus.docs[doc]!;
  const toColumns = (field: Int32Array): number[] => [...field].map((id) => design.column[id]!);
  return vectorise([toColumns(title), toColumns(body)], (col) => (col >= 0 ? design.idf[col] : undefined));
}

/** A text model fitted inside cross-validation, kept in encoded form. */
export interface EncodedTextFit {
  l2: number;
  score(doc: number): number;
  /** The shippable form. */
  toModel(source?: string): TextModel;
}

export interface FitTextPathOptions {
  corpus: TermCorpus;
  /** Corpus indices of the training issues. */
  members: readonly number[];
  /** 1 = good first issue, per member. */
  labels: readonly number[];
  /** L2 strengths; fitted strongest first, each warm-started from the previous. */
  l2s: readonly number[];
  minDocs?: number;
}

/** Fits one vocabulary on the members and a model per L2 strength. Deterministic. */
export function fitTextPath(options: FitTextPathOptions): EncodedTextFit[] {
  const { corpus, members, labels } = options;
  const minDocs = options.minDocs ?? DEFAULT_MIN_DOCS;
  const design = fitDesign(corpus, members, minDocs);
  const rows = packSparseRows(
    members.map((m) => designRow(corpus, design, m)),
    design.ids.length,
  );
  const order = [...options.l2s].sort((a, b) => b - a);
  let previous: SparseLogisticModel | undefined;
  const fits = new Map<number, EncodedTextFit>();
  for (const l2 of order) {
    const fit = fitSparseLogistic({ rows, labels, l2, init: previous });
    previous = fit;
    fits.set(l2, {
      l2,
      score: (doc) => {
        const row = designRow(corpus, design, doc);
        return row.index.reduce((acc, col, k) => acc + fit.weights[col]! * row.value[k]!, fit.intercept);
      },
      toModel: (source) =>
        packModel({
          corpus,
          design,
          fit,
          training: {
            source: source ?? 'unspecified',
            issues: labels.length,
            positives: labels.reduce((a, b) => a + b, 0),
            l2,
            minDocs,
          },
        }),
    });
  }
  return options.l2s.map((l2) => fits.get(l2)!);
}

function packModel(parts: {
  corpus: TermCorpus;
  design: TextDesign;
  fit: SparseLogisticModel;
  training: TextModel['training'];
}): TextModel {
  const terms: Record<string, [number, number]> = {};
  parts.design.ids.forEach((id, col) => {
    terms[parts.corpus.dictionary[id]!] = [parts.design.idf[col]!, parts.fit.weights[col]!];
  });
  return {
    model: 'gfi-text-logistic',
    version: 1,
    intercept: parts.fit.intercept,
    terms,
    training: parts.training,
  };
}

export interface FitTextOptions {
  docs: readonly IssueTerms[];
  /** 1 = good first issue. */
  labels: readonly number[];
  l2: number;
  minDocs?: number;
  source?: string;
}

/** Fits vocabulary, idf and weights on the given issues. Deterministic. */
export function fitTextModel(options: FitTextOptions): TextModel {
  const corpus = encodeTerms(options.docs);
  const members = options.docs.map((_, i) => i);
  const [fit] = fitTextPath({
    corpus,
    members,
    labels: options.labels,
    l2s: [options.l2],
    minDocs: options.minDocs,
  });
  return fit!.toModel(options.source);
}

/**
 * A model's terms as a Map, built once per terms object: looking a word up in the shipped JSON
 * object (tens of thousands of keys) was most of the cost of scoring an issue. Models are never
 * changed once built (packModel, or the shipped JSON), so the Map stays true to its object.
 */
const termMaps = new WeakMap<TextModel['terms'], Map<string, [number, number]>>();

function termMap(terms: TextModel['terms']): Map<string, [number, number]> {
  let map = termMaps.get(terms);
  if (!map) {
    map = new Map(Object.entries(terms));
    termMaps.set(terms, map);
  }
  return map;
}

/** Text log-odds of one issue, with each known term's contribution (largest first). */
export function explainTextLogit(
  model: TextModel,
  doc: IssueTerms,
): { logit: number; contributions: TermContribution[] } {
  const terms = termMap(model.terms);
  const known = (term: string): [number, number] | undefined => terms.get(term);
  const fields = [doc.title, doc.body].map((terms) => terms.filter((term) => known(term) !== undefined));
  // Vectorise over positions of a local term list, so the shipped JSON needs no dictionary.
  const local = [...new Set(fields.flat())];
  const position = new Map(local.map((term, k) => [term, k]));
  const row = vectorise(
    fields.map((terms) => terms.map((term) => position.get(term)!)),
    (k) => known(local[k]!)?.[0],
  );
  const contributions: TermContribution[] = [];
  let logit = model.intercept;
  for (let k = 0; k < row.index.length; k++) {
    const term = local[row.index[k]!]!;
    const effect = known(term)![1] * row.value[k]!;
    logit += effect;
    if (effect !== 0) contributions.push({ term, effect });
  }
  contributions.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.term.localeCompare(b.term));
  return { logit, contributions };
}

/** Text log-odds of one issue. */
export function textLogit(model: TextModel, doc: IssueTerms): number {
  return explainTextLogit(model, doc).logit;
}
