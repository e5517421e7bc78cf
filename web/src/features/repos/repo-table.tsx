import { useState } from 'react';
import type { Repo } from '../../api-client/api-types.ts';
import { ExternalLinkIcon } from '../../components/icons.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { Link } from '../../router/router.tsx';
import { serializeSearch, EMPTY_SEARCH } from '../search/search-state.ts';

const STATUS_TEXT: Record<Repo['sync']['status'], string> = {
  never: 'Never synced',
  queued: 'Queued',
  running: 'Syncing…',
  succeeded: 'Synced',
  failed: 'Failed',
};

/** A repository's sync status as a coloured pill. */
export function SyncPill({ status }: { status: Repo['sync']['status'] }) {
  return <span className={`sync-pill sync-${status}`}>{STATUS_TEXT[status]}</span>;
}

/** The repository's strongest concepts, each a link to its issues about that concept; the evidence is the tooltip. */
function RepoConcepts({ repo }: { repo: Repo }) {
  const concepts = (repo.concepts ?? []).slice(0, REPO_CONCEPTS_SHOWN);
  if (concepts.length === 0) return null;
  return (
    <ul className="concept-chips repo-concepts" aria-label="Repository concepts" data-testid="repo-concepts">
      {concepts.map((concept) => (
        <li key={concept.id}>
          <Link
            to={`/${serializeSearch({ ...EMPTY_SEARCH, repo: repo.fullName, concept: concept.id })}`}
            className="concept-chip"
            title={`${concept.name}: ${concept.evidence.join('; ')}`}
          >
            {concept.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

const REPO_CONCEPTS_SHOWN = 5;

interface RepoTableProps {
  repos: Repo[];
  syncing: ReadonlySet<string>;
  onSync: (repo: Repo) => void;
  /** Ids of repositories whose removal is under way. */
  removing: ReadonlySet<string>;
  onRemove: (repo: Repo) => void;
}

/**
 * "Remove", then an inline confirmation that says what goes with the repository: removal deletes
 * every stored issue, comment and analysis of it, and cannot be undone.
 */
function RemoveRepoButton({
  repo,
  removing,
  onRemove,
}: {
  repo: Repo;
  removing: boolean;
  onRemove: (repo: Repo) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  if (removing) {
    return (
      <button type="button" className="button button-danger" disabled>
        Removing…
      </button>
    );
  }
  if (!confirming) {
    return (
      <button
        type="button"
        className="button"
        data-testid="repo-remove"
        onClick={() => setConfirming(true)}
        aria-label={`Remove ${repo.fullName}`}
      >
        Remove
      </button>
    );
  }
  const items = repo.issueCount + repo.pullRequestCount;
  return (
    <div className="repo-remove-confirm" role="group" aria-label={`Confirm removing ${repo.fullName}`}>
      <p className="small">
        Remove {repo.fullName} and its {items} issues and pull requests, with their comments and analyses,
        from Loupe? Nothing changes on GitHub.
        {repo.isDemo ? ' A demo repository comes back the next time the demo starts.' : ''}
      </p>
      <button
        type="button"
        className="button button-danger"
        data-testid="repo-remove-confirm"
        onClick={() => onRemove(repo)}
      >
        Remove
      </button>
      <button
        type="button"
        className="button"
        data-testid="repo-remove-cancel"
        onClick={() => setConfirming(false)}
      >
        Cancel
      </button>
    </div>
  );
}

/** Every repository with its counts and sync state, and "Sync now" and "Remove" buttons per row. */
export function RepoTable({ repos, syncing, onSync, removing, onRemove }: RepoTableProps) {
  return (
    <div className="table-scroll">
      <table className="repo-table stacked-table">
        <thead>
          <tr>
            <th scope="col">Repository</th>
            <th scope="col">Sync</th>
            <th scope="col">Last synced</th>
            <th scope="col" className="num">
              Issues (open)
            </th>
            <th scope="col" className="num">
              PRs
            </th>
            <th scope="col" className="num">
              Last sync fetched
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {repos.map((repo) => {
            const busy =
              repo.sync.status === 'queued' || repo.sync.status === 'running' || syncing.has(repo.id);
            return (
              <tr key={repo.id} data-testid="repo-row">
                <th scope="row" className="repo-name">
                  <Link to={`/${serializeSearch({ ...EMPTY_SEARCH, repo: repo.fullName })}`}>
                    {repo.fullName}
                  </Link>
                  {repo.isDemo ? <span className="badge badge-demo">demo</span> : null}
                  {repo.description ? <p className="muted small">{repo.description}</p> : null}
                  <RepoConcepts repo={repo} />
                  {repo.htmlUrl ? (
                    <a className="small" href={repo.htmlUrl} target="_blank" rel="noopener noreferrer">
                      On GitHub <ExternalLinkIcon label="(opens in a new tab)" />
                    </a>
                  ) : null}
                </th>
                <td data-label="Sync">
                  <SyncPill status={repo.sync.status} />
                  {repo.sync.status === 'running' && repo.sync.startedAt ? (
                    <p className="muted small">
                      <TimeAgo iso={repo.sync.startedAt} prefix="started" />
                    </p>
                  ) : null}
                  {repo.sync.lastError ? <p className="sync-error small">{repo.sync.lastError}</p> : null}
                </td>
                <td data-label="Last synced">
                  <TimeAgo iso={repo.sync.lastSyncedAt} />
                </td>
                <td className="num" data-label="Issues (open)">
                  {repo.issueCount} ({repo.openIssueCount})
                </td>
                <td className="num" data-label="PRs">
                  {repo.pullRequestCount}
                </td>
                <td className="num small" data-label="Last sync fetched">
                  {repo.sync.issuesSynced} issues, {repo.sync.commentsSynced} comments
                  {repo.analysis && repo.analysis.total > 0 ? (
                    <p className="muted small" data-testid="analysis-progress">
                      {repo.analysis.analyzed === repo.analysis.total
                        ? 'all analysed'
                        : `analysed ${repo.analysis.analyzed} of ${repo.analysis.total}`}
                    </p>
                  ) : null}
                </td>
                <td>
                  <div className="repo-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={busy}
                      onClick={() => onSync(repo)}
                      aria-label={`Sync ${repo.fullName} now`}
                    >
                      {busy ? 'Syncing…' : 'Sync now'}
                    </button>
                    <RemoveRepoButton repo={repo} removing={removing.has(repo.id)} onRemove={onRemove} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
