import type { ConceptTag } from './concept.types.ts';
import type { CompiledTaxonomy } from './taxonomy.compile.ts';

/** Where a piece of evidence came from. `prior` is an issue's repository language: a weak prior. */
export type EvidenceBucket =
  | 'title'
  | 'label'
  | 'fence'
  | 'file'
  | 'topic'
  | 'description'
  | 'body'
  | 'code'
  | 'boilerplate'
  | 'language'
  | 'prior';

/**
 * Weight of a bucket holding n hits: min(cap, base + extra·log2 n). Repeats add little (an alias
 * said ten times is not ten times the evidence) and no bucket can dominate alone. `language` and
 * `prior` carry explicit weights instead (their largest one counts).
 */
const BUCKET_WEIGHTS: Record<
  Exclude<EvidenceBucket, 'language' | 'prior'>,
  { base: number; extra: number; cap: number }
> = {
  title: { base: 3, extra: 0.5, cap: 4 },
  label: { base: 3, extra: 0.5, cap: 3.5 },
  fence: { base: 2, extra: 0.25, cap: 2.5 },
  topic: { base: 2.5, extra: 0.5, cap: 3.5 },
  description: { base: 2, extra: 0.5, cap: 3 },
  file: { base: 1.5, extra: 0.5, cap: 2.5 },
  body: { base: 1, extra: 0.5, cap: 3 },
  code: { base: 0.5, extra: 0.25, cap: 1.25 },
  // Template text repeated in every issue of a repository: barely evidence at all.
  boilerplate: { base: 0.3, extra: 0.15, cap: 0.6 },
};

const BUCKET_ORDER: readonly EvidenceBucket[] = [
  'title',
  'label',
  'fence',
  'file',
  'topic',
  'description',
  'body',
  'code',
  'boilerplate',
  'language',
  'prior',
];

/** Share of a child's total that its parent receives (the best child fully, the others at a quarter). */
export const PARENT_CREDIT = 0.5;
const OTHER_CHILDREN_CREDIT = 0.25;
/** Score = 1 − exp(−total / SCORE_SCALE): one title mention ≈ 0.63, one body mention ≈ 0.28. */
export const SCORE_SCALE = 3;
const DETAILS_PER_BUCKET = 3;

interface Detail {
  text: string;
  count: number;
  weight: number;
}

export interface TagOptions {
  limit?: number;
  minScore?: number;
}

/** Collects evidence per concept and turns it into scored tags. */
export class EvidenceBook {
  private readonly entries = new Map<number, Map<EvidenceBucket, Map<string, Detail>>>();

  /** Records one piece of evidence; `text` is what evidence lines quote (repeats are counted). */
  add(concept: number, bucket: EvidenceBucket, text: string, weight = 0): void {
    let buckets = this.entries.get(concept);
    if (!buckets) this.entries.set(concept, (buckets = new Map()));
    let details = buckets.get(bucket);
    if (!details) buckets.set(bucket, (details = new Map()));
    const key = text.toLowerCase();
    const detail = details.get(key);
    if (detail) {
      detail.count += 1;
      detail.weight = Math.max(detail.weight, weight);
    } else {
      details.set(key, { text, count: 1, weight });
    }
  }

  /** True when the concept has evidence other than a prior. */
  hasEvidence(concept: number): boolean {
    const buckets = this.entries.get(concept);
    return buckets !== undefined && [...buckets.keys()].some((b) => b !== 'prior');
  }

  hasPrior(concept: number): boolean {
    return this.entries.get(concept)?.has('prior') === true;
  }

  /** Concepts with evidence other than a prior. */
  evidenced(): number[] {
    return [...this.entries.keys()].filter((c) => this.hasEvidence(c));
  }

