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
 * Adds the scope and the filters; `i` is issues. Labels are always search keys (`l:<label>`, in the
 * issues_search GIN index). With `searchKeys` (text queries, whose GIN indexes, issues_search and
 * issues_title_search, hold the keys) the state, type and repository filters are keys too, so the
 * index intersects them with the text instead of the table being read to test them. Testing them on
 * the rows is cheaper when many pass, but a combination nothing matches then reads every match of
 * the text ("hooks" + label bug: 360 ms against 38 ms at 1,000,000 issues): the index keeps the
 * worst case bounded. Without text, walking the updated_at index and testing the rows is cheap.
 */
export function addIssueFilters(
  filters: IssueFilters,
  scope: SearchScope,
  where: SqlWhere,
  options: { searchKeys?: boolean } = {},
): SqlWhere {
  if (scope.repoIds !== null) where.add(`i.repo_id = ANY(${where.param(scope.repoIds)}::bigint[])`);
  const keys = (filters.labels ?? []).map((label) => `l:${label}`);
  if (filters.repo) {
    const [owner, name] = filters.repo.split('/');
    const ids = `SELECT id FROM repositories WHERE lower(owner) = lower(${where.param(owner)}) AND lower(name) = lower(${where.param(name)})`;
    where.add(
      options.searchKeys
        ? `i.search_keys && ARRAY(SELECT 'r:' || id FROM (${ids}) r)`
        : `i.repo_id IN (${ids})`,
    );
  }
  if (filters.state) {
    if (options.searchKeys) keys.push(`s:${filters.state}`);
    else where.add(`i.state = ${where.param(filters.state)}`);
  }
  // A good-first-issue score is about issues: asking for one leaves pull requests out unless the
  // query names them.
  const type = filters.type ?? (filters.minGfi !== undefined ? 'issue' : undefined);
  if (type) {
    if (options.searchKeys) keys.push(`k:${type}`);
    else where.add(type === 'pr' ? 'i.is_pull_request' : 'NOT i.is_pull_request');
  }
  if (keys.length > 0) where.add(`i.search_keys @> ${where.param(keys)}::text[]`);
  if (filters.author) where.add(`lower(i.author) = lower(${where.param(filters.author)})`);
  // Assignees, absent labels and excluded labels are tested on the rows: with text the GIN index has
  // already narrowed them to the text's matches, without text the updated_at walk reads rows anyway.
  if (filters.assignee)
    where.add(
      `EXISTS (SELECT 1 FROM unnest(i.assignees) AS assignee WHERE lower(assignee) = lower(${where.param(filters.assignee)}))`,
    );
  if (filters.noAssignee) where.add(`cardinality(i.assignees) = 0`);
  if (filters.noLabel) where.add(`cardinality(i.label_names) = 0`);
  if (filters.excludedLabels?.length)
    where.add(`NOT (i.label_names && ${where.param(filters.excludedLabels)}::text[])`);
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
