import { describe, expect, it } from 'vitest';
import type { WorkspaceMembership } from '../../api-client/api-types.ts';
import {
  loadWorkspaceChoice,
  pickWorkspace,
  saveWorkspaceChoice,
  WORKSPACE_STORAGE_KEY,
} from './workspace-choice.ts';

const demo: WorkspaceMembership = { slug: 'demo', name: 'Demo', isDemo: true, role: 'owner' };
const team: WorkspaceMembership = { slug: 'team', name: 'Team', isDemo: false, role: 'viewer' };

function memoryStorage(): Storage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    length: 0,
    clear: () => items.clear(),
    key: () => null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('pickWorkspace', () => {
  it('keeps the remembered workspace while the person belongs to it', () => {
    expect(pickWorkspace({ workspace: demo, workspaces: [demo, team] }, 'team')).toBe(team);
  });

  it("falls back to the server's choice when the remembered one is gone", () => {
    expect(pickWorkspace({ workspace: demo, workspaces: [demo, team] }, 'left-long-ago')).toBe(demo);
    expect(pickWorkspace({ workspace: null, workspaces: [team] }, null)).toBe(team);
    expect(pickWorkspace({ workspace: null, workspaces: [] }, 'team')).toBeNull();
  });
});

describe('workspace choice storage', () => {
  it('round-trips the slug under one key', () => {
    const storage = memoryStorage();
    expect(loadWorkspaceChoice(storage)).toBeNull();
    saveWorkspaceChoice(storage, 'team');
    expect(storage.items.get(WORKSPACE_STORAGE_KEY)).toBe('team');
    expect(loadWorkspaceChoice(storage)).toBe('team');
  });

  it('survives a storage that throws, or none at all', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadWorkspaceChoice(refusing)).toBeNull();
    expect(() => saveWorkspaceChoice(refusing, 'team')).not.toThrow();
    expect(loadWorkspaceChoice(null)).toBeNull();
  });
});
