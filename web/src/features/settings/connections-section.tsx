import { useState } from 'react';
import type { FormEvent } from 'react';
import { addConnection, listConnections, removeConnection } from '../../api-client/access-api.ts';
import type { Connection, Role } from '../../api-client/api-types.ts';
import { ErrorMessage, Loading } from '../../components/status-message.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { useApi } from '../../lib/use-api.ts';
import { canAdmin } from '../session/role.ts';
import { FeedbackLine, RoleNote } from './settings-parts.tsx';
import { useAction } from './use-action.ts';

function ConnectionRow({
  connection,
  admin,
  busy,
  onRemove,
}: {
  connection: Connection;
  admin: boolean;
  busy: boolean;
  onRemove: (c: Connection) => void;
}) {
  return (
    <tr data-testid="connection-row">
      <th scope="row">{connection.name}</th>
      <td data-label="Kind">{connection.kind}</td>
      <td data-label="API">
        <code>{connection.baseUrl}</code>
      </td>
      <td data-label="Credentials">
        {connection.hasCredentials ? 'Token stored (sealed)' : <span className="muted">none</span>}
      </td>
      <td data-label="Added">
        <TimeAgo iso={connection.createdAt} />
      </td>
      <td>
        {admin ? (
          <button
            type="button"
            className="button button-small"
            data-testid="connection-remove"
            disabled={busy}
            onClick={() => onRemove(connection)}
          >
            Remove
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * Connections of the workspace: which GitHub (or GHES) and with which token repositories are read.
 * A token goes to the server once, sealed there, and is never shown again, not even here.
 */
export function ConnectionsSection({ role }: { role: Role }) {
  const { data, error, loading, reload } = useApi('connections', (signal) => listConnections(signal));
  const { busy, feedback, run } = useAction(reload);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const admin = canAdmin(role);

  const onAdd = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const input = {
      kind: 'github' as const,
      name: name.trim() || undefined,
      baseUrl: baseUrl.trim() || undefined,
      token: token || undefined,
    };
    // The token leaves the page's state as soon as it is sent, whatever the answer.
    setToken('');
    const added = await run(
      () => addConnection(input),
      (c) => `Added connection ${c.name}.`,
    );
    if (added) {
      setName('');
      setBaseUrl('');
    }
  };
  const onRemove = (connection: Connection): void => {
    void run(
      () => removeConnection(connection.id),
      () => `Removed connection ${connection.name}.`,
    );
  };

  return (
    <section
      className="settings-section"
      aria-labelledby="connections-heading"
      data-testid="connections-section"
    >
      <h2 id="connections-heading">Connections</h2>
      <p className="muted small">
        Where repositories are read from, and with which token. Tokens are sealed on the server and never
        shown again.
      </p>
      {error ? (
        <ErrorMessage title="Could not load connections" message={error.message} onRetry={reload} />
      ) : null}
      {!data && loading ? <Loading label="Loading connections…" /> : null}
      {data && data.length === 0 ? (
        <p className="muted">
          No connections yet: repositories are read with the server's own GitHub settings.
        </p>
      ) : null}
      {data && data.length > 0 ? (
        <div className="table-scroll">
          <table className="repo-table settings-table stacked-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">API</th>
                <th scope="col">Credentials</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <ConnectionRow key={c.id} connection={c} admin={admin} busy={busy} onRemove={onRemove} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {admin ? (
        <form className="settings-form" onSubmit={(event) => void onAdd(event)} data-testid="connection-form">
          <h3>Add a connection</h3>
          <label>
            Kind
            <select value="github" disabled>
              <option value="github">GitHub</option>
            </select>
          </label>
          <label>
            Name <span className="muted small">(optional)</span>
            <input
              type="text"
              data-testid="connection-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="github-enterprise"
              autoComplete="off"
            />
          </label>
          <label>
            API base URL <span className="muted small">(optional)</span>
            <input
              type="text"
              data-testid="connection-base-url"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              placeholder="https://api.github.com"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <label>
            Token <span className="muted small">(optional; sealed, never shown again)</span>
            <input
              type="password"
              data-testid="connection-token"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="new-password"
              spellCheck={false}
            />
          </label>
          <button
            type="submit"
            className="button button-primary"
            data-testid="connection-add"
            disabled={busy}
          >
            {busy ? 'Saving…' : 'Add connection'}
          </button>
        </form>
      ) : (
        <RoleNote>Only admins and owners can add or remove connections; you are {role}.</RoleNote>
      )}
      <FeedbackLine feedback={feedback} testId="connections-feedback" />
    </section>
  );
}
