import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from './anthropic-provider.ts';
import {
  anthropicErrorReply,
  anthropicMessageReply,
  anthropicToolUseReply,
} from './testing/anthropic-wire.ts';
import { colourRequest, expectLlmError } from './testing/provider-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from './testing/fake-llm-server.ts';

const request = colourRequest;

let server: FakeLlmServer;
beforeEach(async () => {
  // The SDK appends /v1/messages to its baseURL.
  server = await startFakeLlmServer({ path: '/v1/messages' });
});
afterEach(async () => {
  expect(server.unexpected).toEqual([]);
  await server.close();
});

function provider(options: { timeoutMs?: number; maxRetries?: number } = {}) {
  return createAnthropicProvider({
    model: 'claude-test',
    apiKey: 'sk-ant-test',
    baseURL: server.origin,
    limits: { timeoutMs: options.timeoutMs ?? 5000, maxRetries: options.maxRetries ?? 2 },
  });
}

describe('createAnthropicProvider', () => {
  it('forces one tool call whose input_schema is the schema and returns the validated input', async () => {
    server.reply(anthropicToolUseReply('pick_colour', { colour: 'blue', score: 0.8 }));
    await expect(provider().completeJson(request)).resolves.toEqual({ colour: 'blue', score: 0.8 });

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    // SDK 1.x sends the key as a Bearer token; older ones used x-api-key. Either reaches the API.
    expect([sent.headers.authorization, sent.headers['x-api-key']]).toContain(
      sent.headers.authorization ? 'Bearer sk-ant-test' : 'sk-ant-test',
    );
    expect(sent.headers['anthropic-version']).toBeTruthy();
    expect(sent.body).toMatchObject({
      model: 'claude-test',
      max_tokens: 1024,
      system: 'Pick a colour.',
      messages: [{ role: 'user', content: 'The sky at noon.' }],
      tool_choice: { type: 'tool', name: 'pick_colour', disable_parallel_tool_use: true },
      tools: [
        {
          name: 'pick_colour',
          input_schema: {
            type: 'object',
            required: ['colour', 'score'],
            properties: { colour: { enum: ['red', 'blue'] } },
          },
        },
      ],
    });
  });

  it('rejects tool input outside the schema with LLM_BAD_OUTPUT', async () => {
    server.reply(anthropicToolUseReply('pick_colour', { colour: 'blue', score: 7 }));
    const error = await expectLlmError(provider().completeJson(request));
    expect(error.code).toBe('LLM_BAD_OUTPUT');
    expect(error.message).toMatch(/score/);
  });

  it('rejects a text answer without the tool call with LLM_BAD_OUTPUT', async () => {
    server.reply(anthropicMessageReply([{ type: 'text', text: '{"colour":"blue"}', citations: null }]));
    const error = await expectLlmError(provider().completeJson(request));
    expect(error.code).toBe('LLM_BAD_OUTPUT');
    expect(error.message).toMatch(/did not call the pick_colour tool/);
  });

  it('rejects a malformed response body with LLM_BAD_OUTPUT', async () => {
    server.reply({
      status: 200,
      raw: '{"id":"msg_1","type":"message","content":[{"type":"tool_use","name":"pick_col',
    });
    const error = await expectLlmError(provider({ maxRetries: 0 }).completeJson(request));
    expect(error.code).toBe('LLM_BAD_OUTPUT');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('maps 401 to LLM_AUTH without retrying', async () => {
    server.reply(anthropicErrorReply(401, 'authentication_error', 'invalid x-api-key'));
    const error = await expectLlmError(provider().completeJson(request));
    expect(error.code).toBe('LLM_AUTH');
    expect(error.message).toMatch(/ANTHROPIC_API_KEY/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 429 at most maxRetries times, then reports LLM_UNAVAILABLE', async () => {
    server.reply(
      anthropicErrorReply(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit', {
        'retry-after-ms': '10',
      }),
    );
    const error = await expectLlmError(provider({ maxRetries: 1 }).completeJson(request));
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on a slow server at the deadline with LLM_UNAVAILABLE', async () => {
    server.reply({ ...anthropicToolUseReply('pick_colour', { colour: 'red', score: 1 }), delayMs: 10_000 });
    const error = await expectLlmError(provider({ timeoutMs: 300 }).completeJson(request));
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(error.message).toMatch(/within 300 ms/);
  });

  it('stops when the caller aborts', async () => {
    server.reply({ ...anthropicToolUseReply('pick_colour', { colour: 'red', score: 1 }), delayMs: 10_000 });
    const controller = new AbortController();
    const pending = provider().completeJson({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await expectLlmError(pending);
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(error.message).toMatch(/cancelled/);
  });
});
