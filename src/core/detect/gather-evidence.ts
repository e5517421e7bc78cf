/**
 * Collects the evidence that an issue's ask exists at a commit, and the features the confidence is
 * computed from. Pure: reads a HistoryIndex that already holds the commit's tree.
 */
import type { DetectFeatures, DetectIssue, Evidence, PullRequestFacts } from './detect.types.ts';
import {
  commitsSince,
  hasToken,
  type HistoryIndex,
  type IndexedCommit,
  type IndexedTree,
} from './history-index.ts';
import {
  findIssueReference,
  pullRequestOfCommit,
  type IssueRef,
  type IssueReference,
} from './issue-references.ts';
import { extractIssueTerms, type IssueTerm } from './issue-terms.ts';
import { codeTokens } from './code-tokens.ts';

export interface GatherOptions {
  /** Leave out every commit message and pull request that names the issue (code evidence alone). */
  hideReferences?: boolean;
}

export interface GatheredEvidence {
  features: DetectFeatures;
  /** Evidence without weights yet; `strength` is the feature-scale value it stands for. */
  items: (Omit<Evidence, 'weight'> & { feature: keyof DetectFeatures; strength: number })[];
  terms: string[];
}

interface WeightedTerm extends IssueTerm {
  id: number | undefined;
  /** Prior weight × rarity in the tree at the commit. */
  w: number;
}

const TEST_PATH =
  /(?:^|\/)(?:tests?|__tests__|spec|specs|testing)\/|(?:^|\/)test_[^/]*$|[._-](?:test|spec)s?\.[a-z]+$/i;
const DOCS_PATH =
  /(?:^|\/)(?:docs?|documentation|guides?)\/|\.(?:md|mdx|rst|adoc)$|(?:^|\/)(?:CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[_-]?NOTES)[^/]*$/i;
/** Changes adding this many tokens count as one typical change; larger ones are damped. */
const TYPICAL_CHANGE_TOKENS = 100;

export const isTestPath = (path: string): boolean => TEST_PATH.test(path);
export const isDocsPath = (path: string): boolean => DOCS_PATH.test(path);

function weighTerms(terms: IssueTerm[], index: HistoryIndex, tree: IndexedTree): WeightedTerm[] {
  const files = tree.files.length;
  return terms.map((term) => {
    const id = index.table.ids.get(term.token);
    let df = 0;
    if (id !== undefined) for (const file of tree.files) if (hasToken(file.tokens, id)) df++;
    // A term no file has is as rare as can be: it counts fully against coverage.
    const idf = Math.log(1 + (files + 1) / (df + 1));
    return { ...term, id, w: term.weight * idf };
  });
}

interface References {
  closes: boolean;
  mentions: boolean;
  /** Commits whose message names the issue or whose pull request does: hidden with hideReferences. */
  hidden: Set<string>;
  items: GatheredEvidence['items'];
}

function findReferences(
  commits: IndexedCommit[],
  pulls: readonly PullRequestFacts[],
  ref: IssueRef,
): References {
  const linked = new Map<number, IssueReference>();
  for (const pull of pulls) {
    if (pull.number === ref.number) continue;
    const how = findIssueReference(`${pull.title}\n${pull.body}`, ref);
    if (how) linked.set(pull.number, how);
  }
  const out: References = { closes: false, mentions: false, hidden: new Set(), items: [] };
  for (const commit of commits) {
    const direct = findIssueReference(commit.message, ref);
    const pull = pullRequestOfCommit(commit.message);
    const viaPull = pull !== null ? linked.get(pull) : undefined;
    if (!direct && !viaPull) continue;
    out.hidden.add(commit.sha);
    const closes = direct === 'closes' || viaPull === 'closes';
    if (closes) out.closes = true;
    else out.mentions = true;
    const subject = commit.message.split('\n', 1)[0] ?? '';
    out.items.push({
      kind: viaPull ? 'pull-request' : closes ? 'closing-reference' : 'mention',
      feature: closes ? 'closes' : 'mentions',
      strength: 1,
      timing: 'after-issue',
      commit: commit.sha,
      ...(pull !== null && viaPull ? { pullRequest: pull } : {}),
      summary: viaPull
        ? `pull request #${pull} ${viaPull === 'closes' ? 'closes' : 'mentions'} the issue; merged as ${commit.sha.slice(0, 10)} "${subject}"`
        : `commit ${commit.sha.slice(0, 10)} ${closes ? 'closes' : 'mentions'} the issue: "${subject}"`,
      terms: [],
    });
  }
  return out;
}

