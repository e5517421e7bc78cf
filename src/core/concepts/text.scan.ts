import { matchAliases, matchPath } from './concept.match.ts';
import type { EvidenceBook, EvidenceBucket } from './evidence.score.ts';
import { pathCandidates } from './issue-text.split.ts';
import type { CompiledTaxonomy } from './taxonomy.compile.ts';
import { followedByVersion, inTitleCaseLine, tokenize } from './text.tokenize.ts';

/** A `~ambiguous` alias seen in text, waiting for the rest of the evidence to confirm it. */
export interface PendingMention {
  concept: number;
  bucket: EvidenceBucket;
  text: string;
  /** Followed by a version number ("Spark 3.5"): confirmed outright. */
  versioned: boolean;
  /** At a sentence start or in a Title Case line, where capitals prove nothing. */
  initial: boolean;
}

/**
 * Records the aliases and file names found in one text under `bucket`; ambiguous aliases go to
 * `pending` for `confirmAmbiguous`. In code, sentence position means nothing, so code mentions are
 * never treated as sentence-initial.
 */
export function scanText(
  compiled: CompiledTaxonomy,
  text: string,
  sink: { bucket: EvidenceBucket; book: EvidenceBook; pending: PendingMention[] },
): void {
  if (!text) return;
  const { bucket, book, pending } = sink;
  const tokens = tokenize(text);
  const covered = new Uint8Array(tokens.length);
  for (const hit of matchAliases(compiled, tokens)) {
    covered.fill(1, hit.token, hit.token + hit.length);
    const first = tokens[hit.token];
    const last = tokens[hit.token + hit.length - 1];
    if (!first || !last) continue;
    const mention = text.slice(first.start, last.end);
    if (!hit.ambiguous) {
      book.add(hit.concept, bucket, mention);
      continue;
    }
    const prose = bucket !== 'code';
    pending.push({
      concept: hit.concept,
      bucket,
      text: mention,
      versioned: followedByVersion(text, tokens, hit.token + hit.length - 1),
      initial: prose && (first.initial || inTitleCaseLine(text, first.start)),
    });
  }
  const fileBucket = bucket === 'body' ? 'file' : bucket;
  for (const candidate of pathCandidates(text)) {
    const base = candidate.slice(candidate.lastIndexOf('/') + 1).toLowerCase();
    if (compiled.singleTokenAliases.has(base)) continue; // "Node.js" is a name, not a file
    for (const concept of matchPath(compiled, candidate)) book.add(concept, fileBucket, candidate);
  }
  // Bare file names (Makefile, LICENSE) are words; count them only where no alias already did.
  tokens.forEach((token, i) => {
    if (covered[i]) return;
    for (const concept of compiled.files.bareNames.get(token.raw) ?? [])
      book.add(concept, fileBucket, token.raw);
  });
}

/**
 * Keeps the ambiguous mentions the rest of the evidence supports:
 * - followed by a version ("Go 1.22") — always;
 * - at a sentence start or in Title Case — only if the concept (or a descendant) has other evidence;
 * - elsewhere — also if the concept has a prior (repo language), or if a context concept or the
 *   concept's parent has evidence somewhere in its subtree ("Spark" next to pandas and parquet).
 * Only unambiguous evidence confirms, so two ambiguous words never vouch for each other.
 */
export function confirmAmbiguous(
  compiled: CompiledTaxonomy,
  book: EvidenceBook,
  pending: readonly PendingMention[],
): void {
  const supported = supportedConcepts(compiled, book.evidenced());
  const versioned = pending.filter((p) => p.versioned);
  for (const mention of versioned) book.add(mention.concept, mention.bucket, mention.text);
  for (const id of supportedConcepts(
    compiled,
    versioned.map((p) => p.concept),
  ))
    supported.add(id);
  for (const mention of pending) {
    if (mention.versioned) continue;
    const own = supported.has(mention.concept);
    const confirmed = mention.initial
      ? own
      : own ||
        book.hasPrior(mention.concept) ||
        (compiled.contextOf[mention.concept] ?? []).some((c) => supported.has(c));
    if (confirmed) book.add(mention.concept, mention.bucket, mention.text);
  }
}

/** The given concepts and all their ancestors. */
function supportedConcepts(compiled: CompiledTaxonomy, concepts: readonly number[]): Set<number> {
  const supported = new Set<number>();
  for (const concept of concepts) {
    for (let c = concept; c >= 0 && !supported.has(c); c = compiled.parent[c] as number) supported.add(c);
  }
  return supported;
}
