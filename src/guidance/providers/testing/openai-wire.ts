/**
 * Response bodies of OpenAI's chat completions API for the fake server, typed with the `openai`
 * SDK's own ChatCompletion / ErrorObject types so they follow the real wire format.
 */
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { ErrorObject } from 'openai/resources/shared';
import type { ScriptedReply } from './fake-llm-server.ts';

/** A 200 chat.completion whose assistant message content is `content` (the JSON text for structured output). */
export function openAiCompletionReply(
  content: string | null,
  options: { model?: string; finishReason?: ChatCompletion.Choice['finish_reason']; refusal?: string } = {},
): ScriptedReply {
  const completion: ChatCompletion = {
    id: 'chatcmpl-fake-1',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: options.model ?? 'gpt-test',
    choices: [
      {
        index: 0,
        finish_reason: options.finishReason ?? 'stop',
        logprobs: null,
        message: { role: 'assistant', content, refusal: options.refusal ?? null },
      },
    ],
    usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
  };
  return { status: 200, json: completion };
}

/** An error reply in OpenAI's `{ error: { message, type, param, code } }` envelope. */
export function openAiErrorReply(
  status: number,
  error: Partial<ErrorObject> & { message: string },
  headers?: Record<string, string>,
): ScriptedReply {
  const body: { error: ErrorObject } = {
    error: { type: 'invalid_request_error', param: null, code: null, ...error },
  };
  return { status, json: body, ...(headers ? { headers } : {}) };
}
