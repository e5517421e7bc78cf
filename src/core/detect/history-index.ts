/**
 * The plain data the detector reads about a repository: its commits (message, time, the tokens each
 * change added to a file) and the files of the trees it judges (tokens and declared symbols). Tokens
 * are interned as numbers, and every token list is a sorted Uint32Array, so an index of a whole history
 * stays small and term look-ups are binary searches. Filled by src/sources/git (or loaded from a file
 * by the bench); read here without I/O.
 */

/** Token <-> id. Ids are dense, in order of first sight. */
export interface TokenTable {
  ids: Map<string, number>;
  tokens: string[];
}

export interface IndexedChange {
  path: string;
  /** Tokens the new version of the file has and the old one had not (sorted ids). */
  added: Uint32Array;
  /** Declared symbols new to the file (sorted ids). */
  addedSymbols: Uint32Array;
  /** Size of `added` before any cut to a vocabulary: how large the change is. */
  addedCount: number;
}

export interface IndexedCommit {
  sha: string;
  parents: string[];
  /** Committer time, Unix seconds. */
  time: number;
  message: string;
  changes: IndexedChange[];
}

export interface IndexedFile {
  path: string;
  tokens: Uint32Array;
  symbols: Uint32Array;
}

export interface IndexedTree {
  commit: string;
  /** Text files only (binary and very large files are left out). */
  files: IndexedFile[];
}

export interface HistoryIndex {
  table: TokenTable;
  commits: Map<string, IndexedCommit>;
  /** Trees of the commits judged so far, by commit sha. */
  trees: Map<string, IndexedTree>;
}

export function createTokenTable(): TokenTable {
  return { ids: new Map(), tokens: [] };
}

/** The id of `token`, adding it when new. */
export function internToken(table: TokenTable, token: string): number {
  let id = table.ids.get(token);
  if (id === undefined) {
    id = table.tokens.length;
    table.ids.set(token, id);
    table.tokens.push(token);
  }
  return id;
}

/** Interns every token and returns the sorted, distinct ids. */
export function internTokens(table: TokenTable, tokens: Iterable<string>): Uint32Array {
  const ids = new Set<number>();
  for (const token of tokens) ids.add(internToken(table, token));
  return Uint32Array.from(ids).sort();
}

/** Binary search in a sorted id list. */
export function hasToken(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid]!;
    if (value === id) return true;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Ids in `a` and not in `b` (both sorted). */
export function difference(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const value = a[i]!;
    while (j < b.length && b[j]! < value) j++;
    if (j >= b.length || b[j] !== value) out[n++] = value;
  }
  return out.slice(0, n);
}

/**
 * The commits reachable from `sha` (itself included) whose time is at or after `since` (Unix
 * seconds), newest first. The walk goes past older commits only within `skew` seconds, since
 * committer clocks and rebases leave times slightly out of order.
 */
export function commitsSince(
  index: HistoryIndex,
  sha: string,
  since: number,
  skew = 30 * 86_400,
): IndexedCommit[] {
  const out: IndexedCommit[] = [];
  const seen = new Set<string>([sha]);
  const stack = [sha];
  while (stack.length > 0) {
    const commit = index.commits.get(stack.pop()!);
    if (!commit) continue;
    if (commit.time >= since) out.push(commit);
    if (commit.time < since - skew) continue;
    for (const parent of commit.parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return out.sort((a, b) => b.time - a.time);
}
