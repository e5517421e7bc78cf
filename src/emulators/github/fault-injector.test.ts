/**
 * Rule matching and the seeded draws of probabilistic rules: the same seed gives the same
 * failures, and a rule's draws do not depend on the other rules.
 */
import { describe, expect, it } from 'vitest';
import { FaultInjector } from './fault-injector.ts';
import type { FaultRule } from './fault-injector.ts';

/** Which of `n` requests to `path` the injector fails, as a string of '.' and 'x'. */
function pattern(injector: FaultInjector, n: number, path = '/repos/a/b/issues'): string {
  let out = '';
  for (let i = 0; i < n; i++) out += injector.take('GET', path) ? 'x' : '.';
  return out;
}

function injectorWith(seed: number, ...rules: FaultRule[]): FaultInjector {
  const injector = new FaultInjector(seed);
  for (const rule of rules) injector.add(rule);
  return injector;
}

describe('FaultInjector', () => {
  it('fails a matching request `times` times, once by default', () => {
    const injector = injectorWith(
      1,
      { kind: 'reset', path: /issues/ },
      { kind: 'reset', path: '/x', times: 2 },
    );
    expect(pattern(injector, 3)).toBe('x..');
    expect(pattern(injector, 3, '/x?page=2')).toBe('xx.');
  });

  it('repeats the same failures for the same seed and differs for another seed', () => {
    const rule: FaultRule = { kind: 'status', status: 502, probability: 0.3 };
    const a = pattern(injectorWith(7, rule), 200);
    expect(pattern(injectorWith(7, rule), 200)).toBe(a);
    expect(pattern(injectorWith(8, rule), 200)).not.toBe(a);
    const failures = a.split('').filter((c) => c === 'x').length;
    // 200 draws at p = 0.3: 60 expected; 30..90 is more than 4 standard deviations either side.
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
  });

  it('lasts forever with probability and no times, and stops after `times` fires with both', () => {
    const forever = injectorWith(3, { kind: 'reset', probability: 1 });
    expect(pattern(forever, 50)).toBe('x'.repeat(50));
    expect(forever.list()).toMatchObject([{ id: 1, remaining: Infinity, fired: 50 }]);
    const limited = injectorWith(3, { kind: 'reset', probability: 0.5, times: 4 });
    const seen = pattern(limited, 100);
    expect(seen.split('').filter((c) => c === 'x')).toHaveLength(4);
    expect(limited.list()).toEqual([]);
  });

  it("draws a rule's sequence independently of the rules before it", () => {
    const late: FaultRule = { kind: 'reset', probability: 0.5, path: /issues/ };
    const alone = injectorWith(5, { kind: 'reset', path: '/never' }, late);
    const behindAnother = injectorWith(5, { kind: 'status', status: 500, probability: 0.5 }, late);
    const kinds = (injector: FaultInjector): string[] =>
      Array.from({ length: 100 }, () => injector.take('GET', '/repos/a/b/issues')?.kind ?? '-');
    const aloneKinds = kinds(alone);
    const shadowedKinds = kinds(behindAnother);
    expect(shadowedKinds).toContain('status');
    // Wherever the first rule did not fire, the second fires exactly as it does on its own.
    shadowedKinds.forEach((kind, i) => {
      if (kind !== 'status') expect(kind, `request ${i}`).toBe(aloneKinds[i]);
    });
    expect(aloneKinds).toContain('reset');
  });

  it('restarts the draws after clear()', () => {
    const rule: FaultRule = { kind: 'reset', probability: 0.4 };
    const injector = injectorWith(11, rule);
    const first = pattern(injector, 60);
    injector.clear();
    expect(injector.list()).toEqual([]);
    injector.add(rule);
    expect(pattern(injector, 60)).toBe(first);
  });

  it('matches the method and rejects out-of-range times and probability', () => {
    const injector = injectorWith(1, { kind: 'reset', method: 'post' });
    expect(injector.take('GET', '/x')).toBeUndefined();
    expect(injector.take('POST', '/x')).toMatchObject({ kind: 'reset' });
    expect(() => injector.add({ kind: 'reset', times: 0 })).toThrow(/times/);
    expect(() => injector.add({ kind: 'reset', probability: 0 })).toThrow(/probability/);
    expect(() => injector.add({ kind: 'reset', probability: 1.5 })).toThrow(/probability/);
  });
});
