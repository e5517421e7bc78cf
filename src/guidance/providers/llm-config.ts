/**
 * The LLM settings and their validation, apart from the providers: loadConfig reads them on every
 * command, and the vendor SDKs the providers load cost a second of start-up (src/cli/main.ts).
 */

export const LLM_PROVIDERS = ['openai', 'anthropic', 'openai-compatible'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/** The LLM part of LoupeConfig (see loadConfig); raw strings so every problem can be reported. */
export interface LlmConfig {
  /** LOUPE_LLM_PROVIDER; null = no LLM. */
  provider: string | null;
  /** LOUPE_LLM_MODEL, e.g. gpt-4.1-mini, claude-haiku-4-5, llama3.1:8b. */
  model: string | null;
  /** LOUPE_LLM_BASE_URL: required for openai-compatible (Ollama: http://localhost:11434/v1). */
  baseUrl: string | null;
  openaiApiKey: string | null;
  anthropicApiKey: string | null;
  /** LOUPE_LLM_TIMEOUT_MS: deadline per request, retries included. */
  timeoutMs: number;
}

export class LlmConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid LLM configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Every problem with the LLM settings, listed together (empty when fine or when no LLM is set up). */
export function llmConfigProblems(config: LlmConfig): string[] {
  const problems: string[] = [];
  const { provider } = config;
  if (!provider) {
    if (config.model)
      problems.push(
        'LOUPE_LLM_MODEL is set but LOUPE_LLM_PROVIDER is not; set it to openai, anthropic or openai-compatible',
      );
    if (config.baseUrl) problems.push('LOUPE_LLM_BASE_URL is set but LOUPE_LLM_PROVIDER is not');
    return problems;
  }
  if (!isProviderName(provider)) {
    problems.push(`LOUPE_LLM_PROVIDER must be one of ${LLM_PROVIDERS.join(', ')} (got "${provider}")`);
    return problems;
  }
  if (!config.model)
    problems.push(`LOUPE_LLM_PROVIDER=${provider} needs LOUPE_LLM_MODEL (the model name to call)`);
  if (provider === 'openai' && !config.openaiApiKey)
    problems.push('LOUPE_LLM_PROVIDER=openai needs OPENAI_API_KEY');
  if (provider === 'anthropic' && !config.anthropicApiKey)
    problems.push('LOUPE_LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY');
  if (provider === 'openai-compatible' && !config.baseUrl) {
    problems.push(
      'LOUPE_LLM_PROVIDER=openai-compatible needs LOUPE_LLM_BASE_URL (for Ollama: http://localhost:11434/v1)',
    );
  }
  if (config.baseUrl && !/^https?:\/\/[^/]+/.test(config.baseUrl))
    problems.push(`LOUPE_LLM_BASE_URL must be an http(s) URL (got "${config.baseUrl}")`);
  if (!Number.isInteger(config.timeoutMs) || config.timeoutMs < 1000 || config.timeoutMs > 600_000) {
    problems.push(`LOUPE_LLM_TIMEOUT_MS must be an integer from 1000 to 600000 (got "${config.timeoutMs}")`);
  }
  return problems;
}

function isProviderName(value: string): value is LlmProviderName {
  return (LLM_PROVIDERS as readonly string[]).includes(value);
}
