import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';

/** A relative time ("3 days ago") whose tooltip and machine-readable value give the exact date. */
export function TimeAgo({ iso, prefix }: { iso: string | null; prefix?: string }) {
  if (!iso) return <span className="muted">never</span>;
  return (
    <time dateTime={iso} title={formatAbsoluteTime(iso)}>
      {prefix ? `${prefix} ` : ''}
      {formatRelativeTime(iso)}
    </time>
  );
}
