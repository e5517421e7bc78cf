import { typeFromLabels, type IssueType } from './type-from-labels.ts';

/** Conventional-commit types (conventionalcommits.org, Angular's list) and the Loupe type each means. */
const COMMIT_TYPES: Record<string, IssueType> = {
  fix: 'bug',
  bugfix: 'bug',
  hotfix: 'bug',
  feat: 'feature',
  feature: 'feature',
  docs: 'docs',
  doc: 'docs',
  chore: 'chore',
  refactor: 'chore',
  build: 'chore',
  ci: 'chore',
  test: 'chore',
  tests: 'chore',
  style: 'chore',
  perf: 'chore',
  revert: 'chore',
  deps: 'chore',
  release: 'chore',
};

/** "fix(groupby)!: …", "docs: …", "[feat] …", "Feat/scope: …" */
const PREFIX = /^\s*(?:\[(\w+)\]|(\w+)(?:\([^)]*\))?!?\s*:)/;
/** Dependency-bot titles: "Bump lodash from 4.17.20 to 4.17.21", "Update dependency x to v2". */
const DEPENDENCY_BUMP = /^\s*(?:build\(deps[^)]*\):\s*)?(?:bump|update dependency|chore\(deps\))\b/i;
const DOC_FILE =
  /(?:^|\/)(?:docs?|documentation)\/|\.(?:md|mdx|rst|txt|adoc)$|(?:^|\/)(?:README|CHANGELOG|LICENSE)[^/]*$/i;
const CHORE_FILE =
  /(?:^|\/)(?:\.github|\.circleci|tests?|__tests__|spec)\/|\.(?:test|spec)\.\w+$|(?:^|\/)(?:package(?:-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum|requirements[^/]*\.txt|Dockerfile)$/i;

export interface PullRequestType {
  type: IssueType;
  /** What said so, in words a maintainer can check. */
  reason: string;
}

/**
 * The type of a pull request from what it is, not from prose a classifier trained on issues reads:
 * its labels, a conventional-commit prefix of its title, a dependency bump, or (when known) the
 * files it changes, in that order. Null when none says; the caller may then fall back to the
 * issue classifier. Pure.
 */
export function typePullRequest(pr: {
  title: string;
  labels: readonly string[];
  changedFiles?: readonly string[];
}): PullRequestType | null {
  const fromLabels = typeFromLabels([...pr.labels]);
  if (fromLabels)
    return {
      type: fromLabels,
      reason: `labelled ${pr.labels.find((l) => typeFromLabels([l]) === fromLabels) ?? fromLabels}`,
    };
  const match = PREFIX.exec(pr.title);
  const word = (match?.[1] ?? match?.[2])?.toLowerCase();
  const fromPrefix = word ? COMMIT_TYPES[word] : undefined;
  if (fromPrefix && match) return { type: fromPrefix, reason: `title starts with "${match[0].trim()}"` };
  if (DEPENDENCY_BUMP.test(pr.title)) return { type: 'chore', reason: 'a dependency update' };
  const files = pr.changedFiles ?? [];
  if (files.length > 0 && files.every((f) => DOC_FILE.test(f)))
    return { type: 'docs', reason: 'changes documentation files only' };
  if (files.length > 0 && files.every((f) => CHORE_FILE.test(f) || DOC_FILE.test(f)))
    return { type: 'chore', reason: 'changes tests, CI or dependency files only' };
  return null;
}
