/** The server's rule for a GitHub repository name: owner (1–39 of A-Z a-z 0-9 -) / name (1–100 of A-Z a-z 0-9 . _ -). */
export const REPO_FULL_NAME_PATTERN = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

/**
 * Accepts what people paste — "owner/name", a github.com URL, a trailing ".git" or slash — and
 * returns the "owner/name" the server expects. Validation is separate so the error can name the rule.
 */
export function normalizeRepoInput(input: string): string {
  let value = input.trim();
  value = value.replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '');
  value = value.replace(/^git@github\.com:/i, '');
  value = value.replace(/\/+$/, '').replace(/\.git$/i, '');
  return value;
}

/** Null when valid, otherwise a message saying what to fix. */
export function validateRepoFullName(fullName: string): string | null {
  if (fullName === '') return 'Enter a repository as owner/name, e.g. octocat/hello-world.';
  if (REPO_FULL_NAME_PATTERN.test(fullName)) return null;
  return 'Use owner/name: the owner has letters, digits or "-" (at most 39), the name letters, digits, ".", "_" or "-" (at most 100).';
}
