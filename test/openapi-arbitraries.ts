import fc from 'fast-check';
import type { JsonSchema } from './openapi-routes.ts';

/**
 * fast-check arbitraries from the OpenAPI 3.0 schemas of /api/openapi.json: values the schema
 * allows, and values a careless or hostile client sends instead.
 */

type Components = Record<string, JsonSchema>;

function resolve(schema: JsonSchema, components: Components): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = components[ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`unresolved ${ref}`);
  return resolve(target, components);
}

/** Characters that trip up parsers, SQL and encoders, one at a time. */
const trickyCharacter = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001f',
  'a',
  'Z',
  '0',
  ' ',
  '-',
  '_',
  '%',
  '"',
  "'",
  '\\',
  '/',
  ':',
  '&',
  '|',
  '!',
  '(',
  'é',
  'ﬀ',
  '😀',
  '\ud800',
  '\u202e',
  '\n',
  '\t',
);

/** Strings that have broken servers: NUL, lone surrogates, numbers in disguise, prototype keys. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    '1e3',
    '-1',
    '0',
    '0x10',
    '+1',
    '1.5',
    'NaN',
    'Infinity',
    '-Infinity',
    '9'.repeat(40),
    '__proto__',
    'constructor',
    'null',
    'true',
    '[]',
    '{}',
    '%',
    '%00',
    '\\',
    "'",
    '"',
    '<script>',
    '١٢٣',
    '💥',
    'ﬀ',
    '\u202e',
    '\r\n',
    'a'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.string({ unit: 'grapheme', minLength: 90, maxLength: 600 }),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);

/** A value the schema allows (best effort: patterns and lengths are honoured, formats are not). */
export function validValue(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const base = validNonNull(s, components, depth);
  return s.nullable === true ? fc.oneof(base, fc.constant(null)) : base;
}

function validNonNull(s: JsonSchema, components: Components, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.const !== undefined) return fc.constant(s.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[key]))
      return fc.oneof(...(s[key] as JsonSchema[]).map((branch) => validValue(branch, components, depth + 1)));
  }
  switch (s.type) {
    case 'string': {
      const maxLength = typeof s.maxLength === 'number' ? s.maxLength : 60;
      const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
      if (typeof s.pattern === 'string')
        return fc
          .stringMatching(new RegExp(s.pattern))
          .filter((v) => v.length >= minLength && v.length <= maxLength);
      const lengths = { minLength, maxLength: Math.min(maxLength, minLength + 40) };
      // The schema says nothing of NUL, control characters or lone surrogates, so neither may the server.
      return fc.oneof(
        fc.string({ unit: 'grapheme', ...lengths }),
        fc.string({ unit: trickyCharacter, ...lengths }),
      );
    }
    case 'integer':
      return fc.integer({
        min: typeof s.minimum === 'number' ? Math.max(s.minimum, -1e9) : -1000,
        max: typeof s.maximum === 'number' ? Math.min(s.maximum, 1e9) : 1000,
      });
    case 'number':
      return fc.double({
        min: typeof s.minimum === 'number' ? s.minimum : -1e6,
        max: typeof s.maximum === 'number' ? s.maximum : 1e6,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = (s.items as JsonSchema | undefined) ?? {};
      const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, depth > 1 ? 2 : 4);
      return fc.array(validValue(items, components, depth + 1), {
        minLength: typeof s.minItems === 'number' ? s.minItems : 0,
        maxLength,
      });
    }
    case 'object': {
      const properties = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      const record = Object.fromEntries(
        Object.entries(properties).map(([k, v]) => [k, validValue(v, components, depth + 1)]),
      );
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong type, out of range, or simply odd for the schema. */
export function invalidValue(schema: JsonSchema, components: Components): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const wrongType: fc.Arbitrary<unknown> = fc.oneof(
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue({ maxDepth: 2 }),
  );
  if (s.type === 'object') {
    return fc.oneof(
      wrongType,
      fc
        .tuple(validValue(s, components), nastyString, fc.jsonValue({ maxDepth: 1 }))
        .map(([value, key, extra]) => ({ ...(value as object), [key]: extra })),
      fc
        .tuple(
          validValue(s, components),
          fc.constantFrom(...Object.keys((s.properties as object | undefined) ?? { x: 1 })),
          wrongType,
        )
        .map(([value, key, bad]) => ({ ...(value as object), [key]: bad })),
    );
  }
  return wrongType;
}
