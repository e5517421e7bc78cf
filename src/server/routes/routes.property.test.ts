import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { API_TEST_WEBHOOK_SECRET, buildApiTestApp } from '../../../test/api-test-app.ts';
import { invalidValue, nastyString, validValue } from '../../../test/openapi-arbitraries.ts';
import {
  listRoutes,
  noContentStatuses,
  streamsEvents,
  successSchemas,
  type ApiRoute,
  type JsonSchema,
  type OpenApiDocument,
} from '../../../test/openapi-routes.ts';
import { compileRouteValidators } from '../../emulators/github/openapi-validator.ts';

/**
 * Property tests over every route of /api/openapi.json (so a new route is covered without editing
 * this file): requests built from each route's declared path parameters, query string, headers and
 * body, valid or not. No request may get a 5xx; a 2xx body must match the declared response schema
 * and hold everything the handler returned; any other answer is { error: { code, message } }.
 */

const RUNS_PER_ROUTE = Number(process.env.LOUPE_PROPERTY_RUNS ?? 120);

const api = await buildApiTestApp({ recordPayloads: true });
const document = (await api.app.inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
const components = document.components?.schemas ?? {};
// Routes that delete run last, so that they do not remove what the other routes' requests need. An
// event stream never ends, so it has no body to check here (events-stream.routes.test.ts reads it).
const routes = listRoutes(document)
  .filter((r) => !streamsEvents(r.operation))
  .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
const validators = compileRouteValidators({
  routes: Object.fromEntries(
    routes.flatMap((r) =>
      [...successSchemas(r.operation)].map(([status, schema]) => [`${r.method} ${r.path} ${status}`, schema]),
    ),
  ),
  components: { schemas: components },
});
const errorValidator = compileRouteValidators({
  routes: {
    error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string', minLength: 1 }, message: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
  components: { schemas: {} },
}).get('error')!;

afterAll(async () => api.close());

interface GeneratedRequest {
  path: string;
  query: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...new TextEncoder().encode(value)]
      .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
      .join('');
  }
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

/** A path parameter: an id that exists, a value the schema allows, or anything. */
function pathValue(schema: JsonSchema): fc.Arbitrary<string> {
  const ids = [
    ...api.seeded.issueIds,
    ...api.seeded.repoIds,
    ...api.seeded.tokenIds,
    ...api.seeded.connectionIds,
  ]
    .map(String)
    .concat(api.seeded.logins);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ids) },
      { weight: 2, arbitrary: validValue(schema, components).map(asText) },
      { weight: 3, arbitrary: nastyString },
    )
    .map((v) => (v === '' ? '%20' : encode(v)));
}

/** One query parameter's raw `key=value` pairs (arrays repeat the key). */
function queryPairs(name: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<string[]> {
  return value.map((v) =>
    (Array.isArray(v) ? v : [v]).map((item) => `${encode(name)}=${encode(asText(item))}`),
  );
}

/**
 * Only values the schema allows (each optional parameter present one time in five, so that many
 * requests succeed); the same with exactly one parameter wrong (so the server's handling of that
 * one value is what answers); or a free mix with stray keys and bytes.
 */
function queryString(route: ApiRoute): fc.Arbitrary<string> {
  const parameters = (route.operation.parameters ?? []).filter((p) => p.in === 'query');
  if (parameters.length === 0)
    return fc.oneof(
      fc.constant(''),
      fc.tuple(nastyString, nastyString).map(([k, v]) => `${encode(k)}=${encode(v)}`),
    );
  const present = (pairs: fc.Arbitrary<string[]>, weight: number) =>
    fc.oneof({ weight, arbitrary: pairs }, { weight: 4, arbitrary: fc.constant<string[]>([]) });
  const valid = fc.tuple(
    ...parameters.map((p) => {
      const pairs = queryPairs(p.name, validValue(p.schema, components));
      return p.required ? pairs : present(pairs, 1);
    }),
  );
  const oneWrong = fc
    .tuple(valid, fc.nat({ max: parameters.length - 1 }))
    .chain(([pairs, i]) =>
      queryPairs(parameters[i]!.name, invalidValue(parameters[i]!.schema, components)).map((wrong) =>
        pairs.map((p, j) => (j === i ? wrong : p)),
      ),
    );
  const mixed = fc.tuple(
    ...parameters.map((p) =>
      present(
        queryPairs(
          p.name,
          fc.oneof(
            { weight: 3, arbitrary: validValue(p.schema, components) },
            { weight: 2, arbitrary: invalidValue(p.schema, components) },
          ),
        ),
        4,
      ),
    ),
  );
  const extra = fc.oneof(
    fc.tuple(nastyString, nastyString).map(([k, v]) => [`${encode(k)}=${encode(v)}`]),
    // Bytes a hand-typed URL carries: a bare "%", half an escape, invalid UTF-8.
    fc.constantFrom(['q=%'], ['q=%E0%A4%A'], ['q=%FF'], ['%=1'], ['&&'], ['q'], ['q=a+b']),
  );
  return fc
    .oneof(
      { weight: 3, arbitrary: valid.map((pairs) => pairs.flat()) },
      { weight: 3, arbitrary: oneWrong.map((pairs) => pairs.flat()) },
      { weight: 2, arbitrary: fc.tuple(mixed, extra).map(([pairs, more]) => [...pairs.flat(), ...more]) },
    )
    .map((pairs) => pairs.join('&'));
}

function headerValues(route: ApiRoute): fc.Arbitrary<Record<string, string>> {
  const parameters = (route.operation.parameters ?? []).filter((p) => p.in === 'header');
  // Header values travel as Latin-1 without control characters; anything else is refused by the client.
  const headerSafe = (v: string) => /^[\x20-\x7e]*$/.test(v);
  const entries = parameters.map((p) =>
    fc
      .option(fc.oneof(validValue(p.schema, components).map(asText), nastyString).filter(headerSafe), {
        nil: undefined,
      })
      .map((v) => [p.name, v] as const),
  );
  return fc
    .tuple(...entries)
    .map((pairs) =>
      Object.fromEntries(pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined)),
    );
}

