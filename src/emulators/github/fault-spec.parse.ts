/**
 * `loupe emulator --faults SPEC` and `POST /_emulator/faults {"spec": …}`: a JSON list of rules
 * (see fault-rule.schema.ts) or the compact form, comma-separated items
 *
 *   KIND[=ARG][@PATH_REGEX][:P%][:xN]
 *
 * e.g. `status=502:10%,truncate:3%,429=2@/issues/comments:x3,empty-body@^/repos/[^/]+/[^/]+$:x1`.
 * An item without `:P%` or `:xN` fails once, like a JS rule without probability or times. Pure.
 */
import type { FaultRule } from './fault-injector.ts';
import { parseFaultRulesJson } from './fault-rule.schema.ts';
import type { FaultRulesResult } from './fault-rule.schema.ts';

type Arg =
  | { kind: 'none' }
  | { kind: 'optional-int'; what: string; min: number; max: number }
  | { kind: 'required-int'; what: string; min: number; max: number };

interface CompactKind {
  /** Builds the rule body from the validated argument. */
  build(arg: number | undefined): FaultRule;
  arg: Arg;
}

const MAX_INT = 2 ** 31 - 1;
// Entries in this order for messages (an object literal would list the integer-like "429" first).
const COMPACT_KINDS = new Map<string, CompactKind>([
  [
    'status',
    {
      arg: { kind: 'required-int', what: 'an HTTP status code', min: 100, max: 599 },
      build: (n) => ({ kind: 'status', status: n as number }),
    },
  ],
  [
    'secondary',
    {
      arg: { kind: 'optional-int', what: 'retry-after seconds', min: 0, max: MAX_INT },
      build: (n) => ({ kind: 'secondary-rate-limit', ...(n === undefined ? {} : { retryAfterSeconds: n }) }),
    },
  ],
  [
    '429',
    {
      arg: { kind: 'optional-int', what: 'retry-after seconds', min: 0, max: MAX_INT },
      build: (n) => ({ kind: 'rate-limit-429', ...(n === undefined ? {} : { retryAfterSeconds: n }) }),
    },
  ],
  [
    'timeout',
    {
      arg: { kind: 'optional-int', what: 'a delay in ms', min: 0, max: MAX_INT },
      build: (n) => ({ kind: 'timeout', ...(n === undefined ? {} : { delayMs: n }) }),
    },
  ],
  [
    'truncate',
    {
      arg: { kind: 'optional-int', what: 'a byte count', min: 0, max: MAX_INT },
      build: (n) => ({ kind: 'truncate', ...(n === undefined ? {} : { bytes: n }) }),
    },
  ],
  ['reset', { arg: { kind: 'none' }, build: () => ({ kind: 'reset' }) }],
  ['empty-body', { arg: { kind: 'none' }, build: () => ({ kind: 'empty-body' }) }],
]);
// The JS API's kind names work too.
const ALIASES: Record<string, string> = { 'secondary-rate-limit': 'secondary', 'rate-limit-429': '429' };

/** Parses a fault spec, JSON or compact; lists every problem. No rules unless there are no errors. */
export function parseFaultSpec(spec: string): FaultRulesResult {
  const text = spec.trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { rules: [], errors: [`not valid JSON: ${(error as Error).message}`] };
    }
    return parseFaultRulesJson(value);
  }
  return parseCompactFaultSpec(text);
}

/** Parses the compact form only. */
export function parseCompactFaultSpec(spec: string): FaultRulesResult {
  if (spec.trim() === '') return { rules: [], errors: ['empty fault spec'] };
  const rules: FaultRule[] = [];
  const errors: string[] = [];
  splitItems(spec).forEach((item, i) => {
    const result = parseItem(item.trim());
    if (typeof result === 'string') errors.push(`item ${i + 1} "${item.trim()}": ${result}`);
    else rules.push(result);
  });
  return errors.length > 0 ? { rules: [], errors } : { rules, errors };
}

/**
 * Splits on commas outside brackets, parentheses and braces, so a path regex may use `{1,3}` or
 * `[^,]`; a literal comma elsewhere in a regex is written `\,`.
 */
export function splitItems(spec: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' || c === '{') depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      items.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  items.push(spec.slice(start));
  return items;
}

const SUFFIX = /:(?:(\d+(?:\.\d+)?|\.\d+)%|x(\d+))$/;

/** One item to a rule, or the reason it is not one. */
function parseItem(item: string): FaultRule | string {
  if (item === '') return 'empty item (two commas in a row, or a trailing comma?)';
  let rest = item;
  let probability: number | undefined;
  let times: number | undefined;
  for (let m = SUFFIX.exec(rest); m; m = SUFFIX.exec(rest)) {
    if (m[1] !== undefined) {
      if (probability !== undefined) return 'more than one :P% suffix';
      const percent = Number(m[1]);
      if (!(percent > 0 && percent <= 100))
        return `probability must be more than 0% and at most 100%, got ${m[1]}%`;
      probability = percent / 100;
    } else {
      if (times !== undefined) return 'more than one :xN suffix';
      times = Number(m[2]);
      if (!(times >= 1)) return `:xN needs N >= 1, got x${m[2]}`;
    }
    rest = rest.slice(0, m.index);
  }
  const at = rest.indexOf('@');
  const head = at < 0 ? rest : rest.slice(0, at);
  const pathText = at < 0 ? undefined : rest.slice(at + 1);
  if (head.includes(':'))
    return `unrecognised suffix "${head.slice(head.indexOf(':'))}" (expected :P% such as :10%, or :xN such as :x3)`;
  const eq = head.indexOf('=');
  const kindName = (eq < 0 ? head : head.slice(0, eq)).trim().toLowerCase();
  const argText = eq < 0 ? undefined : head.slice(eq + 1).trim();
  const kind = COMPACT_KINDS.get(ALIASES[kindName] ?? kindName);
  if (!kind) return `unknown kind "${kindName}" (expected one of ${[...COMPACT_KINDS.keys()].join(', ')})`;
  const arg = parseArg(kind.arg, argText);
  if (typeof arg === 'string') return `${kindName}: ${arg}`;
  let path: RegExp | undefined;
  if (pathText !== undefined) {
    if (pathText === '') return 'empty path after @';
    try {
      path = new RegExp(pathText);
    } catch (error) {
      return `path is not a valid regular expression: ${(error as Error).message}`;
    }
  }
  return {
    ...kind.build(arg.value),
    ...(path ? { path } : {}),
    ...(probability === undefined ? {} : { probability }),
    ...(times === undefined ? {} : { times }),
  };
}

function parseArg(spec: Arg, text: string | undefined): { value: number | undefined } | string {
  if (spec.kind === 'none')
    return text === undefined ? { value: undefined } : `takes no argument, got "=${text}"`;
  if (text === undefined)
    return spec.kind === 'required-int' ? `needs =N, ${spec.what}` : { value: undefined };
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= spec.min && n <= spec.max))
    return `argument must be ${spec.what}, an integer from ${spec.min} to ${spec.max}, got "${text}"`;
  return { value: n };
}
