/**
 * The REST routes the emulator serves, as OpenAPI path templates. The OpenAPI subset generator
 * (scripts/generate-openapi-subset.ts) and the conformance test read this list, so adding a route
 * here is what brings it under schema validation.
 */
export interface ServedRoute {
  method: 'get';
  /** The path template exactly as in GitHub's OpenAPI description. */
  path: string;
}

export const SERVED_ROUTES: readonly ServedRoute[] = [
  { method: 'get', path: '/repos/{owner}/{repo}' },
  { method: 'get', path: '/repos/{owner}/{repo}/issues' },
  { method: 'get', path: '/repos/{owner}/{repo}/issues/{issue_number}' },
  { method: 'get', path: '/repos/{owner}/{repo}/issues/comments' },
  { method: 'get', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' },
  { method: 'get', path: '/repos/{owner}/{repo}/labels' },
  { method: 'get', path: '/orgs/{org}/repos' },
  { method: 'get', path: '/users/{username}/repos' },
  { method: 'get', path: '/user' },
  { method: 'get', path: '/rate_limit' },
];
