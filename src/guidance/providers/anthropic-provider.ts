/**
 * LlmProvider over the official `@anthropic-ai/sdk` Messages API. Structured output is one forced
 * tool call: the schema is the tool's input_schema and tool_choice names that tool, so the answer
 * arrives as the tool_use block's already-parsed `input`.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming, Tool } from '@anthropic-ai/sdk/resources/messages';
import {
  callWithDeadline,
  DEFAULT_LIMITS,
  DEFAULT_MAX_TOKENS,
  LlmError,
  parseModelJson,
  toVendorJsonSchema,
  type CompleteJsonRequest,
  type LlmProvider,
  type ProviderLimits,
} from './llm-provider.ts';

const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicProviderOptions {
  model: string;
  apiKey: string;
  /** Defaults to the SDK's https://api.anthropic.com. */
  baseURL?: string | null;
  limits?: Partial<ProviderLimits>;
}

/** Creates a provider that asks `model` for JSON through a single forced tool call. */
export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Explicit values so the SDK does not read ANTHROPIC_BASE_URL / ANTHROPIC_AUTH_TOKEN behind config.ts's back.
    authToken: null,
    baseURL: options.baseURL || ANTHROPIC_BASE_URL,
    maxRetries: limits.maxRetries,
    timeout: limits.timeoutMs,
  });
  const who = `anthropic model ${options.model}`;

  return {
    name: 'anthropic',
    model: options.model,
    async completeJson<T>(request: CompleteJsonRequest<T>): Promise<T> {
      const body = buildRequest(options.model, request);
      const message = await callWithDeadline((signal) => client.messages.create(body, { signal }), {
        who,
        timeoutMs: limits.timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      if (message.stop_reason === 'max_tokens')
        throw new LlmError('LLM_BAD_OUTPUT', `${who} ran out of tokens before finishing the tool input`);
      if (message.stop_reason === 'refusal') throw new LlmError('LLM_BAD_OUTPUT', `${who} refused to answer`);
      const call = message.content.find(
        (block) => block.type === 'tool_use' && block.name === request.schemaName,
      );
      if (!call || call.type !== 'tool_use') {
        throw new LlmError(
          'LLM_BAD_OUTPUT',
          `${who} did not call the ${request.schemaName} tool (stop_reason ${message.stop_reason ?? 'null'})`,
        );
      }
      return parseModelJson(call.input, request.schema, who);
    },
  };
}

function buildRequest<T>(model: string, request: CompleteJsonRequest<T>): MessageCreateParamsNonStreaming {
  const tool: Tool = {
    name: request.schemaName,
    description: 'Record the answer. Call this exactly once with the answer as input.',
    input_schema: toVendorJsonSchema(request.schema) as Tool.InputSchema,
  };
  return {
    model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    system: request.system,
    messages: [{ role: 'user', content: request.user }],
    tools: [tool],
    tool_choice: { type: 'tool', name: request.schemaName, disable_parallel_tool_use: true },
  };
}
