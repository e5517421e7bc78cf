/**
 * A failure the user can act on. `code` is stable (clients and tests match on it); the message says
 * what to check. Only server/http-errors.ts turns these into HTTP statuses.
 */
export class LoupeError extends Error {
  constructor(
    readonly code: LoupeErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'LoupeError';
  }
}

export type LoupeErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_TOKEN_INVALID'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'SOURCE_UNAVAILABLE'
  | 'SOURCE_AUTH_FAILED'
  /** The source knows the container but these credentials may not read it (a 403 that is no rate limit). */
  | 'SOURCE_ACCESS_DENIED'
  /** The source's API could not be reached at all (DNS failure, connection refused, timeout). */
  | 'SOURCE_UNREACHABLE'
  | 'RATE_LIMITED'
  | 'SYNC_FAILED'
  | 'JOB_NOT_RETRYABLE'
  /** The git command line is not installed or cannot run (repository clones need it). */
  | 'GIT_UNAVAILABLE'
  /** git could not clone or fetch a repository (URL, path or network). */
  | 'CLONE_FAILED'
  | 'WEBHOOKS_DISABLED'
  | 'WEBHOOK_SIGNATURE_MISSING'
  | 'WEBHOOK_SIGNATURE_INVALID';

/** "owner/name" as GitHub allows it. */
export const REPO_FULL_NAME = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

export function parseRepoFullName(input: string): { owner: string; name: string } {
  const trimmed = input
    .trim()
    .replace(/^https?:\/\/github\.com\//, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
  if (!REPO_FULL_NAME.test(trimmed)) {
    throw new LoupeError(
      'INVALID_INPUT',
      `"${input}" is not a repository name: expected owner/name, e.g. octocat/hello-world`,
    );
  }
  const [owner, name] = trimmed.split('/') as [string, string];
  return { owner, name };
}
