/**
 * GitHub's writes for automation and two-way sync: open an issue, change it (title, body, state with
 * state_reason, labels, assignees), comment, add and remove labels, through the REST API with
 * Octokit. Every answer is validated (zod) and mapped like a read; the store hears of the change
 * through the webhook GitHub sends (or the next sync), never from here.
 *
 * Creating an issue or a comment is not retried after a 5xx or a lost connection (GitHub may have
 * created it: a retry could make two); changes and labels are, since repeating them changes nothing
 * more. A secondary rate limit (403 with retry-after) refused the write and is waited out by the
 * client like any other.
 */
import { RequestError } from '@octokit/request-error';
import type { z } from 'zod';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import type { Issue, IssueLabel } from '../../core/issue.ts';
import type { ContainerRef, ItemChanges, NewItem, SourceWriter } from '../source.ts';
import { describeGitHubError, type GitHubOctokit } from './github-client.ts';
import {
  describeSchemaProblem,
  gitHubCommentSchema,
  gitHubIssueSchema,
  gitHubLabelsSchema,
} from './github-payload.schema.ts';
import { mapGitHubComment, mapGitHubIssue } from './map-github-issue.ts';

const NO_REPEAT = { transientRetry: false };

function issueNumber(key: string): number {
  const number = Number(key.replace(/^#/, ''));
  if (!Number.isInteger(number) || number <= 0)
    throw new LoupeError('INVALID_INPUT', `"${key}" is not a GitHub issue number (e.g. #123)`);
  return number;
}

function answer<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new LoupeError(
    'SOURCE_UNAVAILABLE',
    `GitHub accepted ${what} but sent a malformed answer (${describeSchemaProblem(parsed.error)}); it may have been applied: check before repeating it.`,
  );
}

/** GitHub's reasons for refusing a write, as a LoupeError that says what to fix. */
function refused(error: unknown, what: string): LoupeError {
  if (error instanceof RequestError && (error.status === 422 || error.status === 400)) {
    const details = (error.response?.data as { errors?: unknown[] } | undefined)?.errors;
    return new LoupeError(
      'INVALID_INPUT',
      `GitHub refused ${what} (${error.status}): ${error.message}`,
      details ? { errors: details } : undefined,
    );
  }
  if (error instanceof RequestError && (error.status === 404 || error.status === 410)) {
    return new LoupeError(
      'NOT_FOUND',
      `GitHub answered ${error.status} to ${what}: check that it exists and that the token may write to the repository.`,
    );
  }
  if (error instanceof RequestError && error.status === 403 && !/rate limit/i.test(error.message)) {
    return new LoupeError(
      'SOURCE_AUTH_FAILED',
      `GitHub refused ${what} (403 ${error.message}): the token needs write access to issues.`,
    );
  }
  return describeGitHubError(error, what, 'Nothing was written: try again then.');
}

function labelsOf(data: unknown, what: string): IssueLabel[] {
  return answer(gitHubLabelsSchema, data, what).map((l) => ({
    name: l.name,
    color: l.color ?? null,
    description: l.description ?? null,
  }));
}

/** The GitHub writes of a repository's source; `clientFor` gives the client for its API URL. */
export function createGitHubWriter(deps: { clientFor: (apiUrl: string) => GitHubOctokit }): SourceWriter {
  const target = (ref: ContainerRef) => {
    const { owner, name } = parseRepoFullName(ref.key);
    return { client: deps.clientFor(ref.apiUrl), owner, repo: name };
  };

  return {
    async createItem(ref: ContainerRef, item: NewItem): Promise<Issue> {
      const { client, owner, repo } = target(ref);
      const what = `opening an issue in ${ref.key}`;
      try {
        const { data } = await client.request('POST /repos/{owner}/{repo}/issues', {
          owner,
          repo,
          title: item.title,
          ...(item.body !== undefined ? { body: item.body } : {}),
          ...(item.labels ? { labels: item.labels } : {}),
          ...(item.assignees ? { assignees: item.assignees } : {}),
          request: NO_REPEAT,
        });
        return mapGitHubIssue(ref.key, answer(gitHubIssueSchema, data, what));
      } catch (error) {
        throw refused(error, what);
      }
    },

    async updateItem(ref: ContainerRef, key: string, changes: ItemChanges): Promise<Issue> {
      const { client, owner, repo } = target(ref);
      const number = issueNumber(key);
      const what = `changing ${ref.key}#${number}`;
      try {
        const { data } = await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          owner,
          repo,
          issue_number: number,
          ...(changes.title !== undefined ? { title: changes.title } : {}),
          ...(changes.body !== undefined ? { body: changes.body } : {}),
          ...(changes.state !== undefined ? { state: changes.state } : {}),
          ...(changes.stateReason !== undefined ? { state_reason: changes.stateReason } : {}),
          ...(changes.labels !== undefined ? { labels: changes.labels } : {}),
          ...(changes.assignees !== undefined ? { assignees: changes.assignees } : {}),
        });
        return mapGitHubIssue(ref.key, answer(gitHubIssueSchema, data, what));
      } catch (error) {
        throw refused(error, what);
      }
    },

    async comment(ref: ContainerRef, key: string, body: string) {
      const { client, owner, repo } = target(ref);
      const number = issueNumber(key);
      const what = `commenting on ${ref.key}#${number}`;
      try {
        const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner,
          repo,
          issue_number: number,
          body,
          request: NO_REPEAT,
        });
        return mapGitHubComment(answer(gitHubCommentSchema, data, what));
      } catch (error) {
        throw refused(error, what);
      }
    },

    async addLabels(ref: ContainerRef, key: string, labels: string[]): Promise<IssueLabel[]> {
      const { client, owner, repo } = target(ref);
      const number = issueNumber(key);
      const what = `labelling ${ref.key}#${number}`;
      try {
        const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          owner,
          repo,
          issue_number: number,
          labels,
        });
        return labelsOf(data, what);
      } catch (error) {
        throw refused(error, what);
      }
    },

    async removeLabel(ref: ContainerRef, key: string, label: string): Promise<IssueLabel[]> {
      const { client, owner, repo } = target(ref);
      const number = issueNumber(key);
      const what = `removing the label "${label}" from ${ref.key}#${number}`;
      try {
        const { data } = await client.request(
          'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
          { owner, repo, issue_number: number, name: label },
        );
        return labelsOf(data, what);
      } catch (error) {
        throw refused(error, what);
      }
    },
  };
}
