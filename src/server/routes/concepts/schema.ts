import { z } from 'zod';
import { CONCEPT_KINDS, type ConceptKind } from '../../../core/concepts/index.ts';
import { textField } from '../common.schema.ts';

/** Enough for a large organisation's own vocabulary; the built-in taxonomy has a few hundred. */
export const MAX_EXTENSION_ENTRIES = 2000;
const MAX_LIST = 200;

const id = textField('id', { min: 1, max: 100 });
const text = textField('value', { min: 1, max: 200 });
const list = z.array(text).max(MAX_LIST);

/**
 * One extension entry: the shape only (types and sizes). Whether ids are kebab-case, parents exist,
 * aliases are unique… is checked by extendTaxonomy, which lists every problem at once. Strict, so a
 * misspelt field ("alias") is an error instead of being silently ignored.
 */
export const conceptExtensionSchema = z.strictObject({
  id,
  name: text.optional(),
  parent: id.nullable().optional(),
  kind: z.enum(CONCEPT_KINDS as readonly [ConceptKind, ...ConceptKind[]]).optional(),
  aliases: list.optional(),
  files: list.optional(),
  labels: list.optional(),
  context: z.array(id).max(MAX_LIST).optional(),
});

export const putExtensionsBodySchema = z.strictObject({
  extensions: z
    .array(conceptExtensionSchema, { message: 'extensions must be an array of concept entries' })
    .max(MAX_EXTENSION_ENTRIES, `extensions can hold at most ${MAX_EXTENSION_ENTRIES} entries`),
});

const conceptKindSchema = z
  .enum(CONCEPT_KINDS as readonly [ConceptKind, ...ConceptKind[]])
  .meta({ id: 'ConceptKind' });

/** A node of the effective taxonomy; `issueCount` counts issues tagged with exactly this concept. */
export const conceptSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    parent: z.string().nullable(),
    kind: conceptKindSchema,
    issueCount: z.number().int(),
    custom: z.boolean().describe('Added or overridden by the workspace extension'),
  })
  .meta({ id: 'Concept' });

export const conceptListResponseSchema = z.object({ concepts: z.array(conceptSummarySchema) });

/** A stored extension entry as it was saved (the shape of conceptExtensionSchema, read back). */
const storedExtensionSchema = z
  .object({
    // Required when saved (extendTaxonomy refuses entries without one); optional as the service types it.
    id: z.string().optional(),
    name: z.string().optional(),
    parent: z.string().nullable().optional(),
    kind: conceptKindSchema.optional(),
    aliases: z.array(z.string()).optional(),
    files: z.array(z.string()).optional(),
    labels: z.array(z.string()).optional(),
    context: z.array(z.string()).optional(),
  })
  .meta({ id: 'ConceptExtension' });

export const extensionsResponseSchema = z.object({
  extensions: z.array(storedExtensionSchema),
  revision: z.number().int(),
  problems: z.array(z.string()).describe('Why the stored extension cannot be applied, if so'),
});

export const savedExtensionsResponseSchema = z.object({
  extensions: z.array(storedExtensionSchema),
  revision: z.number().int(),
  concepts: z.number().int().describe('Size of the resulting taxonomy'),
});
