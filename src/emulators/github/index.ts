/**
 * Loupe's bundled GitHub REST API emulator: serves an emulated organisation with api.github.com's
 * payload shapes, pagination, ETags, rate limits and scripted faults; takes writes, delivers signed
 * webhooks and signs users in through OAuth. See README.md.
 */
export { startGitHubEmulator, weakEtag } from './emulator.server.ts';
export type { GitHubEmulator, GitHubEmulatorOptions, RequestLogEntry } from './emulator.server.ts';
export type { FaultRule, FaultMatch, FaultKind } from './fault-injector.ts';
export type { LiveFaultRule } from './fault-injector.ts';
export { FAULT_KINDS, DEFAULT_FAULT_SEED } from './fault-injector.ts';
export { parseFaultSpec } from './fault-spec.parse.ts';
export type { FaultRulesResult } from './fault-rule.schema.ts';
export type { StateSnapshot, RepoSnapshot, IssueSnapshot, CommentSnapshot } from './state-snapshot.ts';
export type { IssuePatch, NewComment, NewIssue } from './emulator-mutations.ts';
export type { EmulatorChange, IssueAction, CommentAction } from './emulator-change.ts';
export type { ContentLimits } from './content-limiter.ts';
export { GITHUB_CONTENT_LIMITS } from './content-limiter.ts';
export type { OAuthOptions, OAuthConfig } from './oauth.routes.ts';
export type { WebhookConfig, WebhookDelivery, WebhookRetryOptions } from './webhook-deliverer.ts';
export { signWebhookBody } from './webhook-deliverer.ts';
export type * from './dataset.types.ts';
export { loadEmulatorDataset, checkEmulatorDataset } from './load-emulator-dataset.ts';
export { generateDemoDataset, DEMO_ORG } from './demo-dataset.generator.ts';
export type { DemoDatasetOptions } from './demo-dataset.generator.ts';
export { startFixtureReplayServer } from './fixture-replay.server.ts';
export type { FixtureReplayServer, RecordedRequest } from './fixture-replay.server.ts';
export { SERVED_ROUTES, SERVED_WEBHOOKS, routeKey } from './served-routes.ts';
