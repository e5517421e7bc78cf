/**
 * LlmProvider over the official `openai` SDK's chat completions with strict JSON-schema structured
 * output. Also serves OpenAI-compatible servers (Ollama, vLLM, LM Studio…) through `baseURL`.
 */
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
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

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAiProviderOptions {
  /** 'openai' for api.openai.com, 'openai-compatible' for a local or third-party server. */
  flavor: 'openai' | 'openai-compatible';
  model: string;
  /** Required by the SDK; local servers such as Ollama ignore it, so a placeholder is sent when absent. */
  apiKey?: string | null;
  /** e.g. http://localhost:11434/v1 for Ollama. Defaults to the SDK's https://api.openai.com/v1. */
  baseURL?: string | null;
  limits?: Partial<ProviderLimits>;
}

/** Creates a provider that asks `model` for JSON through `response_format: json_schema` (strict). */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const client = new OpenAI({
    apiKey: options.apiKey || 'not-needed',
    // Explicit values so the SDK does not read OPENAI_BASE_URL / OPENAI_ORG_ID / OPENAI_PROJECT_ID
    // behind config.ts's back.
    baseURL: options.baseURL || OPENAI_BASE_URL,
    organization: null,
    project: null,
    maxRetries: limits.maxRetries,
    timeout: limits.timeoutMs,
  });
  const who = `${options.flavor} model ${options.model}`;

  return {
    name: options.flavor,
    model: options.model,
    async completeJson<T>(request: CompleteJsonRequest<T>): Promise<T> {
      const body = buildRequest(options, request);
      const completion = await callWithDeadline(
        (signal) => client.chat.completions.create(body, { signal }),
        {
          who,
          timeoutMs: limits.timeoutMs,
          ...(request.signal ? { signal: request.signal } : {}),
        },
      );
      const choice = completion.choices[0];
      if (!choice) throw new LlmError('LLM_BAD_OUTPUT', `${who} returned no choices`);
      if (choice.message.refusal)
        throw new LlmError('LLM_BAD_OUTPUT', `${who} refused: ${choice.message.refusal}`);
      if (choice.finish_reason === 'length')
        throw new LlmError('LLM_BAD_OUTPUT', `${who} ran out of tokens before finishing the JSON answer`);
      if (!choice.message.content) throw new LlmError('LLM_BAD_OUTPUT', `${who} returned an empty message`);
      return parseModelJson(choice.message.content, request.schema, who);
    },
  };
}

function buildRequest<T>(
  options: OpenAiProviderOptions,
  request: CompleteJsonRequest<T>,
): ChatCompletionCreateParamsNonStreaming {
  const maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
  return {
    model: options.model,
    messages: [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: { name: request.schemaName, strict: true, schema: toVendorJsonSchema(request.schema) },
    },
    // Classification wants the most likely answer, not variety.
    temperature: 0,
    // OpenAI's newer models reject `max_tokens`; compatible servers (Ollama) only know `max_tokens`.
    ...(options.flavor === 'openai' ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens }),
  };
}
