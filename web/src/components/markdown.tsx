import { useMemo } from 'react';
import Markdown from 'react-markdown';
import type { Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Link } from '../router/router.tsx';
import { remarkIssueMentions, type ResolveMention } from './issue-mentions.ts';

// Issue text is untrusted: no rehype-raw, so raw HTML in it shows as text, and react-markdown's
// default URL filter drops javascript: and other unsafe links. Links open in a new tab without
// handing the page to the target (noopener) or leaking the Loupe URL (noreferrer).
const components: Components = {
  a: ({ node: _node, href, children, ...rest }) =>
    // "#N" of an issue Loupe holds (issue-mentions.ts): its page, in the app.
    (rest as Record<string, unknown>)['data-mention'] === 'loupe' && href ? (
      <Link {...rest} to={href}>
        {children}
      </Link>
    ) : (
      <a {...rest} href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ),
  img: ({ node: _node, alt, ...rest }) => (
    <img {...rest} alt={alt ?? ''} loading="lazy" referrerPolicy="no-referrer" />
  ),
  table: ({ node: _node, children, ...rest }) => (
    <div className="table-scroll">
      <table {...rest}>{children}</table>
    </div>
  ),
};

const plainPlugins = [remarkGfm];

/**
 * GitHub-flavoured Markdown from an issue or comment, rendered safely. With `resolveMention`,
 * "#N" mentions become links (see issue-mentions.ts).
 */
export function MarkdownText({
  text,
  testId,
  resolveMention,
}: {
  text: string;
  testId?: string;
  resolveMention?: ResolveMention;
}) {
  const plugins = useMemo(
    () => (resolveMention ? [remarkGfm, remarkIssueMentions(resolveMention)] : plainPlugins),
    [resolveMention],
  );
  return (
    <div className="markdown" data-testid={testId}>
      {text.trim() === '' ? (
        <p className="muted">
          <em>No description provided.</em>
        </p>
      ) : (
        <Markdown remarkPlugins={plugins} components={components}>
          {text}
        </Markdown>
      )}
    </div>
  );
}
