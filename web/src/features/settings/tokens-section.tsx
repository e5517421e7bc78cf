import { useState } from 'react';
import type { FormEvent } from 'react';
import { createToken, listTokens, revokeToken } from '../../api-client/access-api.ts';
import { TOKEN_SCOPES } from '../../api-client/api-types.ts';
import type { ApiToken, Role, TokenScope } from '../../api-client/api-types.ts';
import { ErrorMessage, Loading } from '../../components/status-message.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { useApi } from '../../lib/use-api.ts';
import { canAdmin, canWrite, scopesAllowedFor } from '../session/role.ts';
import { NewTokenSecret } from './new-token-secret.tsx';
import { FeedbackLine, RoleNote } from './settings-parts.tsx';
import { useAction } from './use-action.ts';

function TokenRow({
  token,
  canRevoke,
  busy,
  onRevoke,
}: {
  token: ApiToken;
  canRevoke: boolean;
  busy: boolean;
  onRevoke: (t: ApiToken) => void;
}) {
  return (
    <tr data-testid="token-row">
      <th scope="row">{token.name}</th>
      <td data-label="Prefix">
        <code>{token.prefix}…</code>
      </td>
      <td data-label="Scopes">{token.scopes.join(', ')}</td>
      <td data-label="Owner">{token.owner}</td>
      <td data-label="Last used">
        <TimeAgo iso={token.lastUsedAt} />
      </td>
      <td data-label="Status">
        {token.revokedAt ? <TimeAgo iso={token.revokedAt} prefix="revoked" /> : 'active'}
      </td>
      <td>
        {canRevoke && !token.revokedAt ? (
          <button
            type="button"
            className="button button-small"
            data-testid="token-revoke"
            disabled={busy}
            onClick={() => onRevoke(token)}
          >
            Revoke
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** API tokens: for scripts and CI, scoped read / write / admin; the secret is shown once, at creation. */
export function TokensSection({ role }: { role: Role }) {
  const { data, error, loading, reload } = useApi('tokens', (signal) => listTokens(signal));
  const { busy, feedback, setFeedback, run } = useAction(reload);
  const allowed = scopesAllowedFor(role);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<TokenScope>>(new Set(['read']));
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const writer = canWrite(role);

  const toggle = (scope: TokenScope, on: boolean): void => {
    const next = new Set(scopes);
    if (on) next.add(scope);
    else next.delete(scope);
    setScopes(next);
  };
  const onCreate = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setSecret(null);
    const made = await run(
      () => createToken({ name: name.trim(), scopes: TOKEN_SCOPES.filter((s) => scopes.has(s)) }),
      () => '',
    );
    if (made) {
      setFeedback(null);
      setSecret({ name: made.apiToken.name, token: made.token });
      setName('');
    }
  };
  const onRevoke = (token: ApiToken): void => {
    void run(
      () => revokeToken(token.id),
      () => `Revoked ${token.name}: it no longer works.`,
    );
  };

  return (
    <section className="settings-section" aria-labelledby="tokens-heading" data-testid="tokens-section">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted small">
        {canAdmin(role) ? 'Every token of this workspace.' : 'Your tokens in this workspace.'} Only the first
        characters are kept to tell them apart.
      </p>
      {error ? (
        <ErrorMessage title="Could not load API tokens" message={error.message} onRetry={reload} />
      ) : null}
      {!data && loading ? <Loading label="Loading API tokens…" /> : null}
      {data && data.length === 0 ? <p className="muted">No API tokens yet.</p> : null}
      {data && data.length > 0 ? (
        <div className="table-scroll">
          <table className="repo-table settings-table stacked-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Owner</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((t) => (
                <TokenRow key={t.id} token={t} canRevoke={writer} busy={busy} onRevoke={onRevoke} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {secret ? (
        <NewTokenSecret name={secret.name} secret={secret.token} onDismiss={() => setSecret(null)} />
      ) : null}
      {writer ? (
        <form className="settings-form" onSubmit={(event) => void onCreate(event)} data-testid="token-form">
          <h3>Make a token</h3>
          <label>
            Name
            <input
              type="text"
              data-testid="token-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="ci"
              autoComplete="off"
              required
            />
          </label>
          <fieldset className="scope-choices">
            <legend>Scopes</legend>
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="checkbox">
                <input
                  type="checkbox"
                  data-testid={`token-scope-${scope}`}
                  checked={scopes.has(scope)}
                  disabled={!allowed.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                {scope}
              </label>
            ))}
            {allowed.length < TOKEN_SCOPES.length ? (
              <span className="muted small">
                As {role} you can give {allowed.join(', ')} only.
              </span>
            ) : null}
          </fieldset>
          <button
            type="submit"
            className="button button-primary"
            data-testid="token-create"
            disabled={busy || name.trim() === '' || scopes.size === 0}
          >
            {busy ? 'Making…' : 'Make token'}
          </button>
        </form>
      ) : (
        <RoleNote>Viewers cannot make or revoke API tokens; ask an admin for a member role.</RoleNote>
      )}
      <FeedbackLine feedback={feedback} testId="tokens-feedback" />
    </section>
  );
}
