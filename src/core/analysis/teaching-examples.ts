/**
 * The labelled issues behind a judgement, as a reason a person can check: "like #123 "Crash when
 * saving a parquet file" (labelled bug)". The type classifier and the good-first-issue model learn a
 * repository's habits from the issues its maintainers labelled; the labelled issue most like the one
 * judged, carrying the label behind the judgement, is what to show. Pure.
 *
 * Similarity is a cosine of idf-weighted term vectors (the duplicate detector's tokeniser and idf),
 * through an inverted index built once per repository context: one issue's lookup costs the postings
 * of its own terms, never a pass over every labelled issue.
 */
import { typeFromLabel, typeFromLabels, type IssueType } from '../classify/index.ts';
import { isGoodFirstIssueLabel } from '../difficulty/index.ts';
import { inverseDocumentFrequency, type CorpusStats } from '../duplicates/index.ts';
import { countTerms, tokenise } from '../duplicates/text-normalise.ts';
import type { Steps } from '../steps.ts';

/** A labelled issue of the repository, as the store (or a file) gives it. */
export interface LabelledIssue {
  title: string;
  body: string;
  labels: readonly string[];
  /** How a reason refers to it ("#123", or a file's id); without one it is never cited. */
  reference?: string;
  /** ISO-8601; an issue is only cited for issues opened after it. Unknown: no such restriction. */
  createdAt?: string | null;
}

/** The labelled issue a reason cites, and the label it carries. */
export interface TeachingExample {
  reference: string;
  title: string;
  /** The repository's own label name ("kind/bug", "good first issue"). */
  label: string;
  /** Cosine similarity to the issue judged, 0..1. */
  similarity: number;
}

/**
 * Below this cosine two issues share a word or two, not a subject: nothing is cited. Chosen by
 * reading samples of the citations on the huggingface/datasets issues: between 0.2 and 0.3 most
 * named a loosely related issue, from 0.35 most named the same subject.
 */
export const MIN_TEACHING_SIMILARITY = 0.35;

/** Terms kept per labelled issue (its heaviest): bounds the index at a few dozen postings per issue. */
const TERMS_KEPT = 48;
/**
 * Characters of a body's prose read. Past the first paragraphs a body is mostly logs and template: on the
 * huggingface/datasets issues, reading 4,000 characters (title twice) cited loosely related issues
 * more often than 1,500 (title three times), and its lookups took half as long again (2.4 s
 * against 1.6 s for 3,019 issues).
 */
const BODY_CHARS = 1500;
const TITLE_CHARS = 90;

/** What a labelled issue may be cited for. */
interface Teacher {
  reference: string;
  title: string;
  createdAtMs: number;
  /** The type its labels name (as the classifier was taught) and the label that names it. */
  type: IssueType | null;
  typeLabel: string | null;
  /** Its good-first-issue label (or synonym), if any. */
  gfiLabel: string | null;
}

/** The labelled issues of one repository that may be cited, with their term vectors indexed. */
export interface TeachingIndex {
  teachers: Teacher[];
  stats: CorpusStats;
  /** Term -> the teachers whose (unit-length) vector has it, and its weight there. */
  postings: Map<string, { teachers: number[]; weights: number[] }>;
  /** Cosine below which nothing is cited (MIN_TEACHING_SIMILARITY unless told). */
  minSimilarity: number;
}

/** Builds the index of a repository's citable labelled issues (those with a reference and a type or good-first-issue label). */
export function* buildTeachingIndexSteps(
  labelled: Iterable<LabelledIssue>,
  options: { minSimilarity?: number } = {},
): Steps<TeachingIndex> {
  const teachers: Teacher[] = [];
  const counts: Map<string, number>[] = [];
  const stats: CorpusStats = { documentCount: 0, documentFrequency: new Map() };
  for (const issue of labelled) {
    if (!issue.reference) continue;
    const type = typeFromLabels([...issue.labels]);
    const gfiLabel = issue.labels.find(isGoodFirstIssueLabel) ?? null;
    if (!type && !gfiLabel) continue;
    const terms = termCounts(issue);
    if (terms.size === 0) continue;
    teachers.push({
      reference: issue.reference,
      title: shorten(issue.title.trim()),
      createdAtMs: issue.createdAt ? Date.parse(issue.createdAt) : Number.NaN,
      type,
      typeLabel: type ? (issue.labels.find((l) => typeFromLabel(l) === type) ?? null) : null,
      gfiLabel,
    });
    counts.push(terms);
    stats.documentCount += 1;
    for (const term of terms.keys())
      stats.documentFrequency.set(term, (stats.documentFrequency.get(term) ?? 0) + 1);
    // A pause every few ms (jobs/cooperative-steps.ts): tokenising twenty issues takes about that.
    if (teachers.length % 20 === 0) yield;
  }
  const postings: TeachingIndex['postings'] = new Map();
  for (let at = 0; at < counts.length; at++) {
    const weighted = unitVector(counts[at]!, stats)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, TERMS_KEPT);
    for (const [term, weight] of weighted) {
      const list = postings.get(term) ?? postings.set(term, { teachers: [], weights: [] }).get(term)!;
      list.teachers.push(at);
      list.weights.push(weight);
    }
    if (at % 100 === 99) yield;
  }
  return { teachers, stats, postings, minSimilarity: options.minSimilarity ?? MIN_TEACHING_SIMILARITY };
}

