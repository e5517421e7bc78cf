import { z } from 'zod';
import { REPO_FULL_NAME } from '../../../core/errors.ts';
import { idParam, textField } from '../common.schema.ts';

export const addRepoBodySchema = z.strictObject({
  fullName: textField('fullName', { max: 200, example: '{"fullName":"octocat/hello-world"}' })
    .trim()
    .regex(REPO_FULL_NAME, 'fullName must be owner/name, e.g. octocat/hello-world'),
  connectionId: idParam('connectionId')
    .optional()
    .describe(
      "Read it through this connection of the workspace (GET /api/connections); default: the server's own GitHub credentials",
    ),
});

export const repoIdParamsSchema = z.object({ id: idParam('id') });

/** A repository as presenters/repo.presenter.ts shows it. */
export const repoSchema = z
  .object({
    id: z.string().describe('Decimal id, as a string'),
    fullName: z.string().describe('owner/name'),
    source: z.string().describe('Source kind, e.g. "github"'),
    description: z.string().nullable(),
    htmlUrl: z.string().nullable(),
    isDemo: z.boolean(),
    issueCount: z.number().int(),
    openIssueCount: z.number().int(),
    pullRequestCount: z.number().int(),
    sync: z
      .object({
        status: z.enum(['never', 'queued', 'running', 'succeeded', 'failed']),
        lastSyncedAt: z.string().nullable(),
        startedAt: z.string().nullable(),
        lastError: z.string().nullable(),
        issuesSynced: z.number().int(),
        commentsSynced: z.number().int(),
      })
      .meta({ id: 'RepoSync' }),
    analysis: z
      .object({ analyzed: z.number().int(), total: z.number().int() })
      .describe('Issues with a current analysis, of all; the background analysis job catches up after syncs'),
    concepts: z
      .array(
        z
          .object({ id: z.string(), name: z.string(), score: z.number(), evidence: z.array(z.string()) })
          .meta({ id: 'RepoConcept' }),
      )
      .describe('Concepts of the repository itself (language, topics, description), best first'),
  })
  .meta({ id: 'Repo' });

export const repoListResponseSchema = z.object({ repos: z.array(repoSchema) });
export const repoResponseSchema = z.object({ repo: repoSchema });
export const addRepoResponseSchema = z.object({ repo: repoSchema, jobId: z.string().nullable() });
/** No body (OpenAPI: a response without content): the repository is gone. */
export const removeRepoResponseSchema = z
  .undefined()
  .describe('No content: the repository and everything stored for it were removed');
export const syncRepoResponseSchema = z.object({
  jobId: z.string().nullable().describe('null when a sync of the repository was already waiting'),
  alreadyQueued: z.boolean(),
});
