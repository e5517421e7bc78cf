import { parseSnippet } from '../lib/snippet.ts';

/** The search snippet with its hits highlighted; rendered as text runs, never as HTML. */
export function Snippet({ html }: { html: string }) {
  return (
    <p className="snippet">
      {parseSnippet(html).map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </p>
  );
}
