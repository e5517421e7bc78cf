/**
 * The fault spec of `loupe emulator --faults` and `POST /_emulator/faults`: compact items and JSON
 * rules become the JS API's FaultRule objects; every mistake is named, with its item.
 */
import { describe, expect, it } from 'vitest';
import { faultRuleToJson, liveFaultRuleToJson, parseFaultRulesJson } from './fault-rule.schema.ts';
import { parseFaultSpec, splitItems } from './fault-spec.parse.ts';

describe('compact fault spec', () => {
  it('parses the example from the README into rules', () => {
    const { rules, errors } = parseFaultSpec(
      'status=502:10%,truncate:3%,reset:3%,secondary=1:2%,429=2@/issues/comments:x3,timeout=5000:1%,empty-body@^/repos/[^/]+/[^/]+$:x1',
    );
    expect(errors).toEqual([]);
    expect(rules).toEqual([
      { kind: 'status', status: 502, probability: 0.1 },
      { kind: 'truncate', probability: 0.03 },
      { kind: 'reset', probability: 0.03 },
      { kind: 'secondary-rate-limit', retryAfterSeconds: 1, probability: 0.02 },
      { kind: 'rate-limit-429', retryAfterSeconds: 2, path: /\/issues\/comments/, times: 3 },
      { kind: 'timeout', delayMs: 5000, probability: 0.01 },
      { kind: 'empty-body', path: /^\/repos\/[^/]+\/[^/]+$/, times: 1 },
    ]);
  });

  it('leaves out optional arguments, defaults to one failure, and takes both suffixes', () => {
    expect(parseFaultSpec('timeout, truncate=0 ,secondary,429').rules).toEqual([
      { kind: 'timeout' },
      { kind: 'truncate', bytes: 0 },
      { kind: 'secondary-rate-limit' },
      { kind: 'rate-limit-429' },
    ]);
    expect(parseFaultSpec('reset@/issues:25%:x4').rules).toEqual([
      { kind: 'reset', path: /\/issues/, probability: 0.25, times: 4 },
    ]);
    expect(parseFaultSpec('reset:x2:0.5%').rules).toEqual([{ kind: 'reset', times: 2, probability: 0.005 }]);
    expect(parseFaultSpec('secondary-rate-limit=5,rate-limit-429').rules.map((r) => r.kind)).toEqual([
      'secondary-rate-limit',
      'rate-limit-429',
    ]);
  });

  it('keeps commas, colons and @ that belong to the path regex', () => {
    expect(splitItems('reset@/a{1,3},status=500@[,]x')).toEqual(['reset@/a{1,3}', 'status=500@[,]x']);
    const { rules } = parseFaultSpec('status=503@^/repos/(?:a|b)/x\\,y@z{1,2}:50%');
    expect(rules).toEqual([
      { kind: 'status', status: 503, path: new RegExp('^/repos/(?:a|b)/x\\,y@z{1,2}'), probability: 0.5 },
    ]);
    expect('/repos/a/x,y@zz').toMatch(rules[0]!.path as RegExp);
  });

  it('lists every bad item with the reason', () => {
    const { rules, errors } = parseFaultSpec(
      'status,bogus=1,reset=3,truncate=-1:10%,timeout=5s,429:0%,reset:150%,status=502:x0,reset@(,reset@,,reset:abc',
    );
    expect(rules).toEqual([]);
    expect(errors).toEqual([
      'item 1 "status": status: needs =N, an HTTP status code',
      'item 2 "bogus=1": unknown kind "bogus" (expected one of status, secondary, 429, timeout, truncate, reset, empty-body)',
      'item 3 "reset=3": reset: takes no argument, got "=3"',
      'item 4 "truncate=-1:10%": truncate: argument must be a byte count, an integer from 0 to 2147483647, got "-1"',
      'item 5 "timeout=5s": timeout: argument must be a delay in ms, an integer from 0 to 2147483647, got "5s"',
      'item 6 "429:0%": probability must be more than 0% and at most 100%, got 0%',
      'item 7 "reset:150%": probability must be more than 0% and at most 100%, got 150%',
      'item 8 "status=502:x0": :xN needs N >= 1, got x0',
      expect.stringMatching(/^item 9 "reset@\(,reset@,,reset:abc": path is not a valid regular expression/),
    ]);
    // Item 9 swallowed the rest because of its open parenthesis; on their own they fail too.
    expect(parseFaultSpec('reset@,,reset:abc').errors).toEqual([
      'item 1 "reset@": empty path after @',
      'item 2 "": empty item (two commas in a row, or a trailing comma?)',
      'item 3 "reset:abc": unrecognised suffix ":abc" (expected :P% such as :10%, or :xN such as :x3)',
    ]);
    expect(parseFaultSpec('status=200:10%:20%').errors).toEqual([
      'item 1 "status=200:10%:20%": more than one :P% suffix',
    ]);
    expect(parseFaultSpec('status=700').errors[0]).toMatch(
      /an HTTP status code, an integer from 100 to 599, got "700"/,
    );
    expect(parseFaultSpec('  ').errors).toEqual(['empty fault spec']);
  });
});

