/** SQL fragments shared by every search mode. Values always travel as parameters. */
import type { IssueFilters } from '../core/search/issue-query.ts';

/**
 * The containers (repositories) a caller may see: null is every one. Every search query applies it,
 * facet counts included, so a workspace never counts another's issues.
 */
export interface SearchScope {
  repoIds: readonly number[] | null;
}

export const ALL_REPOSITORIES: SearchScope = { repoIds: null };

/** A WHERE clause under construction: clauses joined by AND, and their positional parameters. */
export class SqlWhere {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  get sql(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/**
 * Adds the scope and the filters; `i` is issues. Labels are a column of the issues_search GIN index:
 * a text search intersects a label that few issues carry inside the index, but a common one ("bug"
 * on a quarter of the issues) costs more there than testing it on the rows the text and week keys
 * found (14 ms against 4 ms at 1,000,000 issues), so labels `isCommonLabel` says yes to are written
 * in a form the index cannot use.
 */
export function addIssueFilters(
  filters: IssueFilters,
  scope: SearchScope,
  where: SqlWhere,
  options: { isCommonLabel?: (label: string) => boolean } = {},
): SqlWhere {
  if (scope.repoIds !== null) where.add(`i.repo_id = ANY(${where.param(scope.repoIds)}::bigint[])`);
  if (filters.repo) {
    const [owner, name] = filters.repo.split('/');
    where.add(
      `i.repo_id IN (SELECT id FROM repositories WHERE lower(owner) = lower(${where.param(owner)}) AND lower(name) = lower(${where.param(name)}))`,
    );
  }
  if (filters.state) where.add(`i.state = ${where.param(filters.state)}`);
  if (filters.type) where.add(filters.type === 'pr' ? 'i.is_pull_request' : 'NOT i.is_pull_request');
  const labels = filters.labels ?? [];
  const common = labels.filter((label) => options.isCommonLabel?.(label));
  const rare = labels.filter((label) => !common.includes(label));
  if (rare.length > 0) where.add(`i.label_names @> ${where.param(rare)}::text[]`);
  if (common.length > 0) where.add(`coalesce(i.label_names @> ${where.param(common)}::text[], false)`);
  if (filters.author) where.add(`lower(i.author) = lower(${where.param(filters.author)})`);
  if (filters.createdFrom) where.add(`i.created_at >= ${where.param(filters.createdFrom)}`);
  if (filters.createdTo) where.add(`i.created_at < ${where.param(filters.createdTo)}`);
  if (filters.updatedFrom) where.add(`i.updated_at >= ${where.param(filters.updatedFrom)}`);
  if (filters.updatedTo) where.add(`i.updated_at < ${where.param(filters.updatedTo)}`);
  const analysis: string[] = [];
  if (filters.issueType) analysis.push(`a.type = ${where.param(filters.issueType)}`);
  if (filters.difficulty) analysis.push(`a.difficulty = ${where.param(filters.difficulty)}`);
  if (filters.minGfi !== undefined) analysis.push(`a.gfi_score >= ${where.param(filters.minGfi)}`);
  if (filters.concept) analysis.push(`a.concept_ids @> ARRAY[${where.param(filters.concept)}::text]`);
  if (analysis.length > 0)
    where.add(
      `EXISTS (SELECT 1 FROM issue_analysis a WHERE a.issue_id = i.id AND ${analysis.join(' AND ')})`,
    );
  if (filters.hasDuplicates !== undefined) {
    where.add(
      `${filters.hasDuplicates ? '' : 'NOT '}EXISTS (SELECT 1 FROM duplicate_links l WHERE (l.issue_id = i.id OR l.duplicate_of_id = i.id) AND l.status <> 'rejected')`,
    );
  }
  return where;
}

export type SearchCursor = { o: number } | { t: string; id: number };

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Null when the text is not a cursor this server made. */
export function decodeCursor(raw: string): SearchCursor | null {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as SearchCursor;
    if ('o' in value && Number.isInteger(value.o) && value.o >= 0 && value.o <= 10_000) return value;
    if (
      't' in value &&
      typeof value.t === 'string' &&
      !Number.isNaN(Date.parse(value.t)) &&
      Number.isInteger(value.id)
    )
      return value;
  } catch {
    // not one of ours
  }
  return null;
}
