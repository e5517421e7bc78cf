import type { WorkspaceMembership } from '../../api-client/api-types.ts';

/** Chooses the workspace every request speaks for; shown only to people in more than one. */
export function WorkspaceSwitcher(props: {
  workspaces: WorkspaceMembership[];
  current: WorkspaceMembership | null;
  onChoose: (slug: string) => void;
}) {
  const { workspaces, current, onChoose } = props;
  if (workspaces.length < 2) return null;
  return (
    <label className="workspace-switcher">
      <span className="visually-hidden">Workspace</span>
      <select
        data-testid="workspace-switcher"
        value={current?.slug ?? ''}
        onChange={(event) => onChoose(event.target.value)}
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
            {w.isDemo ? ' (demo)' : ''} · {w.role}
          </option>
        ))}
      </select>
    </label>
  );
}
