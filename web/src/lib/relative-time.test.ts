import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.ts';

const now = new Date('2025-06-15T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it('says just now under a minute', () => {
    expect(formatRelativeTime(ago(59), now)).toBe('just now');
  });

  it('uses the largest whole unit, rounded down', () => {
    expect(formatRelativeTime(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600 + 59 * 60), now)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(47 * 3600), now)).toBe('yesterday');
    expect(formatRelativeTime(ago(4 * 86400), now)).toBe('4 days ago');
    expect(formatRelativeTime(ago(15 * 86400), now)).toBe('2 weeks ago');
    expect(formatRelativeTime(ago(65 * 86400), now)).toBe('2 months ago');
    expect(formatRelativeTime(ago(800 * 86400), now)).toBe('2 years ago');
  });

  it('handles future dates and bad input', () => {
    expect(formatRelativeTime(new Date(now.getTime() + 2 * 3600 * 1000).toISOString(), now)).toBe(
      'in 2 hours',
    );
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});