  /**
   * Scored tags, best first (ties by id). A concept's total is its direct weight (the sum of its
   * buckets) plus PARENT_CREDIT × (best child total + ¼ × the other children's totals), computed
   * bottom-up; so "kafka" in a title (3.0 → 0.63) also gives message-queues 1.5 (0.39) and
   * distributed-systems 0.75 (0.22). Parents never outrank their best child on implied credit alone.
   */
  toTags(compiled: CompiledTaxonomy, options: TagOptions = {}): ConceptTag[] {
    const limit = options.limit ?? 10;
    const minScore = options.minScore ?? 0.1;
    const totals = this.totals(compiled);
    const tags: ConceptTag[] = [];
    for (const [concept, { total, implied }] of totals) {
      const score = Math.round((1 - Math.exp(-total / SCORE_SCALE)) * 1000) / 1000;
      if (score < minScore || score <= 0) continue;
      const info = compiled.concepts[concept] as { id: string; name: string };
      const evidence = this.describe(concept);
      if (implied.length > 0)
        evidence.push(`implied by ${implied.map((c) => compiled.concepts[c]?.id).join(', ')}`);
      tags.push({
        id: info.id,
        name: info.name,
        path: [...(compiled.path[concept] as string[])],
        score,
        evidence,
      });
    }
    tags.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return tags.slice(0, limit);
  }

  private totals(compiled: CompiledTaxonomy): Map<number, { total: number; implied: number[] }> {
    const nodes = new Set<number>();
    for (const concept of this.entries.keys()) {
      for (let c = concept; c >= 0 && !nodes.has(c); c = compiled.parent[c] as number) nodes.add(c);
    }
    const order = [...nodes].sort(
      (a, b) => (compiled.depth[b] as number) - (compiled.depth[a] as number) || a - b,
    );
    const childTotals = new Map<number, { concept: number; total: number }[]>();
    const result = new Map<number, { total: number; implied: number[] }>();
    for (const node of order) {
      const kids = (childTotals.get(node) ?? []).sort((a, b) => b.total - a.total || a.concept - b.concept);
      const best = kids[0]?.total ?? 0;
      const rest = kids.reduce((sum, k) => sum + k.total, 0) - best;
      const total = this.directWeight(node) + PARENT_CREDIT * (best + OTHER_CHILDREN_CREDIT * rest);
      result.set(node, { total, implied: kids.slice(0, 3).map((k) => k.concept) });
      const parent = compiled.parent[node] as number;
      if (parent >= 0 && total > 0)
        childTotals.set(parent, [...(childTotals.get(parent) ?? []), { concept: node, total }]);
    }
    return result;
  }

  private directWeight(concept: number): number {
    let weight = 0;
    for (const [bucket, details] of this.entries.get(concept) ?? []) {
      const list = [...details.values()];
      if (bucket === 'language' || bucket === 'prior') {
        weight += Math.max(...list.map((d) => d.weight));
        continue;
      }
      const spec = BUCKET_WEIGHTS[bucket];
      const hits = list.reduce((sum, d) => sum + d.count, 0);
      weight += Math.min(spec.cap, spec.base + spec.extra * Math.log2(hits));
    }
    return weight;
  }

  private describe(concept: number): string[] {
    const buckets = this.entries.get(concept);
    if (!buckets) return [];
    const lines: string[] = [];
    for (const bucket of BUCKET_ORDER) {
      const details = [...(buckets.get(bucket)?.values() ?? [])].sort((a, b) => b.count - a.count);
      for (const d of details.slice(0, DETAILS_PER_BUCKET)) lines.push(describeDetail(bucket, d));
    }
    return lines;
  }
}

function describeDetail(bucket: EvidenceBucket, detail: Detail): string {
  const times = detail.count > 1 ? ` (${detail.count}×)` : '';
  switch (bucket) {
    case 'title':
    case 'body':
    case 'code':
    case 'description':
      return `${bucket} mentions "${detail.text}"${times}`;
    case 'boilerplate':
      return `template text mentions "${detail.text}"${times}`;
    case 'fence':
      return `code block in ${detail.text}${times}`;
    case 'file':
    case 'label':
    case 'topic':
      return `${bucket} "${detail.text}"${times}`;
    case 'language':
    case 'prior':
      return `repo language ${detail.text}`;
  }
}
