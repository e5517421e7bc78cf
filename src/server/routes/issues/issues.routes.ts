import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IssueQuery } from '../../../core/search/issue-query.ts';
import type { IssuesService } from '../../../services/issues.service.ts';
import {
  presentDuplicateLink,
  presentIssueDetail,
  presentIssueSummary,
} from '../../presenters/issue.presenter.ts';
import { presentImplementedVerdict } from '../../presenters/implemented.presenter.ts';
import { errorResponses } from '../common.schema.ts';
import {
  duplicateDecisionBodySchema,
  duplicateDecisionParamsSchema,
  duplicatesResponseSchema,
  issueDetailResponseSchema,
  issueIdParamsSchema,
  issueListResponseSchema,
  issueQuerySchema,
  searchQuerySchema,
  type IssueQueryInput,
} from './schema.ts';

/** The query string, validated by the schema, as the IssueQuery the search service takes. */
function toIssueQuery(input: IssueQueryInput): IssueQuery {
  return {
    ...(input.q !== undefined ? { q: input.q } : {}),
    ...(input.repo ? { repo: input.repo } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.label ? { labels: input.label } : {}),
    ...(input.author ? { author: input.author } : {}),
    ...(input.assignee ? { assignee: input.assignee } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.createdFrom ? { createdFrom: input.createdFrom } : {}),
    ...(input.createdTo ? { createdTo: input.createdTo } : {}),
    ...(input.updatedFrom ? { updatedFrom: input.updatedFrom } : {}),
    ...(input.updatedTo ? { updatedTo: input.updatedTo } : {}),
    ...(input.sort ? { sort: input.sort } : {}),
    ...(input.issueType ? { issueType: input.issueType } : {}),
    ...(input.difficulty ? { difficulty: input.difficulty } : {}),
    ...(input.minGfi !== undefined ? { minGfi: input.minGfi } : {}),
    ...(input.concept ? { concept: input.concept } : {}),
    ...(input.hasDuplicates ? { hasDuplicates: input.hasDuplicates === 'true' } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    limit: input.limit,
    facets: input.facets === 'true',
  };
}

export const issuesRoutes =
  (service: IssuesService): FastifyPluginAsyncZod =>
  async (app) => {
    const list = async (workspaceId: number, input: IssueQueryInput) => {
      const result = await service.search(workspaceId, toIssueQuery(input));
      return {
        issues: result.issues.map(presentIssueSummary),
        nextCursor: result.nextCursor,
        total: result.total,
        totalCapped: result.totalCapped,
        facets: result.facets,
        facetsSampled: result.facetsSampled,
        matchMode: result.matchMode,
        didYouMean: result.didYouMean,
        qualifiers: result.qualifiers,
        text: result.text,
        relaxations: result.relaxations,
      };
    };

    app.get(
      '/api/issues',
      {
        schema: {
          summary: 'List and filter issues and pull requests; with q, full-text search',
          tags: ['issues'],
          querystring: issueQuerySchema,
          response: { 200: issueListResponseSchema, ...errorResponses },
        },
      },
      async (request) => list(request.principal!.workspace.id, request.query),
    );

    app.get(
      '/api/search',
      {
        schema: {
          summary: 'Full-text search (websearch syntax) with fuzzy fallback',
          tags: ['issues'],
          querystring: searchQuerySchema,
          response: { 200: issueListResponseSchema, ...errorResponses },
        },
      },
      async (request) => list(request.principal!.workspace.id, request.query),
    );

    app.get(
      '/api/issues/:id',
      {
        schema: {
          summary: 'One issue with its comments',
          tags: ['issues'],
          params: issueIdParamsSchema,
          response: { 200: issueDetailResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { issue, comments, duplicates, mentions, implemented } = await service.get(
          request.principal!.workspace.id,
          request.params.id,
        );
        return {
          ...presentIssueDetail(issue, comments, duplicates, mentions),
          implemented: presentImplementedVerdict(implemented),
        };
      },
    );

    app.post(
      '/api/issues/:id/duplicates/:otherId',
      {
        schema: {
          summary: 'Confirm or reject "issue :id duplicates :otherId" (rejections are remembered)',
          tags: ['issues'],
          params: duplicateDecisionParamsSchema,
          body: duplicateDecisionBodySchema,
          response: { 200: duplicatesResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const links = await service.decideDuplicate(request.principal!.workspace.id, {
          ...request.params,
          decision: request.body.decision,
          ...(request.body.by ? { by: request.body.by } : {}),
        });
        return { duplicates: links.map(presentDuplicateLink) };
      },
    );
  };
