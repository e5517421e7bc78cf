/** SQL fragments shared by every search mode. Values always travel as parameters. */

export interface IssueQuery {
  q?: string;
  repo?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  author?: string;
  type?: 'issue' | 'pr';
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  sort?: 'relevance' | 'updated' | 'created';
  limit?: number;
  cursor?: string;
  /** Facet counts cost a pass over the matches; the CLI and benches can skip them. */
  facets?: boolean;
  /** Loupe's classification (bug, feature, question, docs, chore), from issue_analysis. */
  issueType?: string;
  difficulty?: 'easy' | 'medium' | 'hard';
  minGfi?: number;
  concept?: string;
  hasDuplicates?: boolean;
}

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

/** Adds the filters of a query; `i` is issues, `r` repositories. */
export function addIssueFilters(query: IssueQuery, where: SqlWhere): SqlWhere {
  if (query.repo) {
    const [owner, name] = query.repo.split('/');
    where.add(`lower(r.owner) = lower(${where.param(owner)}) AND lower(r.name) = lower(${where.param(name)})`);
  }
  if (query.state) where.add(`i.state = ${where.param(query.state)}`);
  if (query.type) where.add(query.type === 'pr' ? 'i.is_pull_request' : 'NOT i.is_pull_request');
  if (query.labels && query.labels.length > 0) where.add(`i.label_names @> ${where.param(query.labels)}::text[]`);
  if (query.author) where.add(`lower(i.author) = lower(${where.param(query.author)})`);
  if (query.createdFrom) where.add(`i.created_at >= ${where.param(query.createdFrom)}`);
  if (query.createdTo) where.add(`i.created_at < ${where.param(query.createdTo)}`);
  if (query.updatedFrom) where.add(`i.updated_at >= ${where.param(query.updatedFrom)}`);
  if (query.updatedTo) where.add(`i.updated_at < ${where.param(query.updatedTo)}`);
  const analysis: string[] = [];
  if (query.issueType) analysis.push(`a.type = ${where.param(query.issueType)}`);
  if (query.difficulty) analysis.push(`a.difficulty = ${where.param(query.difficulty)}`);
  if (query.minGfi !== undefined) analysis.push(`a.gfi_score >= ${where.param(query.minGfi)}`);
  if (query.concept) analysis.push(`a.concept_ids @> ARRAY[${where.param(query.concept)}::text]`);
  if (analysis.length > 0) where.add(`EXISTS (SELECT 1 FROM issue_analysis a WHERE a.issue_id = i.id AND ${analysis.join(' AND ')})`);
  if (query.hasDuplicates !== undefined) {
    where.add(`${query.hasDuplicates ? '' : 'NOT '}EXISTS (SELECT 1 FROM duplicate_links l WHERE (l.issue_id = i.id OR l.duplicate_of_id = i.id) AND l.status <> 'rejected')`);
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
    if ('t' in value && typeof value.t === 'string' && !Number.isNaN(Date.parse(value.t)) && Number.isInteger(value.id)) return value;
  } catch {
    // not one of ours
  }
  return null;
}

/** True when the text uses websearch operators (quotes, or, -negation), which a relaxed query must keep. */
export function usesSearchOperators(text: string): boolean {
  return /["]|(^|\s)-\S|\bor\b/i.test(text);
}
