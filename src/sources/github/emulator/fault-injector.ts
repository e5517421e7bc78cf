/**
 * Scripted failures for resilience tests: the next `times` requests matching a rule fail the way
 * GitHub or the network does (error status, secondary rate limit, hang, truncated body, reset).
 */

export interface FaultMatch {
  /** A RegExp tested against pathname+search, or a string equal to the pathname or pathname+search. */
  path?: RegExp | string;
  /** HTTP method, case-insensitive; any when absent. */
  method?: string;
  /** How many matching requests fail; default 1, Infinity for all. */
  times?: number;
}

export type FaultRule = FaultMatch &
  (
    | { kind: 'status'; status: number; body?: unknown }
    | { kind: 'secondary-rate-limit'; retryAfterSeconds?: number }
    /** Without delayMs the request is never answered (until the emulator closes). */
    | { kind: 'timeout'; delayMs?: number }
    | { kind: 'truncate' }
    | { kind: 'reset' }
  );

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new Error('Fault rule: times must be a positive number');
    this.rules.push({ rule, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first live rule matching the request, consuming one of its uses. */
  take(method: string, target: string): FaultRule | undefined {
    const pathname = target.split('?')[0] ?? target;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, { target, pathname })) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
      return rule;
    }
    return undefined;
  }
}

function pathMatches(path: FaultMatch['path'], req: { target: string; pathname: string }): boolean {
  if (path === undefined) return true;
  if (typeof path === 'string') return path === req.pathname || path === req.target;
  path.lastIndex = 0;
  return path.test(req.target);
}
