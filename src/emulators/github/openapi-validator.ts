/**
 * Turns the committed OpenAPI 3.0 subset (generated/github-openapi-subset.json) into Ajv
 * validators. OpenAPI's `nullable: true` becomes a JSON Schema type union (or `anyOf … null`);
 * `discriminator` is dropped because it only names which `oneOf` branch applies — the `oneOf`
 * itself is still enforced. Nothing else is relaxed and Ajv runs in strict mode.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = { [key: string]: unknown };

const SUBSET_ID = 'https://loupe.invalid/github-openapi-subset.json';

/** OpenAPI 3.0 schema → JSON Schema draft-07, refs pointed at the shared definitions. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const src = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === 'nullable' || key === 'discriminator') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${SUBSET_ID}#/definitions/`);
    } else if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (key === 'enum' || key === 'required' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (src.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

export interface SubsetDocument {
  /** Success-response schemas by "METHOD /path/{template}" (a 204 route has none). */
  routes: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
}

/** The committed subset as generate-openapi-subset.ts writes it. */
export interface GitHubSubsetDocument extends SubsetDocument {
  /** Each served route's success status (200, 201, 204). */
  statuses: Record<string, number>;
  /** Request-body schemas of the write routes. */
  requestBodies: Record<string, unknown>;
  /** Webhook payload schemas by "event.action". */
  webhooks: Record<string, unknown>;
}

function newAjv(components: Record<string, unknown>): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  // ajv-formats is CommonJS; its default export arrives wrapped under ESM.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    a: Ajv,
  ) => Ajv;
  addFormats(ajv);
  const definitions = Object.fromEntries(Object.entries(components).map(([k, v]) => [k, toJsonSchema(v)]));
  ajv.addSchema({ $id: SUBSET_ID, definitions });
  return ajv;
}

function compileAll(ajv: Ajv, schemas: Record<string, unknown>): Map<string, ValidateFunction> {
  const out = new Map<string, ValidateFunction>();
  for (const [key, schema] of Object.entries(schemas))
    out.set(key, ajv.compile(toJsonSchema(schema) as Schema));
  return out;
}

/** One compiled validator per "GET /path/{template}" key of the subset. */
export function compileRouteValidators(subset: SubsetDocument): Map<string, ValidateFunction> {
  return compileAll(newAjv(subset.components.schemas), subset.routes);
}

/** Validators for everything the subset describes: responses, request bodies and webhook payloads. */
export function compileSubsetValidators(subset: GitHubSubsetDocument): {
  responses: Map<string, ValidateFunction>;
  requests: Map<string, ValidateFunction>;
  webhooks: Map<string, ValidateFunction>;
} {
  const ajv = newAjv(subset.components.schemas);
  return {
    responses: compileAll(ajv, subset.routes),
    requests: compileAll(ajv, subset.requestBodies),
    webhooks: compileAll(ajv, subset.webhooks),
  };
}
