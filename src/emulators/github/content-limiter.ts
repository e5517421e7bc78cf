/**
 * GitHub's secondary limit on creating content: "no more than 80 content-generating requests per
 * minute and no more than 500 content-generating requests per hour" per user. The emulator counts
 * every REST write (POST, PATCH, PUT, DELETE) per token over sliding windows of the emulator clock;
 * a write over either limit answers 403 with `retry-after` (the seconds until the oldest counted
 * write leaves the window that is full) and is not counted.
 */
export interface ContentLimits {
  /** Writes per rolling minute per token (GitHub: 80). */
  perMinute: number;
  /** Writes per rolling hour per token (GitHub: 500). */
  perHour: number;
}

export const GITHUB_CONTENT_LIMITS: ContentLimits = { perMinute: 80, perHour: 500 };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export const CONTENT_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.';

export class ContentLimiter {
  private readonly writes = new Map<string, number[]>();
  private readonly limits: ContentLimits;
  private readonly now: () => number;

  constructor(limits: ContentLimits, now: () => number) {
    this.limits = limits;
    this.now = now;
  }

  /** Counts a write by `key` and returns null, or refuses it with the seconds to wait. */
  take(key: string): { retryAfterSeconds: number } | null {
    const now = this.now();
    const times = (this.writes.get(key) ?? []).filter((t) => t > now - HOUR_MS);
    const inMinute = times.filter((t) => t > now - MINUTE_MS);
    let freeAt: number | null = null;
    if (inMinute.length >= this.limits.perMinute)
      freeAt = inMinute[inMinute.length - this.limits.perMinute]! + MINUTE_MS;
    if (times.length >= this.limits.perHour)
      freeAt = Math.max(freeAt ?? 0, times[times.length - this.limits.perHour]! + HOUR_MS);
    this.writes.set(key, times);
    if (freeAt !== null) return { retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
    times.push(now);
    return null;
  }
}
