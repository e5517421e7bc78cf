import { useEffect } from 'react';
import type { WorkspaceMembership } from '../../api-client/api-types.ts';
import { EmptyState } from '../../components/status-message.tsx';
import { ConnectionsSection } from './connections-section.tsx';
import { MembersSection } from './members-section.tsx';
import { TokensSection } from './tokens-section.tsx';

/** Settings of the current workspace: connections, API tokens, members, as far as the role allows. */
export function SettingsPage({
  workspace,
  mode,
}: {
  workspace: WorkspaceMembership | null;
  mode: 'local' | 'github';
}) {
  useEffect(() => {
    document.title = 'Settings · Loupe';
  }, []);
  if (!workspace) {
    return (
      <EmptyState title="You are in no workspace">
        <p>Ask an admin of a workspace to add your GitHub login.</p>
      </EmptyState>
    );
  }
  return (
    <div className="settings-page">
      <div className="page-heading">
        <h1>Settings</h1>
        <span className="muted small" data-testid="settings-workspace">
          {workspace.name} · you are {workspace.role}
        </span>
      </div>
      <ConnectionsSection role={workspace.role} />
      <TokensSection role={workspace.role} />
      <MembersSection role={workspace.role} mode={mode} />
    </div>
  );
}
