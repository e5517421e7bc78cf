import { describe, expect, it } from 'vitest';
import type { QueueJobs } from '../../api-client/api-types.ts';
import { describePayload, formatDuration, hasPendingJobs } from './job-view.ts';

describe('job view helpers', () => {
  it('formats durations from milliseconds to hours', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('refreshes only while a job waits or runs', () => {
    const queue = (state: QueueJobs['jobs'][number]['state']): QueueJobs => ({
      queue: 'sync-repo',
      counts: {},
      jobs: [
        {
          id: 'a',
          queue: 'sync-repo',
          state,
          payload: { repoId: 1 },
          attempts: 1,
          retryLimit: 3,
          createdAt: '',
          startedAt: null,
          completedAt: null,
          durationMs: null,
          error: null,
          retryable: false,
        },
      ],
    });
    expect(hasPendingJobs([queue('completed'), queue('failed')])).toBe(false);
    expect(hasPendingJobs([queue('completed'), queue('active')])).toBe(true);
    expect(hasPendingJobs([queue('retry')])).toBe(true);
  });

  it('names the repository a job is about', () => {
    expect(describePayload({ repoId: 3 })).toBe('repository 3');
    expect(describePayload({})).toBe('');
    expect(describePayload(null)).toBe('');
  });
});
