import { expect } from 'vitest';
import { z } from 'zod';
import { LlmError } from '../llm-provider.ts';

/** The structured request both providers' tests send: a tiny schema the fake servers answer. */
export const colourAnswer = z.object({ colour: z.enum(['red', 'blue']), score: z.number().min(0).max(1) });
export const colourRequest = {
  system: 'Pick a colour.',
  user: 'The sky at noon.',
  schema: colourAnswer,
  schemaName: 'pick_colour',
};

/** Awaits a call that must fail with an LlmError, and returns that error for its code and message. */
export async function expectLlmError(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}