/** What a judgement rests on: the predicted type, or a likely good first issue. */
export type TeachingLabel = { type: string } | { goodFirstIssue: true };

/**
 * For each label wanted, the labelled issue most like `issue` that carries it, or null when none is
 * at least the index's minimum similarity alike. Never the issue itself (same reference), never one opened
 * after it when both dates are known (the data's own clock). The issue's similarities are computed
 * once for every label wanted.
 */
export function findTeachingExamples(
  index: TeachingIndex,
  issue: { title: string; body: string; reference?: string; createdAt?: string | null },
  wanted: readonly TeachingLabel[],
): (TeachingExample | null)[] {
  if (index.teachers.length === 0) return wanted.map(() => null);
  const scores = new Float64Array(index.teachers.length);
  for (const [term, weight] of unitVector(termCounts(issue), index.stats)) {
    const list = index.postings.get(term);
    if (!list) continue;
    for (let j = 0; j < list.teachers.length; j++)
      scores[list.teachers[j]!] = scores[list.teachers[j]!]! + weight * list.weights[j]!;
  }
  const openedMs = issue.createdAt ? Date.parse(issue.createdAt) : Number.NaN;
  return wanted.map((label) => {
    let best = -1;
    for (let at = 0; at < scores.length; at++) {
      if (scores[at]! < index.minSimilarity || (best >= 0 && scores[at]! <= scores[best]!)) continue;
      const teacher = index.teachers[at]!;
      if (teacher.reference === issue.reference) continue;
      // NaN compares false: an undated issue on either side is not held back.
      if (teacher.createdAtMs >= openedMs) continue;
      if (labelOf(teacher, label)) best = at;
    }
    if (best < 0) return null;
    const teacher = index.teachers[best]!;
    return {
      reference: teacher.reference,
      title: teacher.title,
      label: labelOf(teacher, label)!,
      similarity: Math.min(1, scores[best]!),
    };
  });
}

/** The reason line: `like #123 "Crash when saving a parquet file" (labelled bug)`. */
export function describeTeachingExample(example: TeachingExample): string {
  return `like ${example.reference} "${example.title}" (labelled ${example.label})`;
}

/** How reasons refer to an issue: "#123" for a number (or an all-digit file id), the file's id otherwise. */
export function referenceOf(id: number | string): string {
  return /^\d+$/.test(String(id)) ? `#${id}` : String(id);
}

function labelOf(teacher: Teacher, wanted: TeachingLabel): string | null {
  if ('goodFirstIssue' in wanted) return teacher.gfiLabel;
  return teacher.type === wanted.type ? teacher.typeLabel : null;
}

/**
 * Term counts of the title (three times: the densest statement of the subject) and the body's prose.
 * Code blocks (logs, tracebacks) and markdown headings (an issue template's "Describe the bug",
 * "Steps to reproduce") are left out: every issue of a kind shares them, whatever its subject.
 */
function termCounts(issue: { title: string; body: string }): Map<string, number> {
  const title = tokenise(issue.title);
  // Read as the store keeps bodies (4,000 characters), then BODY_CHARS of what is prose.
  const prose = issue.body
    .slice(0, 4000)
    .replace(/```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g, '\n')
    .replace(/^\s*#{1,6}\s.*$/gm, '')
    .slice(0, BODY_CHARS);
  return countTerms([...title, ...title, ...title, ...tokenise(prose)]);
}

/** Sub-linear tf times idf, scaled to unit length. */
function unitVector(terms: Map<string, number>, stats: CorpusStats): [string, number][] {
  const weighted: [string, number][] = [];
  let norm = 0;
  for (const [term, n] of terms) {
    const weight = (1 + Math.log(n)) * inverseDocumentFrequency(stats, term);
    weighted.push([term, weight]);
    norm += weight * weight;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const entry of weighted) entry[1] *= scale;
  return weighted;
}

function shorten(title: string): string {
  return title.length <= TITLE_CHARS ? title : `${title.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}
