/**
 * The REST routes the emulator serves and the webhook payloads it sends, as GitHub's OpenAPI
 * description names them. The OpenAPI subset generator (scripts/generate-openapi-subset.ts) and the
 * conformance tests read these lists, so adding a route or an event here is what brings it under
 * schema validation.
 */
export type ServedMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ServedRoute {
  method: ServedMethod;
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
  // Writes (emulator-write.routes.ts).
  { method: 'post', path: '/repos/{owner}/{repo}/issues' },
  { method: 'patch', path: '/repos/{owner}/{repo}/issues/{issue_number}' },
  { method: 'post', path: '/repos/{owner}/{repo}/issues/{issue_number}/labels' },
  { method: 'delete', path: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}' },
  { method: 'post', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' },
  { method: 'patch', path: '/repos/{owner}/{repo}/issues/comments/{comment_id}' },
  { method: 'delete', path: '/repos/{owner}/{repo}/issues/comments/{comment_id}' },
  { method: 'put', path: '/repos/{owner}/{repo}/issues/{issue_number}/lock' },
  { method: 'delete', path: '/repos/{owner}/{repo}/issues/{issue_number}/lock' },
];

/** "METHOD /path/{template}", the key of a route in the subset document. */
export function routeKey(route: ServedRoute): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** The webhook deliveries the emulator sends, as `event.action` (webhook-payload.ts); a new hook gets a `ping`. */
export const SERVED_WEBHOOKS = [
  'ping',
  'issues.opened',
  'issues.edited',
  'issues.closed',
  'issues.reopened',
  'issues.labeled',
  'issues.unlabeled',
  'issues.assigned',
  'issues.unassigned',
  'issues.milestoned',
  'issues.demilestoned',
  'issues.locked',
  'issues.unlocked',
  'issues.deleted',
  'issue_comment.created',
  'issue_comment.edited',
  'issue_comment.deleted',
] as const;

export type ServedWebhook = (typeof SERVED_WEBHOOKS)[number];
