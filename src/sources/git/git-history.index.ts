/**
 * Builds the detector's HistoryIndex from a repository through the git CLI, once per repository
 * and range: one `git log --raw` pass for the commits and the blobs they changed, one
 * `git cat-file --batch` pass to tokenise those blobs (each blob once, cached by its sha), and one
 * `git ls-tree` per commit judged. Checkouts and bare clones both work.
 */
import { addCodeTokens } from '../../core/detect/code-tokens.ts';
import { declaredSymbols, declaredSymbolsInText } from '../../core/detect/code-symbols.ts';
import {
  createTokenTable,
  internTokens,
  type HistoryIndex,
  type IndexedCommit,
  type IndexedFile,
  type TokenTable,
} from '../../core/detect/history-index.ts';
import { readBlobs } from './blob-reader.ts';
import { runGit, streamGitLines } from './git-cli.ts';

interface BlobFacts {
  tokens: Uint32Array;
  symbols: Uint32Array;
}

/** A HistoryIndex with what is needed to add trees to it later. */
export interface GitHistoryIndex {
  repoDir: string;
  index: HistoryIndex;
  /** Tokenised blobs by sha; null for binary, missing or too large ones. */
  blobs: Map<string, BlobFacts | null>;
  /** Milliseconds spent building (log, blobs) so reports can show the per-repository cost. */
  buildMs: number;
}

const NO_BLOB = /^0+$/;
/** Data, media and archives: never code a request names. */
const SKIPPED_EXTENSIONS = [
  'png',
  'jpg',
  'jpeg',
  'gif',
  'ico',
  'svg',
  'webp',
  'bmp',
  'pdf',
  'zip',
  'gz',
  'tgz',
  'bz2',
  'xz',
  '7z',
  'tar',
  'jar',
  'whl',
  'egg',
  'parquet',
  'arrow',
  'feather',
  'npy',
  'npz',
  'pkl',
  'pickle',
  'h5',
  'bin',
  'pt',
  'ckpt',
  'onnx',
  'so',
  'dylib',
  'dll',
  'exe',
  'o',
  'a',
  'class',
  'woff',
  'woff2',
  'ttf',
  'eot',
  'otf',
  'mp3',
  'mp4',
  'wav',
  'flac',
  'ogg',
  'mov',
  'avi',
  'lock',
  'map',
  'csv',
  'tsv',
  'jsonl',
  'ndjson',
  'ply',
  'stl',
];
const SKIPPED = new RegExp(`\\.(?:${SKIPPED_EXTENSIONS.join('|')})$|\\.min\\.js$`, 'i');
const SKIPPED_GLOBS = [...SKIPPED_EXTENSIONS.map((e) => `*.${e}`), '*.min.js'];

/** True when the detector reads this path's content. */
export function isIndexedPath(path: string): boolean {
  return !SKIPPED.test(path);
}

/** Changes adding more lines than this are data or generated code: only their first lines are read. */
const MAX_LINES_PER_CHANGE = 3000;

interface ChangeBuilder {
  path: string | null;
  tokens: Set<string>;
  symbols: string[];
  lines: number;
}

interface LogPass {
  commits: IndexedCommit[];
  missingPaths: string[];
}

/**
 * First pass, `git log --raw`: every commit (message, parents, time) and the paths whose blobs the
 * snapshot lacks (`git log -p` would stop at them, so the second pass leaves them out).
 */
async function readCommits(repoDir: string, revs: readonly string[]): Promise<LogPass> {
  const commits: IndexedCommit[] = [];
  const pathOf = new Map<string, string>();
  let commit: IndexedCommit | null = null;
  let inMessage = false;
  const args = [
    'log',
    '--no-abbrev',
    '--raw',
    '--no-renames',
    '--format=%x1e%H%x1f%P%x1f%ct%x1f%B%x1d',
    ...revs,
    '--',
  ];
  for await (const line of streamGitLines(repoDir, args)) {
    if (inMessage) {
      inMessage = !line.endsWith('\x1d');
      commit!.message += `\n${inMessage ? line : line.slice(0, -1)}`;
    } else if (line.startsWith('\x1e')) {
      const [sha, parents, time, first] = line.slice(1).split('\x1f') as [string, string, string, string];
      commit = {
        sha,
        parents: parents ? parents.split(' ') : [],
        time: Number(time),
        message: first,
        changes: [],
      };
      commits.push(commit);
      inMessage = !first.endsWith('\x1d');
      if (!inMessage) commit.message = first.slice(0, -1);
    } else if (line.startsWith(':')) {
      const tab = line.indexOf('\t');
      const blob = line.slice(1, tab).split(' ')[3] ?? '';
      const path = line.slice(tab + 1);
      if (!NO_BLOB.test(blob) && isIndexedPath(path)) pathOf.set(blob, path);
    }
  }
  for (const c of commits) c.message = c.message.trim();
  const missing = new Set<string>();
  await readBlobs(
    repoDir,
    [...pathOf.keys()],
    (sha, content) => {
      if (content === null) missing.add(pathOf.get(sha)!);
    },
    Number.MAX_SAFE_INTEGER,
    true,
  );
  return { commits, missingPaths: [...missing] };
}

