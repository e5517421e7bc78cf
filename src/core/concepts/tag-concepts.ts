import type { ConceptTag, Taxonomy } from './concept.types.ts';
import { lookupConcepts, matchFence, matchLabel, matchPath } from './concept.match.ts';
import { EvidenceBook } from './evidence.score.ts';
import type { TagOptions } from './evidence.score.ts';
import { MAX_TEXT_CHARS, splitMarkdown, stripUrls } from './issue-text.split.ts';
import { compileTaxonomy } from './taxonomy.compile.ts';
import { defaultTaxonomy } from './taxonomy.ts';
import { confirmAmbiguous, scanText } from './text.scan.ts';
import type { PendingMention } from './text.scan.ts';

export interface TagConceptsInput {
  title: string;
  body: string | null;
  labels?: string[];
  /** The repository's languages, most used first (a weak prior, never enough alone to tag). */
  repoLanguages?: string[];
  /** Paths the issue touches (for pull requests: changed files). */
  files?: string[];
}

/**
 * Fence languages that label a terminal session or output rather than a language the issue is
 * about: a ```bash block of `pip install` commands says nothing about shell scripting.
 */
const SESSION_FENCES = new Set([
  'shell',
  'console',
  'sh',
  'bash',
  'zsh',
  'shell-session',
  'sh-session',
  'terminal',
  'cmd',
  'bat',
  'text',
  'txt',
  'log',
  'output',
  'plaintext',
  'plain',
  'diff',
  'none',
]);

/** Weight of a repository language for one of its issues: alone it stays under the default minScore. */
const REPO_LANGUAGE_PRIOR = 0.3;

/**
 * Tags an issue with concepts, best first.
 *
 * Evidence and weights (see evidence.score.ts): an alias in the title 3, a label 3, a fenced code
 * block language 2, a file path 1.5, an alias in the body 1 (in code 0.5), growing slowly with
 * repeats; the repository's languages add 0.3. Aliases marked `~` (Go, Rust, Spark) count only
 * when confirmed (text.scan.ts). Parents get half their best child's total, so tags come with
 * their broader areas at lower scores. Score = 1 − exp(−total / 3), rounded to 3 decimals.
 * Defaults: limit 10, minScore 0.1. Pure and deterministic; the taxonomy is compiled once and cached.
 */
export function tagConcepts(
  input: TagConceptsInput,
  taxonomy: Taxonomy = defaultTaxonomy,
  options: TagOptions = {},
): ConceptTag[] {
  const compiled = compileTaxonomy(taxonomy);
  const book = new EvidenceBook();
  const pending: PendingMention[] = [];
  const body = splitMarkdown(input.body ?? '');
  scanText(compiled, stripUrls((input.title ?? '').slice(0, MAX_TEXT_CHARS)), {
    bucket: 'title',
    book,
    pending,
  });
  scanText(compiled, body.prose, { bucket: 'body', book, pending });
  scanText(compiled, body.code, { bucket: 'code', book, pending });
  scanText(compiled, body.boilerplate, { bucket: 'boilerplate', book, pending });
  for (const fence of body.fences) {
    if (SESSION_FENCES.has(fence)) continue;
    for (const concept of matchFence(compiled, fence)) book.add(concept, 'fence', fence);
  }
  for (const label of input.labels ?? []) {
    for (const concept of matchLabel(compiled, label)) book.add(concept, 'label', label);
  }
  for (const file of input.files ?? []) {
    for (const concept of matchPath(compiled, file)) book.add(concept, 'file', file);
  }
  for (const language of input.repoLanguages ?? []) {
    for (const concept of lookupConcepts(compiled, language))
      book.add(concept, 'prior', language, REPO_LANGUAGE_PRIOR);
  }
  confirmAmbiguous(compiled, book, pending);
  return book.toTags(compiled, options);
}
