import { useEffect } from 'react';
import type { WorkspaceMembership } from '../../api-client/api-types.ts';
import { EmptyState } from '../../components/status-message.tsx';
import { ConnectionsSection } from './connections-section.tsx';
import { MembersSection } from './members-section.tsx';
import { NewWorkspaceSection } from './new-workspace-section.tsx';
import { TokensSection } from './tokens-section.tsx';

/**
 * Settings of the current workspace: connections, API tokens, members, as far as the role allows;
 * and a new workspace.
 */
export function SettingsPage({
  workspace,
  mode,
  onWorkspaceCreated,
}: {
  workspace: WorkspaceMembership | null;
  mode: 'local' | 'github';
  onWorkspaceCreated: (slug: string) => void;
}) {
  useEffect(() => {
    document.title = 'Settings · Loupe';
  }, []);
  if (!workspace) {
    return (
      <div className="settings-page">
        <EmptyState title="You are in no workspace">
          <p>Ask an admin of a workspace to add your GitHub login, or create one.</p>
        </EmptyState>
        <NewWorkspaceSection onCreated={onWorkspaceCreated} />
      </div>
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
      <NewWorkspaceSection onCreated={onWorkspaceCreated} />
    </div>
  );
}
