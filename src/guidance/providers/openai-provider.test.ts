import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiProvider } from './openai-provider.ts';
import { colourRequest, expectLlmError } from './testing/provider-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from './testing/fake-llm-server.ts';
import { openAiCompletionReply, openAiErrorReply } from './testing/openai-wire.ts';

const request = colourRequest;

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer({ path: '/v1/chat/completions' });
});
afterEach(async () => {
  expect(server.unexpected).toEqual([]);
  await server.close();
});

function provider(
  options: { flavor?: 'openai' | 'openai-compatible'; timeoutMs?: number; maxRetries?: number } = {},
) {
  return createOpenAiProvider({
    flavor: options.flavor ?? 'openai',
    model: 'gpt-test',
    apiKey: 'sk-test',
    baseURL: `${server.origin}/v1`,
    limits: { timeoutMs: options.timeoutMs ?? 5000, maxRetries: options.maxRetries ?? 2 },
  });
}

describe('createOpenAiProvider', () => {
  it('sends a strict json_schema response_format and returns the validated JSON', async () => {
    server.reply(openAiCompletionReply('{"colour":"blue","score":0.9}'));
    await expect(provider().completeJson(request)).resolves.toEqual({ colour: 'blue', score: 0.9 });

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body).toMatchObject({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Pick a colour.' },
        { role: 'user', content: 'The sky at noon.' },
      ],
      max_completion_tokens: 1024,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'pick_colour',
          strict: true,
          schema: {
            type: 'object',
            required: ['colour', 'score'],
            additionalProperties: false,
            properties: { colour: { enum: ['red', 'blue'] } },
          },
        },
      },
    });
    expect(sent.body).not.toHaveProperty('response_format.json_schema.schema.$schema');
  });

  it('sends max_tokens (which Ollama understands) for an OpenAI-compatible server, and works without an API key', async () => {
    server.reply(openAiCompletionReply('{"colour":"red","score":0.5}'));
    const local = createOpenAiProvider({
      flavor: 'openai-compatible',
      model: 'llama3.1:8b',
      baseURL: `${server.origin}/v1`,
      limits: { timeoutMs: 5000 },
    });
    await expect(local.completeJson(request)).resolves.toEqual({ colour: 'red', score: 0.5 });
    expect(local.name).toBe('openai-compatible');
    expect(server.requests[0]!.body).toMatchObject({ model: 'llama3.1:8b', max_tokens: 1024 });
    expect(server.requests[0]!.body).not.toHaveProperty('max_completion_tokens');
  });

  it('rejects text that is not JSON with LLM_BAD_OUTPUT', async () => {
    server.reply(openAiCompletionReply('Sure! The colour is {blue'));
    const error = await expectLlmError(provider().completeJson(request));
    expect(error.code).toBe('LLM_BAD_OUTPUT');
    expect(error.message).toMatch(/not JSON/);
  });

  it('rejects JSON outside the schema with LLM_BAD_OUTPUT naming the field', async () => {
    server.reply(openAiCompletionReply('{"colour":"green","score":0.9}'));
    const error = await expectLlmError(provider().completeJson(request));
    expect(error.code).toBe('LLM_BAD_OUTPUT');
    expect(error.message).toMatch(/colour/);
  });

  it('rejects a malformed response body with LLM_BAD_OUTPUT', async () => {
    server.reply({
      status: 200,
      raw: '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"message":{"content":"{\\"col',
    });
    const error = await expectLlmError(provider({ maxRetries: 0 }).completeJson(request));
    expect(error.code).toBe('LLM_BAD_OUTPUT');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('treats a refusal and a truncated answer as LLM_BAD_OUTPUT', async () => {
    server.reply(
      openAiCompletionReply(null, { refusal: 'I cannot help with that.' }),
      openAiCompletionReply('{"colour":"bl', { finishReason: 'length' }),
    );
    expect((await expectLlmError(provider().completeJson(request))).message).toMatch(/refused/);
    expect((await expectLlmError(provider().completeJson(request))).message).toMatch(/ran out of tokens/);
  });

  it('maps 401 to LLM_AUTH without retrying', async () => {
    server.reply(
      openAiErrorReply(401, {
        message: 'Incorrect API key provided',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      }),
    );
    const error = await expectLlmError(provider().completeJson(request));
    expect(error.code).toBe('LLM_AUTH');
    expect(error.message).toMatch(/OPENAI_API_KEY/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 429 at most maxRetries times, then reports LLM_UNAVAILABLE', async () => {
    server.reply(
      openAiErrorReply(
        429,
        { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
        { 'retry-after-ms': '10' },
      ),
    );
    const error = await expectLlmError(provider({ maxRetries: 2 }).completeJson(request));
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(error.message).toMatch(/429/);
    expect(server.requests).toHaveLength(3);
  });

  it('succeeds when a 429 is followed by an answer', async () => {
    server.reply(
      openAiErrorReply(429, { message: 'Rate limit reached' }, { 'retry-after-ms': '10' }),
      openAiCompletionReply('{"colour":"red","score":1}'),
    );
    await expect(provider().completeJson(request)).resolves.toEqual({ colour: 'red', score: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on a slow server at the deadline with LLM_UNAVAILABLE', async () => {
    server.reply({ ...openAiCompletionReply('{"colour":"red","score":1}'), delayMs: 10_000 });
    const started = Date.now();
    const error = await expectLlmError(provider({ timeoutMs: 300 }).completeJson(request));
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(error.message).toMatch(/within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports an unreachable server as LLM_UNAVAILABLE', async () => {
    const gone = createOpenAiProvider({
      flavor: 'openai-compatible',
      model: 'm',
      baseURL: 'http://127.0.0.1:9/v1',
      limits: { timeoutMs: 3000, maxRetries: 0 },
    });
    const error = await expectLlmError(gone.completeJson(request));
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(error.message).toMatch(/could not be reached/);
  });
});
