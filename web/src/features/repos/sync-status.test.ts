import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../api-client/api-types.ts';
import { hasActiveSync } from './sync-status.ts';

const repo = (status: SyncStatus) => ({
  sync: { status, lastSyncedAt: null, lastError: null, startedAt: null, issuesSynced: 0, commentsSynced: 0 },
});

describe('hasActiveSync', () => {
  it('is true while a sync is queued or running', () => {
    expect(hasActiveSync([repo('succeeded'), repo('queued')])).toBe(true);
    expect(hasActiveSync([repo('running')])).toBe(true);
  });

  it('is false once every sync has finished or never started', () => {
    expect(hasActiveSync([repo('succeeded'), repo('failed'), repo('never')])).toBe(false);
    expect(hasActiveSync([])).toBe(false);
  });
});
