/**
 * Response bodies of Anthropic's Messages API for the fake server, typed with the
 * `@anthropic-ai/sdk` SDK's own Message / ErrorResponse types so they follow the real wire format.
 */
import type { ContentBlock, Message } from '@anthropic-ai/sdk/resources/messages';
import type { ErrorResponse } from '@anthropic-ai/sdk/resources/shared';
import type { ScriptedReply } from './fake-llm-server.ts';

/** A 200 message whose content is one tool_use block calling `name` with `input` (stop_reason tool_use). */
export function anthropicToolUseReply(
  name: string,
  input: unknown,
  options: { model?: string } = {},
): ScriptedReply {
  return anthropicMessageReply(
    [{ type: 'tool_use', id: 'toolu_fake_1', name, input, caller: { type: 'direct' } }],
    { stopReason: 'tool_use', ...options },
  );
}

/** A 200 message with the given content blocks. */
export function anthropicMessageReply(
  content: ContentBlock[],
  options: { model?: string; stopReason?: Message['stop_reason'] } = {},
): ScriptedReply {
  const message: Message = {
    id: 'msg_fake_1',
    type: 'message',
    role: 'assistant',
    model: options.model ?? 'claude-test',
    content,
    container: null,
    diagnostics: null,
    stop_reason: options.stopReason ?? 'end_turn',
    stop_details: null,
    stop_sequence: null,
    usage: {
      input_tokens: 120,
      output_tokens: 30,
      cache_creation: null,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null,
    },
  };
  return { status: 200, json: message };
}

/** An error reply in Anthropic's `{ type: 'error', error: { type, message } }` envelope. */
export function anthropicErrorReply(
  status: number,
  type: ErrorResponse['error']['type'],
  message: string,
  headers?: Record<string, string>,
): ScriptedReply {
  const body: ErrorResponse = {
    type: 'error',
    error: { type, message } as ErrorResponse['error'],
    request_id: 'req_fake_1',
  };
  return { status, json: body, ...(headers ? { headers } : {}) };
}
