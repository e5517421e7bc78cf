/**
 * GitHub's primary rate limit for the `core` resource: `limit` requests per window; the window
 * starts with the first counted request and `reset` is its end in epoch seconds.
 */
export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  used: number;
}

export class RateLimiter {
  private used = 0;
  private resetAtMs = 0;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: { limit: number; windowMs: number; now: () => number }) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now;
  }

  private roll(): void {
    const now = this.now();
    if (now >= this.resetAtMs) {
      this.used = 0;
      this.resetAtMs = now + this.windowMs;
    }
  }

  exhausted(): boolean {
    this.roll();
    return this.used >= this.limit;
  }

  /** Counts one request against the window. */
  consume(): void {
    this.roll();
    this.used = Math.min(this.limit, this.used + 1);
  }

  snapshot(): RateLimitSnapshot {
    this.roll();
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
      reset: Math.ceil(this.resetAtMs / 1000),
      used: this.used,
    };
  }
}
