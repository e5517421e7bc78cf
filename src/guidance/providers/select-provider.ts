/**
 * Picks the configured LLM provider, or none. An LLM is opt-in: with LOUPE_LLM_PROVIDER unset Loupe
 * runs fully offline and this returns null.
 */
import { createAnthropicProvider } from './anthropic-provider.ts';
import { LlmConfigError, llmConfigProblems, type LlmConfig } from './llm-config.ts';
import { DEFAULT_LIMITS, type LlmProvider } from './llm-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';

export {
  LLM_PROVIDERS,
  LlmConfigError,
  llmConfigProblems,
  type LlmConfig,
  type LlmProviderName,
} from './llm-config.ts';

/**
 * The provider LOUPE_LLM_PROVIDER names, or null when none is configured. Throws LlmConfigError listing
 * every problem when the settings are incomplete (loadConfig reports the same problems at start-up).
 */
export function selectLlmProvider(
  config: LlmConfig,
  options: { maxRetries?: number } = {},
): LlmProvider | null {
  const problems = llmConfigProblems(config);
  if (problems.length > 0) throw new LlmConfigError(problems);
  const { provider, model } = config;
  if (!provider || !model) return null;
  const limits = { timeoutMs: config.timeoutMs, maxRetries: options.maxRetries ?? DEFAULT_LIMITS.maxRetries };
  if (provider === 'anthropic') {
    return createAnthropicProvider({
      model,
      apiKey: config.anthropicApiKey ?? '',
      baseURL: config.baseUrl,
      limits,
    });
  }
  const flavor = provider === 'openai' ? 'openai' : 'openai-compatible';
  return createOpenAiProvider({
    flavor,
    model,
    apiKey: config.openaiApiKey,
    baseURL: config.baseUrl,
    limits,
  });
}
