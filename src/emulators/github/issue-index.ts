/**
 * Sorted views over one repository's issues and comments, so a list request costs a binary search
 * plus the page, not a scan and sort of the whole repository. Views are rebuilt lazily after a
 * mutation (mutations are rare: tests call them a handful of times).
 */
import type { DatasetComment, DatasetIssue } from './dataset.types.ts';

export type IssueSort = 'created' | 'updated' | 'comments';
export type Direction = 'asc' | 'desc';

export interface IssueQuery {
  state: 'open' | 'closed' | 'all';
  labels: string[];
  /** Epoch ms; items with updated_at >= since. */
  sinceMs: number | null;
  sort: IssueSort;
  direction: Direction;
}

export interface CommentQuery {
  sinceMs: number | null;
  sort: 'created' | 'updated';
  direction: Direction;
}

interface Sorted<T> {
  items: T[];
  /** updated_at in epoch ms, parallel to items when the view is sorted by updated. */
  updatedMs: number[];
}

/** First index whose value is >= target in an ascending array. */
export function lowerBound(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ms(iso: string): number {
  return Date.parse(iso);
}

function sortBy<T>(items: T[], key: (x: T) => number, tie: (x: T) => number): T[] {
  const keyed = items.map((x) => ({ x, k: key(x), t: tie(x) }));
  keyed.sort((a, b) => a.k - b.k || a.t - b.t);
  return keyed.map((e) => e.x);
}

/** Applies `since` to an ascending-by-updated view with a binary search, else by filtering. */
function sinceSlice<T extends { updatedAt: string }>(
  view: Sorted<T>,
  sinceMs: number | null,
  byUpdated: boolean,
): T[] {
  if (sinceMs === null) return view.items;
  if (byUpdated) return view.items.slice(lowerBound(view.updatedMs, sinceMs));
  return view.items.filter((x) => ms(x.updatedAt) >= sinceMs);
}

/** Indexes of one repository. Call `invalidate()` after any change to its issues or comments. */
export class RepoIssueIndex {
  readonly issues = new Map<number, DatasetIssue>();
  readonly commentsByIssue = new Map<number, DatasetComment[]>();
  private views = new Map<string, Sorted<DatasetIssue>>();
  private commentViews = new Map<string, Sorted<DatasetComment>>();
  private queryCache = new Map<string, DatasetIssue[]>();

  addIssue(issue: DatasetIssue): void {
    this.issues.set(issue.number, issue);
  }

  addComment(comment: DatasetComment): void {
    const list = this.commentsByIssue.get(comment.issueNumber);
    if (list) list.push(comment);
    else this.commentsByIssue.set(comment.issueNumber, [comment]);
  }

  /** Removes an issue and its comments; returns the comments it had. */
  removeIssue(issueNumber: number): DatasetComment[] {
    const comments = this.commentsByIssue.get(issueNumber) ?? [];
    this.issues.delete(issueNumber);
    this.commentsByIssue.delete(issueNumber);
    return comments;
  }

  /** The comment with this id, searching every issue (deletions are rare; no id index needed). */
  findComment(id: number): DatasetComment | undefined {
    for (const list of this.commentsByIssue.values()) {
      const found = list.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  removeComment(comment: DatasetComment): void {
    const list = this.commentsByIssue.get(comment.issueNumber);
    if (!list) return;
    const rest = list.filter((c) => c !== comment);
    if (rest.length > 0) this.commentsByIssue.set(comment.issueNumber, rest);
    else this.commentsByIssue.delete(comment.issueNumber);
  }

  commentCount(issueNumber: number): number {
    return this.commentsByIssue.get(issueNumber)?.length ?? 0;
  }

  invalidate(): void {
    this.views.clear();
    this.commentViews.clear();
    this.queryCache.clear();
  }

  private view(sort: IssueSort): Sorted<DatasetIssue> {
    let v = this.views.get(sort);
    if (v) return v;
    const all = [...this.issues.values()];
    const key =
      sort === 'created'
        ? (i: DatasetIssue) => ms(i.createdAt)
        : sort === 'updated'
          ? (i: DatasetIssue) => ms(i.updatedAt)
          : (i: DatasetIssue) => this.commentCount(i.number);
    const items = sortBy(all, key, (i) => i.number);
    v = { items, updatedMs: sort === 'updated' ? items.map((i) => ms(i.updatedAt)) : [] };
    this.views.set(sort, v);
    return v;
  }

  /** Issues matching the query, in response order. Cached until the next invalidate(). */
  queryIssues(q: IssueQuery): DatasetIssue[] {
    const cacheKey = JSON.stringify(q);
    const cached = this.queryCache.get(cacheKey);
    if (cached) return cached;
    const base = sinceSlice(this.view(q.sort), q.sinceMs, q.sort === 'updated');
    const wanted = q.labels.map((l) => l.toLowerCase());
    const out = base.filter((i) => {
      if (q.state !== 'all' && i.state !== q.state) return false;
      if (wanted.length === 0) return true;
      const have = new Set(i.labels.map((l) => l.toLowerCase()));
      return wanted.every((l) => have.has(l));
    });
    if (q.direction === 'desc') out.reverse();
    // Keep the cache bounded: a client walking one query's pages needs one entry.
    if (this.queryCache.size > 32) this.queryCache.clear();
    this.queryCache.set(cacheKey, out);
    return out;
  }

  /** Repository-wide comments; GitHub orders by id (creation) ascending by default. */
  queryComments(q: CommentQuery): DatasetComment[] {
    const key = q.sort;
    let v = this.commentViews.get(key);
    if (!v) {
      const all = [...this.commentsByIssue.values()].flat();
      const items = sortBy(
        all,
        (c) => ms(key === 'created' ? c.createdAt : c.updatedAt),
        (c) => c.id,
      );
      v = { items, updatedMs: key === 'updated' ? items.map((c) => ms(c.updatedAt)) : [] };
      this.commentViews.set(key, v);
    }
    const out = sinceSlice(v, q.sinceMs, key === 'updated');
    return q.direction === 'desc' ? [...out].reverse() : out;
  }

  /** Comments of one issue in creation order, optionally since a time. */
  issueComments(issueNumber: number, sinceMs: number | null): DatasetComment[] {
    const list = this.commentsByIssue.get(issueNumber) ?? [];
    return sinceMs === null ? list : list.filter((c) => ms(c.updatedAt) >= sinceMs);
  }
}