/**
 * Second pass, one `git log -p --unified=0`: per changed file the tokens of its added lines (and of
 * the hunk headers, which name the enclosing function) and the names they declare.
 */
async function readChanges(
  repoDir: string,
  revs: readonly string[],
  pass: LogPass,
  table: TokenTable,
): Promise<void> {
  const bySha = new Map(pass.commits.map((c) => [c.sha, c]));
  let commit: IndexedCommit | undefined;
  let change: ChangeBuilder | null = null;
  let inHunks = false;
  const finish = (): void => {
    if (commit && change?.path) {
      const added = internTokens(table, change.tokens);
      commit.changes.push({
        path: change.path,
        added,
        addedSymbols: internTokens(table, change.symbols),
        addedCount: added.length,
      });
    }
    change = null;
  };
  const excluded = [
    ...SKIPPED_GLOBS.map((g) => `:(exclude)${g}`),
    ...pass.missingPaths.map((p) => `:(exclude,literal)${p}`),
  ];
  const args = [
    'log',
    '-p',
    '--unified=0',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--format=%x1e%H',
    ...revs,
    '--',
    '.',
    ...excluded,
  ];
  for await (const line of streamGitLines(repoDir, args)) {
    if (line.startsWith('\x1e')) {
      finish();
      commit = bySha.get(line.slice(1));
    } else if (line.startsWith('diff --git ')) {
      finish();
      change = { path: null, tokens: new Set(), symbols: [], lines: 0 };
      inHunks = false;
    } else if (change && !inHunks && line.startsWith('+++ ')) {
      change.path = line === '+++ /dev/null' ? null : line.slice(line.startsWith('+++ b/') ? 6 : 4);
      if (change.path && !isIndexedPath(change.path)) change.path = null;
    } else if (change?.path && line.startsWith('@@')) {
      inHunks = true;
      addCodeTokens(line.slice(line.indexOf('@@', 2) + 2), change.tokens);
    } else if (change?.path && inHunks && line.startsWith('+') && ++change.lines <= MAX_LINES_PER_CHANGE) {
      const text = line.slice(1);
      addCodeTokens(text, change.tokens);
      for (const name of declaredSymbolsInText(text)) change.symbols.push(name);
    }
  }
  finish();
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Tokenises every blob of `wanted` not yet in `target.blobs`. */
async function addBlobs(target: GitHistoryIndex, wanted: Map<string, string>): Promise<void> {
  const shas = [...wanted.keys()].filter((sha) => !target.blobs.has(sha));
  const { table } = target.index;
  await readBlobs(target.repoDir, shas, (sha, content) => {
    if (!content || isBinary(content)) {
      target.blobs.set(sha, null);
      return;
    }
    const text = content.toString('utf8');
    target.blobs.set(sha, {
      tokens: internTokens(table, addCodeTokens(text, new Set())),
      symbols: internTokens(table, declaredSymbols(wanted.get(sha)!, text)),
    });
  });
}

const EMPTY = new Uint32Array(0);

/**
 * Indexes the commits reachable from `revs` (default: HEAD): messages, times, parents, and per
 * changed file the tokens its added lines hold. With `since` (Unix seconds) only commits committed
 * from then on: enough to judge issues opened after it (the detector reads older history only
 * through the tree).
 */
export async function indexGitHistory(
  repoDir: string,
  revs: readonly string[] = ['HEAD'],
  options: { since?: number } = {},
): Promise<GitHistoryIndex> {
  const started = performance.now();
  const index: HistoryIndex = { table: createTokenTable(), commits: new Map(), trees: new Map() };
  const range = options.since === undefined ? revs : [`--since=@${Math.floor(options.since)}`, ...revs];
  const pass = await readCommits(repoDir, range);
  await readChanges(repoDir, range, pass, index.table);
  for (const commit of pass.commits) index.commits.set(commit.sha, commit);
  return { repoDir, index, blobs: new Map(), buildMs: performance.now() - started };
}

/** Adds the tree of `commit` (a full sha) to the index, unless it is there already. */
export async function indexTree(target: GitHistoryIndex, commit: string): Promise<void> {
  if (target.index.trees.has(commit)) return;
  const listing = await runGit(target.repoDir, ['ls-tree', '-r', '--full-tree', commit]);
  const entries: { path: string; blob: string }[] = [];
  for (const line of listing.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [, type, blob] = line.slice(0, tab).split(' ') as [string, string, string];
    const path = line.slice(tab + 1);
    if (type === 'blob' && isIndexedPath(path)) entries.push({ path, blob });
  }
  await addBlobs(target, new Map(entries.map((e) => [e.blob, e.path])));
  const files: IndexedFile[] = [];
  for (const entry of entries) {
    const facts = target.blobs.get(entry.blob);
    if (facts) files.push({ path: entry.path, tokens: facts.tokens, symbols: facts.symbols ?? EMPTY });
  }
  target.index.trees.set(commit, { commit, files });
}
