/**
 * "#123" in issue and comment Markdown as links, the way GitHub shows them: to the issue's page in
 * Loupe when Loupe holds it, otherwise to the source. Text inside code, links and URLs stays as it
 * is (the Markdown tree keeps those apart from plain text).
 */

/** Where a mention leads: `internal` hrefs are Loupe pages (in-app navigation). */
export interface MentionTarget {
  href: string;
  title: string;
  internal: boolean;
}

/** Resolves an issue number of the page's repository to a link, or null to leave it as text. */
export type ResolveMention = (number: number) => MentionTarget | null;

/** Same rule as the server's core/issue-mentions.ts: not part of a word, path, anchor or owner/name#N. */
const MENTION = /(?<![\w/#&])#(\d{1,9})\b/g;

/** The mdast shapes this plugin reads and writes (structural, to stay free of a types package). */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  title?: string | null;
  children?: MdNode[];
  data?: { hProperties?: Record<string, string> };
}

const SKIP = new Set(['link', 'linkReference', 'code', 'inlineCode', 'html', 'definition']);

/** Splits one text node into text and link nodes; the same node when it mentions nothing resolvable. */
export function splitMentions(value: string, resolve: ResolveMention): MdNode[] {
  const out: MdNode[] = [];
  let last = 0;
  for (const match of value.matchAll(MENTION)) {
    const target = resolve(Number(match[1]));
    if (!target) continue;
    const at = match.index;
    if (at > last) out.push({ type: 'text', value: value.slice(last, at) });
    out.push({
      type: 'link',
      url: target.href,
      title: target.title,
      children: [{ type: 'text', value: match[0] }],
      data: { hProperties: { 'data-mention': target.internal ? 'loupe' : 'source' } },
    });
    last = at + match[0].length;
  }
  if (out.length === 0) return [{ type: 'text', value }];
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

function transform(node: MdNode, resolve: ResolveMention): void {
  if (!node.children || SKIP.has(node.type)) return;
  node.children = node.children.flatMap((child) => {
    if (child.type === 'text' && child.value) return splitMentions(child.value, resolve);
    transform(child, resolve);
    return [child];
  });
}

/** A remark plugin that links "#N" mentions with `resolve`. */
export function remarkIssueMentions(resolve: ResolveMention) {
  return () => (tree: MdNode) => transform(tree, resolve);
}

/**
 * The resolver of an issue page: mentions of issues Loupe holds go to their page, others to the
 * source's URL for that number in the same repository (GitHub redirects /issues/N to /pull/N).
 */
export function mentionResolver(options: {
  mentions: readonly { id: string; number: number; title: string }[];
  /** The page issue's source URL (".../issues/12" or ".../pull/12"); null: unknown mentions stay text. */
  sourceUrl: string | null;
  issuePath: (id: string) => string;
}): ResolveMention {
  const byNumber = new Map(options.mentions.map((m) => [m.number, m]));
  const base = options.sourceUrl?.replace(/\/(?:issues|pull)\/\d+\/?$/, '') ?? null;
  const sourceBase = base && base !== options.sourceUrl ? base : null;
  return (number) => {
    const known = byNumber.get(number);
    if (known) return { href: options.issuePath(known.id), title: known.title, internal: true };
    return sourceBase
      ? { href: `${sourceBase}/issues/${number}`, title: `#${number} at the source`, internal: false }
      : null;
  };
}
