import { LoupeError } from '../core/errors.ts';
import type { GitHubOctokit } from './github/github-client.ts';
import { createGitHubSource } from './github/github.source.ts';
import type { Source, SourceKind } from './source.ts';

export interface SourceRegistry {
  /** The source of a kind, or a clear error when Loupe is not configured for it. */
  get(kind: string): Source;
  kinds(): SourceKind[];
}

export interface SourceRegistryConfig {
  /** GitHub needs no token for public repositories, so it is always configured. */
  github: {
    clientFor: (apiUrl: string, credentials?: string | null) => GitHubOctokit;
    checkClientFor?: (apiUrl: string, credentials?: string | null) => GitHubOctokit;
    malformedRetryDelayMs?: number;
  };
}

/**
 * The sources this Loupe can read. A source is registered only when it is configured (each new
 * connector adds its entry here, from its own config), so callers never reach an unusable one.
 */
export function createSourceRegistry(config: SourceRegistryConfig): SourceRegistry {
  const sources = new Map<SourceKind, Source>();
  sources.set('github', createGitHubSource(config.github));
  return {
    get(kind) {
      const source = sources.get(kind as SourceKind);
      if (!source)
        throw new LoupeError(
          'INVALID_INPUT',
          `Loupe is not configured for the source "${kind}" (configured: ${[...sources.keys()].join(', ')})`,
        );
      return source;
    },
    kinds: () => [...sources.keys()],
  };
}
