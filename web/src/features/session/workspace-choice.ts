import type { Me, WorkspaceMembership } from '../../api-client/api-types.ts';

/** The localStorage key that remembers the workspace chosen in the switcher. */
export const WORKSPACE_STORAGE_KEY = 'loupe.workspace';

/** The part of Storage the choice uses (a fake in tests). */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The slug chosen last time, or null (also when storage is unavailable, e.g. blocked cookies). */
export function loadWorkspaceChoice(storage: ChoiceStorage | null): string | null {
  try {
    return storage?.getItem(WORKSPACE_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

/** Remembers the chosen slug; a storage that refuses is ignored (the choice then lasts this page only). */
export function saveWorkspaceChoice(storage: ChoiceStorage | null, slug: string): void {
  try {
    storage?.setItem(WORKSPACE_STORAGE_KEY, slug);
  } catch {
    // Private mode or a full quota: nothing to do.
  }
}

/**
 * The workspace the UI works in: the remembered one while the person still belongs to it, else the
 * one the server picked (the demo or "default" locally, the first membership in server mode).
 */
export function pickWorkspace(
  me: Pick<Me, 'workspace' | 'workspaces'>,
  remembered: string | null,
): WorkspaceMembership | null {
  const kept = remembered ? me.workspaces.find((w) => w.slug === remembered) : undefined;
  return kept ?? me.workspace ?? me.workspaces[0] ?? null;
}
