import type { IssueComment } from '../../api-client/api-types.ts';
import type { ResolveMention } from '../../components/issue-mentions.ts';
import { MarkdownText } from '../../components/markdown.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';

/** The issue's comments, oldest first, each rendered from Markdown. */
export function CommentList({
  comments,
  resolveMention,
}: {
  comments: IssueComment[];
  resolveMention?: ResolveMention;
}) {
  return (
    <section className="comments" aria-label={`${comments.length} comments`}>
      {comments.length === 0 ? <p className="muted">No comments yet.</p> : null}
      {comments.map((comment) => (
        <article key={comment.id} className="comment-card" data-testid="comment">
          <header className="comment-header">
            <strong>{comment.author ?? 'unknown'}</strong>
            {comment.authorAssociation && comment.authorAssociation !== 'NONE' ? (
              <span className="association">{comment.authorAssociation.toLowerCase()}</span>
            ) : null}
            <span className="muted">
              commented <TimeAgo iso={comment.createdAt} />
            </span>
          </header>
          <MarkdownText text={comment.body} {...(resolveMention ? { resolveMention } : {})} />
        </article>
      ))}
    </section>
  );
}
