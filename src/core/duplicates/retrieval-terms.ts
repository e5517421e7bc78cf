import type { IssueText } from '../issue.ts';
import { inverseDocumentFrequency } from './corpus-stats.ts';
import type { CorpusStats } from './corpus-stats.ts';
import { normaliseWord } from './text-normalise.ts';

export interface RetrievalTermsOptions {
  /** How many words to return (default 24): enough to find re-worded reports, few enough for the GIN index. */
  maxTerms?: number;
  corpusStats?: CorpusStats;
  /**
   * With corpusStats: skip words once the summed document frequency of the chosen words (an
   * upper bound on the rows an OR query matches) would pass this many issues, so the query stays
   * selective at any scale. The first `minTerms` (default 4) words are always kept.
   */
  matchBudget?: number;
  minTerms?: number;
  /**
   * With corpusStats: the most index entries the query may read, as the summed document frequency of
   * its words. Unlike matchBudget it also binds the first `minTerms` words (only the first word is
   * always kept): every word costs the GIN index its whole posting list, so on a large collection a
   * handful of common words would otherwise cost more than all the rare ones together.
   */
  postingBudget?: number;
  /** Issues in the searched collection, when corpusStats was built on a sample (default its documentCount). */
  collectionSize?: number;
}

// A title word is worth several body words: titles are the reporter's own summary of the bug.
const TITLE_WEIGHT = 3;
const BODY_SCAN_CHARS = 20_000;

/** The words of a retrieval query, and how the query combines them. */
export interface RetrievalQuery {
  /** Most informative first; lower-case [a-z0-9] surface forms (see buildRetrievalTerms). */
  terms: string[];
  /**
   * 'any': an OR of the terms (the usual case). 'all': an AND of the two most informative words,
   * chosen when even the most informative word alone is in more issues than postingBudget allows:
   * an OR of it would read its whole posting list (or tempt the planner into a sequential scan),
   * while the AND lets the GIN index skip through both lists and matches far fewer rows.
   */
  match: 'any' | 'all';
}

interface RankedWord {
  surface: string;
  /** Estimated issues containing the word in the searched collection (0 without statistics). */
  matches: number;
}

/** The issue's distinct words, most informative first, with their estimated document frequency. */
function rankWords(text: IssueText, options: RetrievalTermsOptions): RankedWord[] {
  const weights = new Map<string, number>();
  const surfaces = new Map<string, Map<string, number>>();
  const visit = (source: string, weight: number): void => {
    for (const raw of source.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
      const stem = normaliseWord(raw);
      if (stem === null || raw.length > 40) continue;
      weights.set(stem, (weights.get(stem) ?? 0) + weight);
      const forms = surfaces.get(stem) ?? new Map<string, number>();
      const lower = raw.toLowerCase();
      forms.set(lower, (forms.get(lower) ?? 0) + 1);
      surfaces.set(stem, forms);
    }
  };
  visit(text.title, TITLE_WEIGHT);
  visit(text.body.slice(0, BODY_SCAN_CHARS), 1);
  const scored = [...weights].map(([stem, tf]) => ({
    stem,
    // Sub-linear tf: a word pasted in a 500-line log should not crowd out the title.
    score:
      (1 + Math.log(tf)) *
      (options.corpusStats ? inverseDocumentFrequency(options.corpusStats, stem) : Math.log(2 + stem.length)),
  }));
  scored.sort((a, b) => b.score - a.score || (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
  const stats = options.corpusStats;
  const scale =
    stats && stats.documentCount > 0
      ? (options.collectionSize ?? stats.documentCount) / stats.documentCount
      : 1;
  const out: RankedWord[] = [];
  const seen = new Set<string>();
  for (const { stem } of scored) {
    const surface = mostFrequent(surfaces.get(stem));
    if (!surface || seen.has(surface)) continue;
    seen.add(surface);
    out.push({ surface, matches: stats ? (stats.documentFrequency.get(stem) ?? 0) * scale : 0 });
  }
  return out;
}

/**
 * The words of a retrieval query and how to combine them: usually an OR of the most informative
 * words under the budgets (see buildRetrievalTerms); an AND of the two most informative ones when
 * the first alone is over postingBudget.
 */
export function buildRetrievalQuery(text: IssueText, options: RetrievalTermsOptions = {}): RetrievalQuery {
  const words = rankWords(text, options);
  const [first, second] = words;
  if (first && second && options.postingBudget !== undefined && first.matches > options.postingBudget) {
    return { terms: [first.surface, second.surface], match: 'all' };
  }
  return { terms: chooseUnderBudgets(words, options), match: 'any' };
}

/**
 * The most informative words of an issue, for a full-text OR query, most informative first.
 * Words are returned lower-cased in their most frequent surface form (not our stem), so that the
 * database's own stemmer normalises them the same way it normalised the stored documents.
 * Only [a-z0-9] characters appear in the result, so the words are safe to join into a tsquery.
 */
export function buildRetrievalTerms(text: IssueText, options: RetrievalTermsOptions = {}): string[] {
  return chooseUnderBudgets(rankWords(text, options), options);
}

function chooseUnderBudgets(words: readonly RankedWord[], options: RetrievalTermsOptions): string[] {
  const maxTerms = options.maxTerms ?? 24;
  const out: string[] = [];
  let expectedMatches = 0;
  for (const { surface, matches } of words) {
    if (out.length >= maxTerms) break;
    if (
      options.matchBudget !== undefined &&
      out.length >= (options.minTerms ?? 4) &&
      expectedMatches + matches > options.matchBudget
    )
      continue;
    if (
      options.postingBudget !== undefined &&
      out.length >= 1 &&
      expectedMatches + matches > options.postingBudget
    )
      continue;
    expectedMatches += matches;
    out.push(surface);
  }
  return out;
}

function mostFrequent(forms: Map<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [form, count] of forms ?? []) {
    if (count > bestCount || (count === bestCount && best !== undefined && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}
