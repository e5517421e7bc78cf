/**
 * A HistoryIndex cut down to what judging a known set of issues can read, saved as gzipped JSON: the
 * commits in the judged ranges (messages, times, and the tokens their changes added, kept only when
 * an issue's text holds them) and the trees of the judged commits (every file, with the same cut).
 * Scores computed on the cut index equal those on the full one: the detector only ever looks up the
 * issues' own tokens, and change sizes and file counts are kept. This lets bench:detect run with no
 * clone and no network, without storing the repository's code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  createTokenTable,
  internToken,
  type HistoryIndex,
  type IndexedCommit,
  type IndexedFile,
} from '../core/detect/history-index.ts';
import { LoupeError } from '../core/errors.ts';

interface FileJson {
  path: string;
  tokens: number[];
  symbols: number[];
}
interface IndexFileJson {
  format: 'loupe-detect-index/1';
  tokens: string[];
  commits: {
    sha: string;
    parents: string[];
    time: number;
    message: string;
    changes: { path: string; added: number[]; addedSymbols: number[]; addedCount: number }[];
  }[];
  files: FileJson[];
  /** Commit sha -> indices into `files`. */
  trees: Record<string, number[]>;
}

/** Writes the commits and trees named, keeping only tokens in `vocabulary`. */
export async function writeDetectIndexFile(
  path: string,
  input: {
    index: HistoryIndex;
    commits: Iterable<string>;
    trees: Iterable<string>;
    vocabulary: ReadonlySet<string>;
  },
): Promise<void> {
  const { index, vocabulary } = input;
  const out: IndexFileJson = {
    format: 'loupe-detect-index/1',
    tokens: [],
    commits: [],
    files: [],
    trees: {},
  };
  const newIds = new Map<number, number>();
  const keep = (ids: Uint32Array): number[] => {
    const kept: number[] = [];
    for (const id of ids) {
      const token = index.table.tokens[id]!;
      if (!vocabulary.has(token)) continue;
      let mapped = newIds.get(id);
      if (mapped === undefined) {
        mapped = out.tokens.length;
        out.tokens.push(token);
        newIds.set(id, mapped);
      }
      kept.push(mapped);
    }
    return kept;
  };
  for (const sha of input.commits) {
    const c = index.commits.get(sha);
    if (!c) continue;
    out.commits.push({
      sha: c.sha,
      parents: c.parents,
      time: c.time,
      message: c.message,
      changes: c.changes.map((ch) => ({
        path: ch.path,
        added: keep(ch.added),
        addedSymbols: keep(ch.addedSymbols),
        addedCount: ch.addedCount,
      })),
    });
  }
  const fileIds = new Map<string, number>();
  for (const sha of input.trees) {
    const tree = index.trees.get(sha);
    if (!tree) throw new Error(`no tree indexed for ${sha}`);
    out.trees[sha] = tree.files.map((f) => {
      const file: FileJson = { path: f.path, tokens: keep(f.tokens), symbols: keep(f.symbols) };
      const key = JSON.stringify(file);
      let id = fileIds.get(key);
      if (id === undefined) {
        id = out.files.length;
        out.files.push(file);
        fileIds.set(key, id);
      }
      return id;
    });
  }
  await writeFile(path, gzipSync(JSON.stringify(out), { level: 9 }));
}

/** Reads an index written by writeDetectIndexFile. Token ids are re-sorted so look-ups stay binary searches. */
export async function readDetectIndexFile(path: string): Promise<HistoryIndex> {
  let data: IndexFileJson;
  try {
    data = JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as IndexFileJson;
  } catch (error) {
    throw new LoupeError('INVALID_INPUT', `${path}: not a detect index file (${(error as Error).message})`);
  }
  if (data.format !== 'loupe-detect-index/1')
    throw new LoupeError('INVALID_INPUT', `${path}: unknown index format "${String(data.format)}"`);
  const table = createTokenTable();
  for (const token of data.tokens) internToken(table, token);
  const ids = (list: number[]): Uint32Array => Uint32Array.from(list).sort();
  const commits = new Map<string, IndexedCommit>(
    data.commits.map((c) => [
      c.sha,
      {
        ...c,
        changes: c.changes.map((ch) => ({ ...ch, added: ids(ch.added), addedSymbols: ids(ch.addedSymbols) })),
      },
    ]),
  );
  const files: IndexedFile[] = data.files.map((f) => ({
    path: f.path,
    tokens: ids(f.tokens),
    symbols: ids(f.symbols),
  }));
  const trees = new Map(
    Object.entries(data.trees).map(([sha, list]) => [
      sha,
      { commit: sha, files: list.map((i) => files[i]!) },
    ]),
  );
  return { table, commits, trees };
}
