import type { DuplicateCandidate } from '../../api-client/api-types.ts';
import { issuePath } from '../../router/route-match.ts';
import { Link } from '../../router/router.tsx';

/** Likely duplicates with their similarity score and the evidence for each. */
export function DuplicateList({ duplicates }: { duplicates: DuplicateCandidate[] }) {
  return (
    <section className="meta-block duplicates">
      <h2>Possible duplicates</h2>
      <ol>
        {duplicates.map((duplicate) => (
          <li key={duplicate.id}>
            <Link to={issuePath(duplicate.id)}>
              {duplicate.title} <span className="muted">{duplicate.repo}#{duplicate.number}</span>
            </Link>
            <span className="badge" title="Similarity score">
              {Math.round(duplicate.score * 100)}% similar
            </span>
            {duplicate.evidence.length > 0 ? (
              <ul className="evidence">
                {duplicate.evidence.map((item, index) => (
                  <li key={index}>{item}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
