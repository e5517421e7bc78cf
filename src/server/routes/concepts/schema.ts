import { z } from 'zod';
import { CONCEPT_KINDS, type ConceptKind } from '../../../core/concepts/index.ts';

/** Enough for a large organisation's own vocabulary; the built-in taxonomy has a few hundred. */
export const MAX_EXTENSION_ENTRIES = 2000;
const MAX_LIST = 200;

const id = z.string().min(1).max(100);
const text = z.string().min(1).max(200);
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
  extensions: z.array(conceptExtensionSchema, { message: 'extensions must be an array of concept entries' })
    .max(MAX_EXTENSION_ENTRIES, `extensions can hold at most ${MAX_EXTENSION_ENTRIES} entries`),
});
