import Markdown from 'react-markdown';
import type { Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Issue text is untrusted: no rehype-raw, so raw HTML in it shows as text, and react-markdown's
// default URL filter drops javascript: and other unsafe links. Links open in a new tab without
// handing the page to the target (noopener) or leaking the Loupe URL (noreferrer).
const components: Components = {
  a: ({ node: _node, href, children, ...rest }) => (
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

/** GitHub-flavoured Markdown from an issue or comment, rendered safely. */
export function MarkdownText({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="markdown" data-testid={testId}>
      {text.trim() === '' ? (
        <p className="muted">
          <em>No description provided.</em>
        </p>
      ) : (
        <Markdown remarkPlugins={[remarkGfm]} components={components}>
          {text}
        </Markdown>
      )}
    </div>
  );
}
