/**
 * Maps a repository's own label names to Loupe issue types. Repositories spell the same idea many
 * ways ("bug", "Type: Bug", "kind/bug", "🐛 bug", "feature-request", "enhancement"), so a label is
 * normalised and then matched exactly against known terms — never by substring, so that
 * "not a bug" or "bug-bounty" do not count.
 */

/** Loupe issue types in the precedence used when several labels map: the first wins. */
export const ISSUE_TYPES = ['bug', 'feature', 'question', 'docs', 'chore'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

const TERMS: Record<IssueType, string[]> = {
  bug: [
    'bug',
    'bugs',
    'defect',
    'regression',
    'crash',
    'bug report',
    'confirmed bug',
    'verified bug',
    'possible bug',
    'potential bug',
    'suspected bug',
    'bug fix',
    'bugfix',
    'broken',
  ],
  feature: [
    'feature',
    'features',
    'enhancement',
    'enhancements',
    'feature request',
    'feature requests',
    'new feature',
    'improvement',
    'improvements',
    'proposal',
    'suggestion',
    'idea',
    'rfc',
    'api proposal',
    'feat',
  ],
  question: [
    'question',
    'questions',
    'support',
    'usage',
    'usage question',
    'help',
    'how to',
    'howto',
    'user question',
    'support request',
    'needs help',
    'q&a',
  ],
  docs: ['docs', 'doc', 'documentation', 'documentations', 'document', 'readme', 'docs improvement'],
  chore: [
    'chore',
    'chores',
    'maintenance',
    'refactor',
    'refactoring',
    'cleanup',
    'clean up',
    'code cleanup',
    'tech debt',
    'technical debt',
    'techdebt',
    'dependencies',
    'dependency',
    'deps',
    'ci',
    'infrastructure',
    'infra',
    'tooling',
    'housekeeping',
    'test',
    'tests',
    'testing',
  ],
};

/** Prefixes repositories put before the type ("type: bug", "kind/feature", "t-docs", "[bug]"). */
const PREFIX = /^(?:type|kind|issue type|issue|category|cat|t|k|class|area|tag)\s*(?:[:/\-_|]|\s)\s*/;

const LOOKUP: Map<string, IssueType> = new Map(
  ISSUE_TYPES.flatMap((type) => TERMS[type].map((term) => [term, type] as const)),
);

/** Lowercases, drops emoji and punctuation, unifies separators: "🐛 Type: Bug-Report" -> "type: bug report". */
function normaliseLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}:/&\s\-_|]/gu, ' ')
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Two-word labels such as "dataset bug" or "dataset request" name a type by their last word. */
function qualifiedType(norm: string): IssueType | null {
  const m = /^([\p{L}\p{N}]+) (bug|request)$/u.exec(norm);
  if (!m) return null;
  const [, qualifier, head] = m;
  if (head === 'bug') return qualifier === 'not' || qualifier === 'no' ? null : 'bug';
  return ['pull', 'merge', 'review', 'support', 'help', 'changes'].includes(qualifier as string)
    ? null
    : 'feature';
}

/** The Loupe type one label names, or null. */
export function typeFromLabel(label: string): IssueType | null {
  const norm = normaliseLabel(label);
  const stripped = norm.replace(PREFIX, '').trim();
  return (
    LOOKUP.get(norm) ?? (stripped !== norm ? LOOKUP.get(stripped) : undefined) ?? qualifiedType(stripped)
  );
}

/**
 * Maps a repository's label names to a Loupe type ("bug", "type: bug", "kind/feature",
 * "enhancement", "docs", "documentation", "chore", "question", …) or null when none applies.
 * When labels name several types, precedence is bug > feature > question > docs > chore.
 */
export function typeFromLabels(labels: string[]): IssueType | null {
  let best: IssueType | null = null;
  for (const label of labels) {
    const type = typeFromLabel(label);
    if (type && (best === null || ISSUE_TYPES.indexOf(type) < ISSUE_TYPES.indexOf(best))) best = type;
  }
  return best;
}
