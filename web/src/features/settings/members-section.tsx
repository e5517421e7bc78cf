import { useState } from 'react';
import type { FormEvent } from 'react';
import { listMembers, removeMember, setMember } from '../../api-client/access-api.ts';
import type { Member, Role } from '../../api-client/api-types.ts';
import { ErrorMessage, Loading } from '../../components/status-message.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { useApi } from '../../lib/use-api.ts';
import { canAdmin, rolesAssignableBy } from '../session/role.ts';
import { FeedbackLine, RoleNote } from './settings-parts.tsx';
import { useAction } from './use-action.ts';

interface RowProps {
  member: Member;
  roles: Role[];
  admin: boolean;
  busy: boolean;
  onRole: (member: Member, role: Role) => void;
  onRemove: (member: Member) => void;
}

function MemberRow({ member, roles, admin, busy, onRole, onRemove }: RowProps) {
  // An admin sees an owner's role but cannot change it (the server refuses; only owners may).
  const editable = admin && roles.includes(member.role);
  return (
    <tr data-testid="member-row">
      <th scope="row">{member.login}</th>
      <td data-label="Name">{member.name ?? <span className="muted">—</span>}</td>
      <td data-label="Role">
        {editable ? (
          <select
            aria-label={`Role of ${member.login}`}
            data-testid="member-role"
            value={member.role}
            disabled={busy}
            onChange={(e) => onRole(member, e.target.value as Role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : (
          member.role
        )}
      </td>
      <td data-label="Added">
        <TimeAgo iso={member.addedAt} />
      </td>
      <td>
        {editable ? (
          <button
            type="button"
            className="button button-small"
            data-testid="member-remove"
            disabled={busy}
            onClick={() => onRemove(member)}
          >
            Remove
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** Members of the workspace and their roles; admins add people by GitHub login, change roles, remove. */
export function MembersSection({ role, mode }: { role: Role; mode: 'local' | 'github' }) {
  const { data, error, loading, reload } = useApi('members', (signal) => listMembers(signal));
  const { busy, feedback, run } = useAction(reload);
  const roles = rolesAssignableBy(role);
  const [login, setLogin] = useState('');
  const [newRole, setNewRole] = useState<Role>('member');
  const admin = canAdmin(role);

  const onAdd = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const who = login.trim().replace(/^@/, '');
    const added = await run(
      () => setMember(who, newRole),
      (m) => `${m.login} is now ${m.role}.`,
    );
    if (added) setLogin('');
  };
  const onRole = (member: Member, next: Role): void => {
    void run(
      () => setMember(member.login, next),
      (m) => `${m.login} is now ${m.role}.`,
    );
  };
  const onRemove = (member: Member): void => {
    void run(
      () => removeMember(member.login),
      () => `Removed ${member.login} from this workspace.`,
    );
  };

  return (
    <section className="settings-section" aria-labelledby="members-heading" data-testid="members-section">
      <h2 id="members-heading">Members</h2>
      <p className="muted small">
        Viewers read; members also sync, add repositories and make tokens; admins and owners manage members
        and connections.
        {mode === 'local'
          ? ' In local mode nobody signs in: members matter once Loupe runs with LOUPE_AUTH=github.'
          : ''}
      </p>
      {error ? (
        <ErrorMessage title="Could not load members" message={error.message} onRetry={reload} />
      ) : null}
      {!data && loading ? <Loading label="Loading members…" /> : null}
      {data && data.length > 0 ? (
        <div className="table-scroll">
          <table className="repo-table settings-table stacked-table">
            <thead>
              <tr>
                <th scope="col">Login</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((m) => (
                <MemberRow
                  key={m.login}
                  member={m}
                  roles={roles}
                  admin={admin}
                  busy={busy}
                  onRole={onRole}
                  onRemove={onRemove}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {admin ? (
        <form className="settings-form" onSubmit={(event) => void onAdd(event)} data-testid="member-form">
          <h3>Add a person</h3>
          <label>
            GitHub login
            <input
              type="text"
              data-testid="member-login"
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              placeholder="octocat"
              autoComplete="off"
              spellCheck={false}
              required
            />
          </label>
          <label>
            Role
            <select
              data-testid="member-new-role"
              value={newRole}
              onChange={(e) => setNewRole(e.target.value as Role)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="button button-primary"
            data-testid="member-add"
            disabled={busy || login.trim() === ''}
          >
            Add
          </button>
        </form>
      ) : (
        <RoleNote>Only admins and owners can add people or change roles; you are {role}.</RoleNote>
      )}
      <FeedbackLine feedback={feedback} testId="members-feedback" />
    </section>
  );
}
