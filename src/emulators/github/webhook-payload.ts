/**
 * Webhook payloads as GitHub sends them for `issues` and `issue_comment` events (and the `ping` a
 * new hook gets): the issue and comment in their REST shapes plus `repository`, `organization`
 * (for an organisation's repository), `sender` and the action's own fields (`label`, `assignee`,
 * `milestone`, `changes`). Checked against GitHub's webhook schemas by
 * emulator.webhooks.test.ts (generated/github-openapi-subset.json, `webhooks`). Pure over the state.
 */
import type { DatasetUser } from './dataset.types.ts';
import type { EmulatorChange } from './emulator-change.ts';
import type { EmulatorState, RepoEntry } from './emulator-state.ts';
import { nodeId, renderFullRepository, renderLabel, renderSimpleUser } from './render-repository.ts';
import type { RenderUrls } from './render-repository.ts';

export interface WebhookMessage {
  event: string;
  action: string | null;
  /** owner/name of the repository the delivery is about; null for a ping. */
  repo: string | null;
  payload: Record<string, unknown>;
}

/** The organization-simple shape GitHub puts beside an organisation's repository. */
function renderOrganization(org: DatasetUser, urls: RenderUrls): Record<string, unknown> {
  const u = `${urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
  };
}

function envelope(state: EmulatorState, entry: RepoEntry, sender: string): Record<string, unknown> {
  const owner = state.user(entry.repo.owner);
  return {
    repository: renderFullRepository(entry.repo, {
      urls: state.urls,
      owner,
      openIssues: state.openIssueCount(entry),
    }),
    ...(owner.type === 'Organization' ? { organization: renderOrganization(owner, state.urls) } : {}),
    sender: renderSimpleUser(state.user(sender), state.urls),
  };
}

/** The delivery for one change, rendered from the state as it is right after the change. */
export function renderWebhook(state: EmulatorState, change: EmulatorChange): WebhookMessage {
  const entry = state.requireRepo(change.issue.repo);
  const issue = state.issueObject(change.issue);
  const tail = envelope(state, entry, change.sender);
  if (change.event === 'issue_comment') {
    const payload = {
      action: change.action,
      issue,
      comment: state.commentObject(entry, change.comment),
      ...(change.changes ? { changes: change.changes } : {}),
      ...tail,
    };
    return { event: 'issue_comment', action: change.action, repo: entry.fullName, payload };
  }
  const extra: Record<string, unknown> = {};
  if (change.changes) extra.changes = change.changes;
  if (change.label !== undefined) {
    const label = entry.labels.get(change.label.toLowerCase());
    if (label) extra.label = renderLabel(label, state.urls);
  }
  if (change.assignee !== undefined)
    extra.assignee = renderSimpleUser(state.user(change.assignee), state.urls);
  if (change.milestone !== undefined) extra.milestone = state.milestoneObject(entry, change.milestone);
  return {
    event: 'issues',
    action: change.action,
    repo: entry.fullName,
    payload: { action: change.action, issue, ...extra, ...tail },
  };
}

/** What GitHub sends a hook when it is created. */
export function renderPing(
  hook: { id: number; url: string; events: string[]; createdAt: string; hasSecret: boolean },
  urls: RenderUrls,
): WebhookMessage {
  return {
    event: 'ping',
    action: null,
    repo: null,
    payload: {
      zen: 'Keep it logically awesome.',
      hook_id: hook.id,
      hook: {
        type: 'Organization',
        id: hook.id,
        name: 'web',
        active: true,
        events: hook.events,
        config: {
          content_type: 'json',
          insecure_ssl: '0',
          url: hook.url,
          ...(hook.hasSecret ? { secret: '********' } : {}),
        },
        updated_at: hook.createdAt,
        created_at: hook.createdAt,
        url: `${urls.api}/hooks/${hook.id}`,
        ping_url: `${urls.api}/hooks/${hook.id}/pings`,
        deliveries_url: `${urls.api}/hooks/${hook.id}/deliveries`,
      },
    },
  };
}
