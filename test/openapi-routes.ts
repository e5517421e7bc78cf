/**
 * The API's routes as its OpenAPI document (/api/openapi.json) lists them, for suites that must
 * cover every route, including routes added later, without listing them by hand.
 */

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  summary?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. /api/issues/{id}. */
  path: string;
  operation: OpenApiOperation;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, in document order. */
export function listRoutes(document: OpenApiDocument): ApiRoute[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase() as ApiRoute['method'],
        path,
        operation,
      })),
  );
}

/** The JSON schema of each 2xx answer an operation declares, by status code. */
export function successSchemas(operation: OpenApiOperation): Map<number, JsonSchema> {
  const out = new Map<number, JsonSchema>();
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = response.content?.['application/json']?.schema;
    if (/^2\d\d$/.test(status) && schema && Object.keys(schema).length > 0) out.set(Number(status), schema);
  }
  return out;
}

/**
 * The 2xx statuses an operation declares with no body at all (a 204 without `content`: that is how
 * OpenAPI says "no body", and a complete declaration of it).
 */
export function noContentStatuses(operation: OpenApiOperation): Set<number> {
  return new Set(
    Object.entries(operation.responses ?? {})
      .filter(([status, response]) => status === '204' && response.content === undefined)
      .map(([status]) => Number(status)),
  );
}

/** True when the operation answers a Server-Sent Events stream (text/event-stream), which never ends by itself. */
export function streamsEvents(operation: OpenApiOperation): boolean {
  return Object.values(operation.responses ?? {}).some((r) => r.content?.['text/event-stream'] !== undefined);
}

/** "GET /api/x" for each route that declares no 2xx response schema (nor a 204 without a body, nor an event stream). */
export function routesWithoutSuccessSchema(document: OpenApiDocument): string[] {
  return listRoutes(document)
    .filter(
      (r) =>
        successSchemas(r.operation).size === 0 &&
        noContentStatuses(r.operation).size === 0 &&
        !streamsEvents(r.operation),
    )
    .map((r) => `${r.method} ${r.path}`);
}