/** A body: the declared JSON (valid or broken), other JSON, text that is not JSON, or none. */
function body(route: ApiRoute): fc.Arbitrary<{ type?: string; payload?: string }> {
  const schema = route.operation.requestBody?.content['application/json']?.schema;
  const json = (value: fc.Arbitrary<unknown>) =>
    value.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' }));
  const declared = schema
    ? [
        { weight: 4, arbitrary: json(validValue(schema, components)) },
        { weight: 3, arbitrary: json(invalidValue(schema, components)) },
        {
          weight: 1,
          arbitrary: validValue(schema, components).map((v) => ({
            type: 'application/json',
            payload: `{"__proto__":{"polluted":true},"v":${JSON.stringify(v) ?? 'null'}}`,
          })),
        },
      ]
    : [];
  return fc.oneof(
    ...declared,
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: json(fc.jsonValue({ maxDepth: 3 })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'application/json; charset=utf-8',
            'application/json',
            'multipart/form-data',
          ),
          fc.oneof(nastyString, fc.constantFrom('{', '', 'null', '[]', '{"a":1}')),
        )
        .map(([type, payload]) => ({ type, payload })),
    },
  );
}

function request(route: ApiRoute): fc.Arbitrary<GeneratedRequest> {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const parameters = route.operation.parameters ?? [];
  const pathValues = fc.tuple(
    ...names.map((name) =>
      pathValue(parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? {}),
    ),
  );
  // A route that declares a signature header gets a correct one half the time (the test app's
  // webhook secret), so what lies behind the signature check is exercised too.
  const signs = parameters.some((p) => p.in === 'header' && p.name === SIGNATURE_HEADER);
  return fc
    .record({
      values: pathValues,
      query: queryString(route),
      headers: headerValues(route),
      body: body(route),
      sign: signs ? fc.boolean() : fc.constant(false),
    })
    .map(({ values, query, headers, body: b, sign }) => ({
      path: names.reduce((path, name, i) => path.replace(`{${name}}`, values[i]!), route.path),
      query,
      headers: {
        ...headers,
        ...(b.type ? { 'content-type': b.type } : {}),
        ...(sign ? { [SIGNATURE_HEADER]: signature(b.payload ?? '') } : {}),
      },
      ...(b.payload !== undefined ? { payload: b.payload } : {}),
    }));
}

const SIGNATURE_HEADER = 'x-hub-signature-256';
const signature = (payload: string) =>
  `sha256=${createHmac('sha256', API_TEST_WEBHOOK_SECRET).update(payload).digest('hex')}`;

function describeFailure(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

describe.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    it(
      'never answers 5xx; 2xx bodies match the declared schema, others are { error: { code, message } }',
      async () => {
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(request(route), async (generated) => {
            const url = generated.query ? `${generated.path}?${generated.query}` : generated.path;
            const response = await api.app.inject({
              method: route.method,
              url,
              headers: generated.headers,
              ...(generated.payload !== undefined ? { payload: generated.payload } : {}),
            });
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            const context = `${route.method} ${url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
            expect(response.statusCode, context).toBeLessThan(500);
            if (noContentStatuses(route.operation).has(response.statusCode)) {
              expect(response.body, `${context}: declared without a body`).toBe('');
              return;
            }
            const body: unknown = response.json();
            if (response.statusCode >= 200 && response.statusCode < 300) {
              const validate = validators.get(`${route.method} ${route.path} ${response.statusCode}`);
              expect(validate, `${context}: no response schema for ${response.statusCode}`).toBeDefined();
              expect(validate!(body), `${context}: ${describeFailure(validate!)}`).toBe(true);
              // The response schema strips undeclared fields: a presenter field missing from it would vanish.
              const requestId = response.headers['x-test-request-id'];
              expect(body, `${context}: serialising dropped or changed fields`).toEqual(
                JSON.parse(JSON.stringify(api.payloadOf(String(requestId)))),
              );
            } else {
              expect(errorValidator(body), `${context}: ${describeFailure(errorValidator)}`).toBe(true);
            }
          }),
          {
            numRuns: RUNS_PER_ROUTE,
            seed: process.env.LOUPE_PROPERTY_SEED ? Number(process.env.LOUPE_PROPERTY_SEED) : undefined,
          },
        );
        // A property that only ever met 4xx would prove little about the 2xx schema: the seeded ids,
        // valid values and signatures must reach a success on every route.
        expect(
          [...statuses.keys()].some((s) => s < 300),
          `statuses seen: ${JSON.stringify([...statuses])}`,
        ).toBe(true);
      },
      60_000 + RUNS_PER_ROUTE * 100,
    );
  },
);
