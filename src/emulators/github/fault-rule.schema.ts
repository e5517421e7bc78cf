/**
 * Fault rules as JSON, for the command line (`--faults '[…]'`) and `POST /_emulator/faults`: the
 * shape of the JS API's FaultRule except that `path` is a regular expression's source text. Input
 * is validated strictly (unknown keys are errors) and every problem is reported at once.
 */
import { z } from 'zod';
import type { FaultRule, LiveFaultRule } from './fault-injector.ts';

/** Result of parsing fault rules: the rules when `errors` is empty, else no rules at all. */
export interface FaultRulesResult {
  rules: FaultRule[];
  errors: string[];
}

const regexSource = z
  .string()
  .min(1)
  .transform((source, ctx) => {
    try {
      return new RegExp(source);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
      return z.NEVER;
    }
  });

const MATCH = {
  path: regexSource.optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, 'an HTTP method such as GET')
    .optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().gt(0).lte(1).optional(),
};
const seconds = z.number().int().nonnegative().optional();

const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...MATCH,
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
  }),
  z.strictObject({ ...MATCH, kind: z.literal('secondary-rate-limit'), retryAfterSeconds: seconds }),
  z.strictObject({ ...MATCH, kind: z.literal('rate-limit-429'), retryAfterSeconds: seconds }),
  z.strictObject({
    ...MATCH,
    kind: z.literal('timeout'),
    delayMs: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ ...MATCH, kind: z.literal('truncate'), bytes: z.number().int().nonnegative().optional() }),
  z.strictObject({ ...MATCH, kind: z.literal('reset') }),
  z.strictObject({ ...MATCH, kind: z.literal('empty-body') }),
]);

/** A rule or a list of rules, as parsed JSON. */
export function parseFaultRulesJson(value: unknown): FaultRulesResult {
  const list = Array.isArray(value) ? value : [value];
  const label = (i: number): string => (Array.isArray(value) ? `rule ${i + 1}` : 'rule');
  const rules: FaultRule[] = [];
  const errors: string[] = [];
  if (list.length === 0) errors.push('no fault rules given (an empty list)');
  list.forEach((item, i) => {
    const result = ruleSchema.safeParse(item);
    if (result.success) rules.push(withoutAbsentKeys(result.data));
    else
      for (const issue of result.error.issues)
        errors.push(`${[label(i), ...issue.path].join('.')}: ${issue.message}`);
  });
  return errors.length > 0 ? { rules: [], errors } : { rules, errors };
}

// Zod keeps keys whose optional value was absent as undefined; FaultRule spreads should not see them.
function withoutAbsentKeys<T extends object>(rule: T): T {
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as T;
}

/** Escapes text for use inside a RegExp. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The JSON form of a rule (what POST accepts). A string path of the JS API, which equals the
 * pathname or pathname+search, becomes the anchored regular expression that matches the same.
 */
export function faultRuleToJson(rule: FaultRule): Record<string, unknown> {
  const { path, ...rest } = rule;
  if (path === undefined) return { ...rest };
  if (typeof path !== 'string') return { ...rest, path: path.source };
  const exact = escapeRegex(path);
  return { ...rest, path: path.includes('?') ? `^${exact}$` : `^${exact}(?:\\?.*)?$` };
}

/** A live rule for `GET /_emulator/faults`: `remaining` is null for a rule without an end. */
export function liveFaultRuleToJson(live: LiveFaultRule): Record<string, unknown> {
  return {
    id: live.id,
    remaining: Number.isFinite(live.remaining) ? live.remaining : null,
    fired: live.fired,
    rule: faultRuleToJson(live.rule),
  };
}