interface CommitMatch {
  commit: IndexedCommit;
  score: number;
  terms: string[];
  tests: Set<string>;
  docs: Set<string>;
  symbols: Set<string>;
  paths: string[];
}

/** Path tokens of a change, computed once per change object. */
const pathTokenCache = new WeakMap<object, Set<string>>();
function pathTokens(change: { path: string }): Set<string> {
  let tokens = pathTokenCache.get(change);
  if (!tokens) {
    tokens = codeTokens(change.path);
    pathTokenCache.set(change, tokens);
  }
  return tokens;
}

/** A term found only in the path of a changed file (the file an issue or traceback names) counts this much. */
const PATH_ONLY_SHARE = 0.5;

function matchCommit(commit: IndexedCommit, terms: WeightedTerm[], total: number): CommitMatch {
  const matched = new Set<string>();
  const tests = new Set<string>();
  const docs = new Set<string>();
  const symbols = new Set<string>();
  const paths = new Set<string>();
  let mass = 0;
  let size = 0;
  for (const change of commit.changes) size += change.addedCount;
  for (const term of terms) {
    let inPath = false;
    for (const change of commit.changes) {
      if (pathTokens(change).has(term.token)) inPath = true;
      if (term.id === undefined || !hasToken(change.added, term.id)) continue;
      if (!matched.has(term.token)) {
        matched.add(term.token);
        mass += term.w;
      }
      paths.add(change.path);
      if (isTestPath(change.path)) tests.add(term.token);
      else if (isDocsPath(change.path)) docs.add(term.token);
      if (term.kind !== 'word' && hasToken(change.addedSymbols, term.id)) symbols.add(term.token);
    }
    if (inPath && !matched.has(term.token)) mass += PATH_ONLY_SHARE * term.w;
  }
  const damping = 1 + Math.log10(1 + size / TYPICAL_CHANGE_TOKENS);
  return {
    commit,
    score: total > 0 ? mass / total / damping : 0,
    terms: [...matched],
    tests,
    docs,
    symbols,
    paths: [...paths],
  };
}

const massOf = (terms: WeightedTerm[], tokens: Set<string>): number =>
  terms.reduce((sum, t) => sum + (tokens.has(t.token) ? t.w : 0), 0);

/** Gathers references, post-issue changes and existing code for one issue at one commit. */
export function gatherEvidence(input: {
  issue: DetectIssue;
  commit: string;
  index: HistoryIndex;
  pullRequests?: readonly PullRequestFacts[];
  options?: GatherOptions;
}): GatheredEvidence {
  const { issue, index } = input;
  const tree = index.trees.get(input.commit);
  if (!tree) throw new Error(`the index holds no tree for ${input.commit}: index it before judging`);
  const terms = weighTerms(extractIssueTerms(issue), index, tree);
  const total = terms.reduce((sum, t) => sum + t.w, 0);
  const since = Math.floor(Date.parse(issue.createdAt) / 1000);
  const commits = commitsSince(index, input.commit, since);
  const refs = findReferences(
    commits,
    (input.pullRequests ?? []).filter((p) => p.merged),
    { number: issue.number, repo: issue.repo },
  );
  const hide = input.options?.hideReferences ?? false;
  const items: GatheredEvidence['items'] = hide ? [] : [...refs.items];

  const matches = commits
    .map((commit) => matchCommit(commit, terms, total))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
  const tests = new Set<string>();
  const docs = new Set<string>();
  const symbols = new Set<string>();
  const added = new Set<string>();
  for (const m of matches) {
    m.tests.forEach((t) => tests.add(t));
    m.docs.forEach((t) => docs.add(t));
    m.symbols.forEach((t) => symbols.add(t));
    m.terms.forEach((t) => added.add(t));
  }
  for (const m of matches.slice(0, 5)) {
    const subject =
      hide && refs.hidden.has(m.commit.sha) ? '(message hidden)' : `"${m.commit.message.split('\n', 1)[0]}"`;
    items.push({
      kind: 'commit-change',
      feature: 'bestCommit',
      strength: m.score,
      timing: 'after-issue',
      commit: m.commit.sha,
      path: m.paths[0],
      summary: `commit ${m.commit.sha.slice(0, 10)} ${subject} added ${m.terms.slice(0, 6).join(', ')} in ${m.paths.slice(0, 3).join(', ')}${m.paths.length > 3 ? ' …' : ''}`,
      terms: m.terms,
    });
  }
  const share = (set: Set<string>): number => (total > 0 ? massOf(terms, set) / total : 0);
  const best = matches[0] ? new Set(matches[0].terms) : new Set<string>();
  const subsetShare = (keep: (t: WeightedTerm) => boolean): number => {
    const subset = terms.filter(keep);
    const mass = subset.reduce((sum, t) => sum + t.w, 0);
    return mass > 0 ? massOf(subset, best) / mass : 0;
  };
  if (tests.size)
    items.push({
      kind: 'test',
      feature: 'tests',
      strength: share(tests),
      timing: 'after-issue',
      summary: `tests added since the issue mention ${[...tests].slice(0, 6).join(', ')}`,
      terms: [...tests],
    });
  if (docs.size)
    items.push({
      kind: 'docs',
      feature: 'docs',
      strength: share(docs),
      timing: 'after-issue',
      summary: `docs/changelog added since the issue mention ${[...docs].slice(0, 6).join(', ')}`,
      terms: [...docs],
    });
  if (symbols.size)
    items.push({
      kind: 'symbol',
      feature: 'symbols',
      strength: share(symbols),
      timing: 'after-issue',
      summary: `symbols declared since the issue: ${[...symbols].slice(0, 6).join(', ')}`,
      terms: [...symbols],
    });

  const existing = existingCode(terms, tree, added);
  items.push(...existing.items);
  const message = bestMessage(commits, terms, issue.title, hide ? refs.hidden : new Set());
  if (message.item) items.push(message.item);
  const features: DetectFeatures = {
    closes: !hide && refs.closes ? 1 : 0,
    mentions: !hide && refs.mentions && !refs.closes ? 1 : 0,
    bestCommit: matches[0]?.score ?? 0,
    standout: (matches[0]?.score ?? 0) - (matches[1]?.score ?? 0),
    bestTitle: subsetShare((t) => t.place === 'title'),
    bestIdentifiers: subsetShare((t) => t.kind !== 'word'),
    tests: share(tests),
    docs: share(docs),
    symbols: share(symbols),
    existing: existing.share,
    message: message.score,
    logCommits: Math.log1p(commits.length),
  };
  return { features, items, terms: terms.map((t) => t.token) };
}

