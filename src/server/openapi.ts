import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Document = ReturnType<typeof jsonSchemaTransformObject>;
type Components = { schemas?: Record<string, unknown> };

/**
 * Drops components nothing refers to. fastify-type-provider-zod emits every schema with a
 * `.meta({ id })` twice, as read (`RepoInput`) and as written (`Repo`); the API only ever writes
 * those, so the input copies are noise in the document and in the types generated from it.
 */
export function pruneUnusedComponents(document: Document): Document {
  if (!('components' in document)) return document;
  const components = document.components as Components | undefined;
  const schemas = components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
        const name = child.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(child);
      }
    }
  };
  visit(document.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...components, schemas: kept } } as Document;
}

/** @fastify/swagger options of the API: OpenAPI 3.0 from the routes' zod schemas. */
export function swaggerOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info: { title: 'Loupe API', version, description: 'Issue intelligence: repositories, issues, search.' },
    },
    transform: jsonSchemaTransform,
    // Schemas with a `.meta({ id })` become components (#/components/schemas/Repo …) that the web
    // client's generated types name.
    transformObject: (document) => pruneUnusedComponents(jsonSchemaTransformObject(document)),
  };
}
