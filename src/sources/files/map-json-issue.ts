/**
 * Maps one parsed JSON Lines value to an IssueRecord. Accepts GitHub REST issue objects as the API
 * returns them and simpler objects such as {id, title, body, label, repo}.
 */
import { RecordProblem } from './file-errors.ts';
import { normaliseTimestamp, type IssueRecord } from './issue-record.ts';

export const JSONL_EXPECTED = 'one GitHub issue object per line';

type Json = Record<string, unknown>;

/** Throws RecordProblem when the value is not an object with a string title. */
export function mapJsonIssue(value: unknown, at: { line: number; ordinal: number }): IssueRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordProblem(`found ${describe(value)} instead of an object`, JSONL_EXPECTED);
  }
  const o = value as Json;
  const title = o.title ?? o.summary;
  if (typeof title !== 'string') {
    throw new RecordProblem(
      o.title === undefined ? 'the object has no "title"' : `"title" is ${describe(o.title)}, not a string`,
      `${JSONL_EXPECTED} with a "title" string`,
    );
  }
  const label = stringOrNull(o.label);
  const labels = labelNames(o.labels);
  if (label !== null && !labels.includes(label)) labels.unshift(label);
  const record: IssueRecord = {
    id: idOf(o) ?? String(at.ordinal),
    repo: repoOf(o),
    title,
    body: stringOrNull(o.body ?? o.description) ?? '',
    label,
    labels,
    createdAt: normaliseTimestamp(stringOrNull(o.created_at ?? o.createdAt)),
    line: at.line,
  };
  addGitHubFields(o, record);
  return record;
}

function addGitHubFields(o: Json, record: IssueRecord): void {
  const state = stringOrNull(o.state)?.toLowerCase();
  if (o.state !== undefined) record.state = state === 'open' || state === 'closed' ? state : null;
  if ('state_reason' in o || 'stateReason' in o)
    record.stateReason = stringOrNull(o.state_reason ?? o.stateReason);
  // The REST API marks a pull request by a non-null pull_request member and omits it on issues.
  const fromGitHub = typeof o.repository_url === 'string' || typeof o.html_url === 'string';
  if ('pull_request' in o || fromGitHub) {
    record.isPullRequest = o.pull_request != null || /\/pull\/\d+/.test(String(o.html_url ?? ''));
    const pull = o.pull_request as Json | null | undefined;
    if (pull && 'merged_at' in pull) record.mergedAt = normaliseTimestamp(stringOrNull(pull.merged_at));
  } else if (typeof o.isPullRequest === 'boolean') record.isPullRequest = o.isPullRequest;
  if (typeof o.comments === 'number') record.commentsCount = o.comments;
  const reactions = (o.reactions as Json | null | undefined)?.total_count;
  if (typeof reactions === 'number') record.reactionsCount = reactions;
  if ('author_association' in o) record.authorAssociation = stringOrNull(o.author_association);
  if (Array.isArray(o.assignees)) record.assigneesCount = o.assignees.length;
  if ('milestone' in o) record.milestone = milestoneTitle(o.milestone);
  if ('duplicate_of' in o || 'duplicateOf' in o) record.duplicateOf = idText(o.duplicate_of ?? o.duplicateOf);
  if ('resolution' in o) record.resolution = stringOrNull(o.resolution);
}

/** GitHub's `number` is what people and duplicate links cite; the global `id` is the fallback. */
function idOf(o: Json): string | null {
  return idText(o.number) ?? idText(o.id) ?? idText(o.key);
}

function repoOf(o: Json): string | null {
  if (typeof o.repo === 'string' && o.repo) return o.repo;
  if (typeof o.repository === 'string' && o.repository) return o.repository;
  const fullName = (o.repository as Json | null | undefined)?.full_name;
  if (typeof fullName === 'string') return fullName;
  const api =
    typeof o.repository_url === 'string' ? /\/repos\/([^/]+\/[^/]+?)\/?$/.exec(o.repository_url) : null;
  if (api?.[1]) return api[1];
  const html =
    typeof o.html_url === 'string' ? /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\//.exec(o.html_url) : null;
  return html?.[1] ?? null;
}

/** Labels as GitHub objects ({name}) or plain strings; anything else is ignored. */
function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const item of value) {
    const name = typeof item === 'string' ? item : (item as Json | null)?.name;
    if (typeof name === 'string' && name) names.push(name);
  }
  return names;
}

function milestoneTitle(value: unknown): string | null {
  if (typeof value === 'string') return value || null;
  const title = (value as Json | null | undefined)?.title;
  return typeof title === 'string' ? title : null;
}

function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim()) return value.trim();
  return null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
