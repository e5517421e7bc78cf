import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LlmConfigError, llmConfigProblems, selectLlmProvider, type LlmConfig } from './select-provider.ts';
import { startFakeLlmServer, type FakeLlmServer } from './testing/fake-llm-server.ts';
import { openAiCompletionReply } from './testing/openai-wire.ts';

const none: LlmConfig = {
  provider: null,
  model: null,
  baseUrl: null,
  openaiApiKey: null,
  anthropicApiKey: null,
  timeoutMs: 30_000,
};

function problemsOf(config: Partial<LlmConfig>): string[] {
  try {
    selectLlmProvider({ ...none, ...config });
  } catch (error) {
    expect(error).toBeInstanceOf(LlmConfigError);
    return (error as LlmConfigError).problems;
  }
  return [];
}

describe('selectLlmProvider', () => {
  let server: FakeLlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns null when no provider is configured: the offline model is the default', () => {
    expect(selectLlmProvider(none)).toBeNull();
    expect(llmConfigProblems(none)).toEqual([]);
  });

  it('lists every problem together', () => {
    const problems = problemsOf({ provider: 'anthropic', baseUrl: 'localhost:8080', timeoutMs: 5 });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/LOUPE_LLM_MODEL/);
    expect(problems.join('\n')).toMatch(/ANTHROPIC_API_KEY/);
    expect(problems.join('\n')).toMatch(/LOUPE_LLM_BASE_URL must be an http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/LOUPE_LLM_TIMEOUT_MS/);
  });

  it('names what each provider needs', () => {
    expect(problemsOf({ provider: 'openai', model: 'gpt-4.1-mini' })).toEqual([
      'LOUPE_LLM_PROVIDER=openai needs OPENAI_API_KEY',
    ]);
    expect(problemsOf({ provider: 'openai-compatible', model: 'llama3.1:8b' })[0]).toMatch(
      /needs LOUPE_LLM_BASE_URL/,
    );
    expect(problemsOf({ provider: 'gemini', model: 'x' })[0]).toMatch(
      /must be one of openai, anthropic, openai-compatible/,
    );
    expect(problemsOf({ model: 'gpt-4.1-mini' })[0]).toMatch(
      /LOUPE_LLM_MODEL is set but LOUPE_LLM_PROVIDER is not/,
    );
  });

  it('builds the named provider', () => {
    const anthropic = selectLlmProvider({
      ...none,
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      anthropicApiKey: 'k',
    });
    expect(anthropic).toMatchObject({ name: 'anthropic', model: 'claude-haiku-4-5' });
    const openai = selectLlmProvider({
      ...none,
      provider: 'openai',
      model: 'gpt-4.1-mini',
      openaiApiKey: 'k',
    });
    expect(openai).toMatchObject({ name: 'openai', model: 'gpt-4.1-mini' });
  });

  it('points an openai-compatible provider at LOUPE_LLM_BASE_URL without needing a key', async () => {
    server = await startFakeLlmServer({ path: '/v1/chat/completions' });
    server.reply(openAiCompletionReply('{"ok":true}'));
    const provider = selectLlmProvider({
      ...none,
      provider: 'openai-compatible',
      model: 'llama3.1:8b',
      baseUrl: `${server.origin}/v1`,
      timeoutMs: 5000,
    });
    expect(provider).not.toBeNull();
    await expect(
      provider!.completeJson({
        system: 's',
        user: 'u',
        schema: z.object({ ok: z.boolean() }),
        schemaName: 'ok',
      }),
    ).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    expect(server.unexpected).toEqual([]);
  });
});
