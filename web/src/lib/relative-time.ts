const UNITS: { unit: Intl.RelativeTimeFormatUnit; seconds: number }[] = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

const formatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "3 days ago", "yesterday", "in 2 hours": the largest whole unit, rounded down so that 47 hours
 * still reads "yesterday" rather than jumping ahead. Under a minute reads "just now".
 * Returns "" for an unparseable date rather than "NaN years ago".
 */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const deltaSeconds = (then - now.getTime()) / 1000;
  const magnitude = Math.abs(deltaSeconds);
  if (magnitude < 60) return 'just now';
  for (const { unit, seconds } of UNITS) {
    if (magnitude >= seconds) {
      const count = Math.floor(magnitude / seconds);
      return formatter.format(deltaSeconds < 0 ? -count : count, unit);
    }
  }
  return 'just now';
}

/** Full date and time for tooltips, in the reader's locale and time zone. */
export function formatAbsoluteTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