/** Specific terms (identifiers, flags) that older code already has: the "missed an existing feature" side. */
function existingCode(terms: WeightedTerm[], tree: IndexedTree, addedSince: Set<string>) {
  const present = new Set<string>();
  const byFile = new Map<string, string[]>();
  for (const term of terms) {
    if (term.id === undefined) continue;
    for (const file of tree.files) {
      if (!hasToken(file.tokens, term.id)) continue;
      present.add(term.token);
      if (term.kind !== 'word' && hasToken(file.symbols, term.id) && !addedSince.has(term.token)) {
        const list = byFile.get(file.path) ?? [];
        list.push(term.token);
        byFile.set(file.path, list);
      }
    }
  }
  const total = terms.reduce((sum, t) => sum + t.w, 0);
  const share = total > 0 ? massOf(terms, present) / total : 0;
  const items: GatheredEvidence['items'] = [...byFile]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, 5)
    .map(([path, names]) => ({
      kind: 'existing-code' as const,
      feature: 'existing' as const,
      strength: 0,
      timing: 'before-issue' as const,
      path,
      summary: `${path} already declared ${names.join(', ')} before the issue was opened`,
      terms: names,
    }));
  return { share, items };
}

function bestMessage(commits: IndexedCommit[], terms: WeightedTerm[], title: string, hidden: Set<string>) {
  const titleTokens = codeTokens(title);
  const titleTerms = terms.filter((t) => titleTokens.has(t.token));
  const total = titleTerms.reduce((sum, t) => sum + t.w, 0);
  let best: { score: number; commit: IndexedCommit | null } = { score: 0, commit: null };
  if (total === 0) return { score: 0, item: null };
  for (const commit of commits) {
    if (hidden.has(commit.sha)) continue;
    const tokens = codeTokens(commit.message);
    const score = massOf(titleTerms, tokens) / total;
    if (score > best.score) best = { score, commit };
  }
  const item = best.commit
    ? {
        kind: 'commit-message' as const,
        feature: 'message' as const,
        strength: best.score,
        timing: 'after-issue' as const,
        commit: best.commit.sha,
        summary: `commit ${best.commit.sha.slice(0, 10)} "${best.commit.message.split('\n', 1)[0]}" shares ${Math.round(best.score * 100)}% of the title's weighted terms`,
        terms: [],
      }
    : null;
  return { score: best.score, item };
}
