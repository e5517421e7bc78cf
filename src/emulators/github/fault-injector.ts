/**
 * Scripted failures for resilience tests: requests matching a rule fail the way GitHub or the
 * network does (error status, rate limits, hang, truncated or empty body, reset), either for the
 * next `times` matching requests or, with `probability`, at random from a seeded PRNG so a chaos
 * run is reproducible.
 */
import { SeededRandom } from './seeded-random.ts';

export interface FaultMatch {
  /** A RegExp tested against pathname+search, or a string equal to the pathname or pathname+search. */
  path?: RegExp | string;
  /** HTTP method, case-insensitive; any when absent. */
  method?: string;
  /** How many times the rule fires; default 1, or Infinity when `probability` is set. */
  times?: number;
  /** Chance in (0, 1] that a matching request fails; absent = every matching request. */
  probability?: number;
}

export type FaultRule = FaultMatch &
  (
    | { kind: 'status'; status: number; body?: unknown }
    /** 403 with retry-after, as GitHub answers abuse of concurrency or bursts. */
    | { kind: 'secondary-rate-limit'; retryAfterSeconds?: number }
    /** 429 with retry-after, the other status GitHub uses for secondary rate limits. */
    | { kind: 'rate-limit-429'; retryAfterSeconds?: number }
    /** Without delayMs the request is never answered (until the emulator closes). */
    | { kind: 'timeout'; delayMs?: number }
    /** Full content-length announced, `bytes` of the body sent (default half), socket destroyed. */
    | { kind: 'truncate'; bytes?: number }
    | { kind: 'reset' }
    /** 200 with the usual headers and a zero-length body: a proxy that returned nothing. */
    | { kind: 'empty-body' }
  );

export type FaultKind = FaultRule['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'secondary-rate-limit',
  'rate-limit-429',
  'timeout',
  'truncate',
  'reset',
  'empty-body',
];

/** Used when the emulator is started without `faultSeed`, so unseeded runs still repeat. */
export const DEFAULT_FAULT_SEED = 1;

/** A rule as the injector holds it: `remaining` is Infinity for rules without an end. */
export interface LiveFaultRule {
  id: number;
  rule: FaultRule;
  remaining: number;
  /** Requests this rule failed so far. */
  fired: number;
}

interface ActiveRule extends LiveFaultRule {
  random: SeededRandom | null;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private readonly seed: number;

  constructor(seed: number = DEFAULT_FAULT_SEED) {
    this.seed = seed;
  }

  /** Adds a rule; throws on a times or probability out of range. Returns the rule's id. */
  add(rule: FaultRule): number {
    const times = rule.times ?? (rule.probability === undefined ? 1 : Infinity);
    if (!(times > 0)) throw new Error('Fault rule: times must be a positive number');
    const p = rule.probability;
    if (p !== undefined && !(p > 0 && p <= 1)) throw new Error('Fault rule: probability must be in (0, 1]');
    const id = this.nextId++;
    // One stream per rule, derived from the seed and the rule's position: the k-th request a rule
    // sees gets the same draw whatever the other rules do.
    const random = p === undefined ? null : new SeededRandom((this.seed ^ Math.imul(id, 0x9e3779b1)) >>> 0);
    this.rules.push({ id, rule, remaining: times, fired: 0, random });
    return id;
  }

  /** Drops every rule. Ids restart so re-adding the same rules replays the same draws. */
  clear(): void {
    this.rules = [];
    this.nextId = 1;
  }

  list(): readonly LiveFaultRule[] {
    return this.rules.map(({ id, rule, remaining, fired }) => ({ id, rule, remaining, fired }));
  }

  /**
   * The first matching rule whose draw hits, consuming one of its uses. Every matching
   * probabilistic rule draws, hit or not, so each rule's sequence depends only on its own matches.
   */
  take(method: string, target: string): FaultRule | undefined {
    const pathname = target.split('?')[0] ?? target;
    let winner: ActiveRule | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, { target, pathname })) continue;
      const hit = active.random === null || active.random.chance(rule.probability as number);
      if (hit && winner === undefined) winner = active;
    }
    if (!winner) return undefined;
    winner.fired += 1;
    winner.remaining -= 1;
    if (winner.remaining <= 0) this.rules = this.rules.filter((r) => r !== winner);
    return winner.rule;
  }
}

function pathMatches(path: FaultMatch['path'], req: { target: string; pathname: string }): boolean {
  if (path === undefined) return true;
  if (typeof path === 'string') return path === req.pathname || path === req.target;
  path.lastIndex = 0;
  return path.test(req.target);
}