describe('JSON fault rules', () => {
  it('parses an array of rules with regex paths', () => {
    const { rules, errors } = parseFaultSpec(
      '[{"kind":"status","status":502,"probability":0.1,"path":"/issues\\\\?"},{"kind":"truncate","bytes":0,"times":2,"method":"GET"},{"kind":"status","status":500,"body":{"message":"x"}}]',
    );
    expect(errors).toEqual([]);
    expect(rules).toEqual([
      { kind: 'status', status: 502, probability: 0.1, path: /\/issues\?/ },
      { kind: 'truncate', bytes: 0, times: 2, method: 'GET' },
      { kind: 'status', status: 500, body: { message: 'x' } },
    ]);
    expect(parseFaultRulesJson({ kind: 'empty-body' }).rules).toEqual([{ kind: 'empty-body' }]);
  });

  it('lists every problem with the rule number and field', () => {
    const { rules, errors } = parseFaultRulesJson([
      { kind: 'status' },
      { kind: 'reset', probability: 2, times: 0 },
      { kind: 'truncate', bytes: 'half', delayMs: 3 },
      { kind: 'explode' },
      { kind: 'reset', path: '(' },
      'reset',
    ]);
    expect(rules).toEqual([]);
    expect(errors).toEqual([
      'rule 1.status: Invalid input: expected number, received undefined',
      'rule 2.times: Too small: expected number to be >0',
      'rule 2.probability: Too big: expected number to be <=1',
      'rule 3.bytes: Invalid input: expected number, received string',
      'rule 3: Unrecognized key: "delayMs"',
      "rule 4.kind: Invalid discriminator value. Expected 'status' | 'secondary-rate-limit' | 'rate-limit-429' | 'timeout' | 'truncate' | 'reset' | 'empty-body'",
      expect.stringMatching(/^rule 5\.path: not a valid regular expression: /),
      'rule 6: Invalid input: expected object, received string',
    ]);
    expect(parseFaultSpec('[{"kind":').errors[0]).toMatch(/^not valid JSON: /);
    expect(parseFaultSpec('[]').errors).toEqual(['no fault rules given (an empty list)']);
  });

  it('writes rules back as JSON that parses to the same matching', () => {
    expect(faultRuleToJson({ kind: 'reset', path: /\/issues\?/, probability: 0.5 })).toEqual({
      kind: 'reset',
      path: '\\/issues\\?',
      probability: 0.5,
    });
    const exact = faultRuleToJson({ kind: 'reset', path: '/repos/a.b/c' });
    expect(exact).toEqual({ kind: 'reset', path: '^\\/repos\\/a\\.b\\/c(?:\\?.*)?$' });
    const regex = parseFaultRulesJson(exact).rules[0]!.path as RegExp;
    expect(['/repos/a.b/c', '/repos/a.b/c?page=2'].every((p) => regex.test(p))).toBe(true);
    expect(['/repos/aXb/c', '/repos/a.b/c/issues'].some((p) => regex.test(p))).toBe(false);
    expect(faultRuleToJson({ kind: 'reset', path: '/x?page=2' })).toEqual({
      kind: 'reset',
      path: '^\\/x\\?page=2$',
    });
    expect(
      liveFaultRuleToJson({
        id: 3,
        remaining: Infinity,
        fired: 2,
        rule: { kind: 'reset', probability: 0.1 },
      }),
    ).toEqual({
      id: 3,
      remaining: null,
      fired: 2,
      rule: { kind: 'reset', probability: 0.1 },
    });
  });
});
