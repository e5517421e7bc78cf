/**
 * Writes generated/github-openapi-subset.json from GitHub's official OpenAPI description
 * (api.github.com, from the @octokit/openapi package): for every route the GitHub emulator serves,
 * its success status, the JSON schema of that response (none for a 204) and of the request body
 * (writes), the schema of every webhook payload it sends, and every component schema they reference.
 *
 *   npx tsx scripts/generate-openapi-subset.ts           # (re)write the file
 *   npx tsx scripts/generate-openapi-subset.ts --check   # exit 1 if the committed file is stale
 *   ... --openapi-dir DIR                                # read @octokit/openapi from DIR
 *
 * @octokit/openapi is large (~385 MB) and not a dependency: install it ad hoc
 * (`npm install --no-save @octokit/openapi@23`), or install it anywhere else
 * (`cd /tmp/octo && npm init -y && npm install @octokit/openapi@23`) and point at its package
 * folder with --openapi-dir or OCTOKIT_OPENAPI_DIR (/tmp/octo/node_modules/@octokit/openapi).
 * Only annotations (description, example, x-* vendor keys) are dropped; every validation keyword
 * is kept as GitHub wrote it (OpenAPI 3.0: `nullable`, `discriminator`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVED_ROUTES, SERVED_WEBHOOKS, routeKey } from '../src/emulators/github/served-routes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.join(ROOT, 'generated', 'github-openapi-subset.json');
const SCRIPT = 'scripts/generate-openapi-subset.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function packageDir(argv: string[]): string {
  const flag = argv.indexOf('--openapi-dir');
  const fromFlag = flag >= 0 ? argv[flag + 1] : undefined;
  if (flag >= 0 && !fromFlag) {
    console.error('generate-openapi-subset: --openapi-dir needs the folder of the @octokit/openapi package');
    process.exit(2);
  }
  const fromEnv = fromFlag ?? process.env.OCTOKIT_OPENAPI_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  try {
    return path.dirname(
      createRequire(path.join(ROOT, 'package.json')).resolve('@octokit/openapi/package.json'),
    );
  } catch {
    console.error(
      'generate-openapi-subset: @octokit/openapi is not installed.\n' +
        'Install it without saving (npm install --no-save @octokit/openapi@23), or pass --openapi-dir (or set OCTOKIT_OPENAPI_DIR) to its package folder.',
    );
    process.exit(2);
  }
}

const ANNOTATIONS = new Set(['description', 'example', 'examples', 'externalDocs']);
const SCHEMA_MAPS = ['properties', 'patternProperties'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_SINGLE = ['items', 'additionalProperties', 'not'];

/** A copy of a schema without annotations; recurses only where schemas nest, so a property
 *  that happens to be called "description" is kept. */
function stripSchema(schema: Json, refs: Set<string>): Json {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') refs.add(value);
    if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripSchema(v, refs)]));
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => stripSchema(v, refs));
    } else if (SCHEMA_SINGLE.includes(key)) {
      out[key] = stripSchema(value, refs);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function componentName(ref: string): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

type Operation = { responses?: JsonObject; requestBody?: JsonObject };

function jsonSchemaOf(content: Json | undefined): Json | undefined {
  return ((content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema;
}

/** The first 2xx answer of an operation: its status and JSON schema (none for 204 No Content). */
function successOf(op: Operation, key: string): { status: number; schema: Json | undefined } {
  const code = Object.keys(op.responses ?? {}).find((c) => /^2\d\d$/.test(c));
  if (code === undefined) throw new Error(`No 2xx response for ${key}`);
  const schema = jsonSchemaOf(((op.responses as JsonObject)[code] as JsonObject).content);
  if (schema === undefined && code !== '204')
    throw new Error(`No application/json schema for the ${code} of ${key}`);
  return { status: Number(code), schema };
}

/** The subset document, deterministic for a given package version. */
export function buildSubset(spec: JsonObject, pkgVersion: string): JsonObject {
  const paths = spec.paths as JsonObject;
  const schemas = (spec.components as JsonObject).schemas as JsonObject;
  const routes: JsonObject = {};
  const statuses: JsonObject = {};
  const requestBodies: JsonObject = {};
  const pending = new Set<string>();
  for (const route of SERVED_ROUTES) {
    const key = routeKey(route);
    const op = (paths[route.path] as JsonObject | undefined)?.[route.method] as Operation | undefined;
    if (op === undefined) throw new Error(`No operation ${key} in the description`);
    const success = successOf(op, key);
    statuses[key] = success.status;
    if (success.schema !== undefined) routes[key] = stripSchema(success.schema, pending);
    const body = jsonSchemaOf((op.requestBody as JsonObject | undefined)?.content);
    if (body !== undefined) requestBodies[key] = stripSchema(body, pending);
  }
  // x-webhooks names a delivery "issues-opened"; its payload schema is a component.
  const hooks = spec['x-webhooks'] as JsonObject;
  const webhooks: JsonObject = {};
  for (const name of SERVED_WEBHOOKS) {
    const hook = (hooks[name.replace(/\./g, '-').replace(/_/g, '-')] as JsonObject | undefined)?.post as
      Operation | undefined;
    const schema = jsonSchemaOf((hook?.requestBody as JsonObject | undefined)?.content);
    if (schema === undefined) throw new Error(`No payload schema for the webhook ${name}`);
    webhooks[name] = stripSchema(schema, pending);
  }
  const components: JsonObject = {};
  while (pending.size > 0) {
    const [ref] = pending;
    pending.delete(ref as string);
    const name = componentName(ref as string);
    if (name in components) continue;
    if (!(name in schemas)) throw new Error(`Missing component schema ${name}`);
    components[name] = stripSchema(schemas[name] as Json, pending);
  }
  const sorted = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((k) => [k, components[k] as Json]),
  );
  const info = spec.info as JsonObject;
  return {
    $comment: `Generated by ${SCRIPT} from @octokit/openapi ${pkgVersion} (api.github.com description). Do not edit by hand: run npx tsx ${SCRIPT}.`,
    source: {
      package: '@octokit/openapi',
      version: pkgVersion,
      description: 'api.github.com',
      openapi: spec.openapi as string,
      apiVersion: info.version as string,
    },
    routes,
    statuses,
    requestBodies,
    webhooks,
    components: { schemas: sorted },
  };
}

function main(): void {
  const dir = packageDir(process.argv);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  const spec = JSON.parse(
    readFileSync(path.join(dir, 'generated', 'api.github.com.json'), 'utf8'),
  ) as JsonObject;
  const text = `${JSON.stringify(buildSubset(spec, pkg.version), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      console.error(
        `generated/github-openapi-subset.json is out of date with @octokit/openapi ${pkg.version}.\nRegenerate it: npx tsx ${SCRIPT}`,
      );
      process.exit(1);
    }
    console.log(`generated/github-openapi-subset.json is up to date (@octokit/openapi ${pkg.version}).`);
    return;
  }
  writeFileSync(OUTPUT, text);
  console.log(
    `Wrote generated/github-openapi-subset.json (${Buffer.byteLength(text)} bytes, @octokit/openapi ${pkg.version}).`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
