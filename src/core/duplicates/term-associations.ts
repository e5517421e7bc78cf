import type { IssueText } from '../issue.ts';
import { runSteps, type Steps } from '../steps.ts';
import { tokenise } from './text-normalise.ts';

/**
 * Words that the workspace's own issues use together ("npe" near "save", "hang" near "deadlock"),
 * learned from unlabelled text: for each normalised word, its strongest neighbours by normalised
 * pointwise mutual information (NPMI, in 0..1 here) of co-occurring within a few words of each other
 * or in the same title. Two reports of one bug worded differently ("crash on save" / "NPE when
 * writing file") share few words but many associated ones. Plain data; built once per analysis run.
 */
export interface TermAssociations {
  /** word -> [neighbour, strength 0..1][], strongest first. */
  neighbours: Map<string, [string, number][]>;
}

export interface LearnAssociationsOptions {
  /** Words within this distance in a text co-occur (default 8). */
  window?: number;
  /** Neighbours kept per word (default 8). */
  neighbours?: number;
  /** A pair must co-occur in at least this many issues (default 3). */
  minPairCount?: number;
  /** NPMI below this is not an association (default 0.3). */
  minStrength?: number;
  /** Words in more than this share of the issues carry no topic (default 0.1). */
  maxDocumentShare?: number;
  /** Tokens read per issue (default 300): the summary and the start of the description. */
  maxTokens?: number;
}

/** Learns term associations from issues' text (see TermAssociations). Pure and deterministic. */
export function learnTermAssociations(
  texts: Iterable<IssueText>,
  options: LearnAssociationsOptions = {},
): TermAssociations {
  return runSteps(learnTermAssociationsSteps(texts, options));
}

/** learnTermAssociations in steps (core/steps.ts) of 100 issues. */
export function* learnTermAssociationsSteps(
  texts: Iterable<IssueText>,
  options: LearnAssociationsOptions = {},
): Steps<TermAssociations> {
  const learner = createAssociationLearner(options);
  let documents = 0;
  for (const text of texts) {
    learner.add(text);
    documents += 1;
    if (documents % 100 === 0) yield;
  }
  return learner.finish();
}

/** Learns one issue at a time (e.g. while a file streams by), then `finish()` gives the associations. */
export function createAssociationLearner(options: LearnAssociationsOptions = {}) {
  const window = options.window ?? 8;
  const maxTokens = options.maxTokens ?? 300;
  const wordCount = new Map<string, number>();
  // Keyed "a\u0001b" with a < b: one entry per unordered pair, counted once per issue.
  const pairCount = new Map<string, number>();
  let documents = 0;
  return {
    add(text: IssueText): void {
      const title = tokenise(text.title, { maxTokens: 40 });
      const tokens = [...title, ...tokenise(text.body.slice(0, 4000), { maxTokens })].slice(0, maxTokens);
      const pairs = new Set<string>();
      for (let i = 0; i < tokens.length; i += 1) {
        const a = tokens[i] as string;
        for (let j = i + 1; j < Math.min(tokens.length, i + 1 + window); j += 1) addPair(pairs, a, tokens[j]);
      }
      // A title is one thought: all its words go together, however far apart.
      for (let i = 0; i < title.length; i += 1)
        for (let j = i + 1; j < title.length; j += 1) addPair(pairs, title[i] as string, title[j]);
      for (const word of new Set(tokens)) wordCount.set(word, (wordCount.get(word) ?? 0) + 1);
      for (const pair of pairs) pairCount.set(pair, (pairCount.get(pair) ?? 0) + 1);
      documents += 1;
    },
    finish(): TermAssociations {
      return { neighbours: strongestNeighbours({ wordCount, pairCount, documents }, options) };
    },
  };
}

function addPair(pairs: Set<string>, a: string, b: string | undefined): void {
  if (b === undefined || a === b) return;
  pairs.add(a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`);
}

function strongestNeighbours(
  counts: { wordCount: Map<string, number>; pairCount: Map<string, number>; documents: number },
  options: LearnAssociationsOptions,
): Map<string, [string, number][]> {
  const { wordCount, pairCount, documents: n } = counts;
  const minPair = options.minPairCount ?? 3;
  const minStrength = options.minStrength ?? 0.3;
  const maxDocs = Math.max(minPair, (options.maxDocumentShare ?? 0.1) * n);
  const keep = options.neighbours ?? 8;
  const lists = new Map<string, [string, number][]>();
  const push = (a: string, b: string, s: number): void => {
    const list = lists.get(a) ?? [];
    list.push([b, s]);
    lists.set(a, list);
  };
  for (const [key, count] of pairCount) {
    if (count < minPair) continue;
    const [a, b] = key.split('\u0001') as [string, string];
    const ca = wordCount.get(a) ?? 0;
    const cb = wordCount.get(b) ?? 0;
    if (ca > maxDocs || cb > maxDocs || count >= n) continue;
    // NPMI = PMI / -log p(a,b): 1 when the words always appear together, 0 when independent.
    const npmi = Math.log((count * n) / (ca * cb)) / -Math.log(count / n);
    if (npmi < minStrength) continue;
    push(a, b, npmi);
    push(b, a, npmi);
  }
  for (const [word, list] of lists) {
    list.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    lists.set(
      word,
      list.slice(0, keep).map(([w, s]) => [w, Math.round(s * 1000) / 1000]),
    );
  }
  return lists;
}
