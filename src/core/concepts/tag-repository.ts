import type { ConceptTag, Taxonomy } from './concept.types.ts';
import { lookupConcepts, matchAliases, matchPath } from './concept.match.ts';
import { EvidenceBook } from './evidence.score.ts';
import type { TagOptions } from './evidence.score.ts';
import { MAX_TEXT_CHARS, stripUrls } from './issue-text.split.ts';
import { compileTaxonomy } from './taxonomy.compile.ts';
import type { CompiledTaxonomy } from './taxonomy.compile.ts';
import { defaultTaxonomy } from './taxonomy.ts';
import { confirmAmbiguous, scanText } from './text.scan.ts';
import type { PendingMention } from './text.scan.ts';
import { tokenize } from './text.tokenize.ts';

export interface TagRepositoryInput {
  /** GitHub's languages map (bytes per language) or a list, most used first. */
  languages?: Record<string, number> | string[];
  topics?: string[];
  /** File paths or names in the repository (manifests such as package.json, Cargo.toml, Dockerfile). */
  files?: string[];
  description?: string | null;
}

/**
 * Tags a repository from its languages, topics, files and description, best first.
 *
 * A language's weight grows with the square root of its share of the code (4·√share: 100% → 4,
 * 25% → 2, 1% → 0.4), or for a plain list 3 / rank; topics weigh 2.5, files 1.5 and aliases in the
 * description 2, each growing slowly with repeats. Parent credit and scoring are those of
 * `tagConcepts`. Defaults: limit 15, minScore 0.1.
 */
export function tagRepository(
  input: TagRepositoryInput,
  taxonomy: Taxonomy = defaultTaxonomy,
  options: TagOptions = {},
): ConceptTag[] {
  const compiled = compileTaxonomy(taxonomy);
  const book = new EvidenceBook();
  addLanguages(compiled, book, input.languages ?? []);
  for (const topic of input.topics ?? []) {
    for (const concept of topicConcepts(compiled, topic)) book.add(concept, 'topic', topic);
  }
  for (const file of input.files ?? []) {
    for (const concept of matchPath(compiled, file)) book.add(concept, 'file', file);
  }
  const pending: PendingMention[] = [];
  scanText(compiled, stripUrls((input.description ?? '').slice(0, MAX_TEXT_CHARS)), {
    bucket: 'description',
    book,
    pending,
  });
  confirmAmbiguous(compiled, book, pending);
  return book.toTags(compiled, { limit: 15, ...options });
}

function addLanguages(
  compiled: CompiledTaxonomy,
  book: EvidenceBook,
  languages: Record<string, number> | string[],
): void {
  const weighted: [string, number, string][] = Array.isArray(languages)
    ? languages.map((name, rank) => [name, 3 / (rank + 1), name])
    : sharesOf(languages).map(([name, share]) => [
        name,
        4 * Math.sqrt(share),
        `${name} (${formatShare(share)})`,
      ]);
  for (const [name, weight, text] of weighted) {
    for (const concept of lookupConcepts(compiled, name)) book.add(concept, 'language', text, weight);
  }
}

function sharesOf(bytes: Record<string, number>): [string, number][] {
  const entries = Object.entries(bytes).filter(([, n]) => Number.isFinite(n) && n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, n]) => [name, n / total]);
}

function formatShare(share: number): string {
  return share >= 0.01 ? `${Math.round(share * 100)}%` : '<1%';
}

/** A topic names a concept ("kubernetes", "machine-learning") or holds aliases ("react-components"). */
function topicConcepts(compiled: CompiledTaxonomy, topic: string): number[] {
  const named = lookupConcepts(compiled, topic);
  if (named.length > 0) return named;
  return [...new Set(matchAliases(compiled, tokenize(topic), { plainOnly: true }).map((hit) => hit.concept))];
}
