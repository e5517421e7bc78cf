import { z } from 'zod';
import { implementedVerdictSchema } from './implemented.schema.ts';
import { REPO_FULL_NAME } from '../../../core/errors.ts';
import {
  DIFFICULTIES,
  FACET_NAMES,
  ISSUE_KINDS,
  ISSUE_STATES,
  ISSUE_TYPES,
  MATCH_MODES,
  MAX_PAGE_SIZE,
  SEARCH_SORTS,
  DEFAULT_PAGE_SIZE,
  type FacetName,
} from '../../../core/search/issue-query.ts';
import { QUALIFIER_NAMES } from '../../../core/search/search-qualifiers.ts';
import { idParam, isoDateTime, queryDecimal, queryInteger, textField } from '../common.schema.ts';

const toArray = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

const issueQueryFields = {
  q: textField('q', { max: 500 })
    .optional()
    .describe(
      'Search text (websearch syntax) with GitHub qualifiers: is:open|closed|issue|pr, label:x (repeat for all), -label:x, author:, assignee:, no:assignee, no:label, repo:owner/name, sort:updated-desc|created-desc, and type:, difficulty:, concept:',
    ),
  repo: z.string().regex(REPO_FULL_NAME, 'repo must be owner/name').optional(),
  state: z.enum(ISSUE_STATES).optional(),
  label: z
    .preprocess(toArray, z.array(textField('label', { min: 1, max: 100 })).max(10, 'at most 10 labels'))
    .optional(),
  author: textField('author', { min: 1, max: 100 }).optional(),
  assignee: textField('assignee', { min: 1, max: 100 }).optional(),
  type: z.enum(ISSUE_KINDS).optional(),
  createdFrom: isoDateTime('createdFrom').optional(),
  createdTo: isoDateTime('createdTo').optional(),
  updatedFrom: isoDateTime('updatedFrom').optional(),
  updatedTo: isoDateTime('updatedTo').optional(),
  sort: z.enum(SEARCH_SORTS).optional(),
  limit: queryInteger('limit', { min: 1, max: MAX_PAGE_SIZE }).default(DEFAULT_PAGE_SIZE),
  cursor: textField('cursor', { max: 500 }).optional(),
  facets: z.enum(['true', 'false']).default('true'),
  issueType: z.enum(ISSUE_TYPES).optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
  minGfi: queryDecimal('minGfi', { min: 0, max: 1 })
    .optional()
    .describe('Good-first-issue score at least this; pull requests are left out unless type=pr'),
  concept: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'concept is a concept id such as "message-queues"')
    .optional(),
  hasDuplicates: z.enum(['true', 'false']).optional(),
};

/**
 * Query string of GET /api/issues. Strict: a misspelt parameter (`lable=bug`) is a 400 naming it,
 * not a silently unfiltered list.
 */
export const issueQuerySchema = z.strictObject(issueQueryFields);

/** Query string of GET /api/search: the same, with q required. */
export const searchQuerySchema = z.strictObject({
  ...issueQueryFields,
  q: textField('q', { max: 500 }).trim().min(1, 'q (the search text) is required'),
});

export const issueIdParamsSchema = z.object({ id: idParam('id') });

export const duplicateDecisionParamsSchema = z.object({ id: idParam('id'), otherId: idParam('otherId') });

export const duplicateDecisionBodySchema = z.strictObject({
  decision: z.enum(['confirm', 'reject'], { message: 'decision must be "confirm" or "reject"' }),
  by: textField('by', { max: 100 }).optional(),
});

export type IssueQueryInput = z.infer<typeof issueQuerySchema>;

const issueTypeSchema = z.enum(ISSUE_TYPES).meta({ id: 'IssueType' });
const difficultySchema = z.enum(DIFFICULTIES).meta({ id: 'Difficulty' });

/** What the background analysis says about an issue (presenters/issue.presenter.ts presentAnalysis). */
export const analysisSchema = z
  .object({
    type: issueTypeSchema,
    typeConfidence: z.number(),
    typeProbabilities: z.record(z.string(), z.number()).describe('Probability per type'),
    typeReasons: z.array(z.string()),
    difficulty: difficultySchema,
    gfiScore: z.number().describe('Good-first-issue score, 0..1'),
    difficultyReasons: z.array(z.string()),
    concepts: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          score: z.number(),
          path: z.array(z.string()).describe('Concept ids from the taxonomy root to this one'),
          evidence: z.array(z.string()),
        })
        .meta({ id: 'IssueConcept' }),
    ),
    duplicateCount: z.number().int().describe('Duplicate links not rejected (suggested or confirmed)'),
    confirmedDuplicateCount: z.number().int().describe('Of those, the confirmed ones'),
    version: z.string(),
    llm: z
      .object({
        type: z.string(),
        confidence: z.number(),
        rationale: z.string(),
        provider: z.string(),
        model: z.string(),
      })
      .optional()
      .describe("The configured LLM's opinion of the type; Loupe's own `type` stays the answer"),
    llmError: z.string().optional().describe('Why there is no LLM opinion'),
  })
  .meta({ id: 'Analysis' });

const stateSchema = z.enum(ISSUE_STATES);

export const issueSummarySchema = z
  .object({
    id: z.string().describe('Decimal id, as a string'),
    source: z.string().describe("The source kind the item comes from, e.g. 'github'"),
    repo: z.string(),
    number: z.number().int(),
    key: z.string().describe("The item's key as its source shows it: '#123' on GitHub"),
    title: z.string(),
    state: stateSchema,
    stateReason: z.string().nullable(),
    isPullRequest: z.boolean(),
    mergedAt: z.string().nullable(),
    labels: z.array(
      z
        .object({ name: z.string(), color: z.string().nullable().describe('Hex without "#", e.g. "d73a4a"') })
        .meta({ id: 'Label' }),
    ),
    author: z.string().nullable(),
    commentsCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    url: z.string().nullable(),
    isDemo: z.boolean(),
    snippetHtml: z.string().nullable().describe('Server-escaped HTML whose only tags are <mark>…</mark>'),
    analysis: analysisSchema.optional().describe('Absent until the analysis job has run for the issue'),
  })
  .meta({ id: 'IssueSummary' });

const facetCountsSchema = z.array(
  z.object({ value: z.string(), count: z.number().int() }).meta({ id: 'FacetCount' }),
);
const facetsShape = Object.fromEntries(
  FACET_NAMES.map((name) => [
    name,
    name === 'concepts' ? facetCountsSchema.describe('Values are concept ids') : facetCountsSchema,
  ]),
) as Record<FacetName, typeof facetCountsSchema>;

export const issueListResponseSchema = z
  .object({
    issues: z.array(issueSummarySchema),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    totalCapped: z
      .boolean()
      .describe('True when there are more matches than the server counts (total is then a lower bound)'),
    facets: z.object(facetsShape).nullable().describe('null when facets=false').meta({ id: 'IssueFacets' }),
    facetsSampled: z
      .boolean()
      .describe('True when facet counts cover only the most recently updated matches'),
    matchMode: z.enum(MATCH_MODES).nullable().describe('How the text query matched, when there was one'),
    didYouMean: z
      .string()
      .nullable()
      .describe('The query with its misspelt words fixed (qualifiers kept), when the fix matched'),
    qualifiers: z
      .array(
        z
          .object({
            name: z.enum([...QUALIFIER_NAMES, '-label']),
            value: z.string(),
            token: z.string().describe('As typed in q, quotes included: remove it from q to drop the filter'),
          })
          .meta({ id: 'SearchQualifier' }),
      )
      .describe('Qualifiers understood in q (is:open, label:bug, author:…), in the order typed'),
    text: z
      .string()
      .nullable()
      .describe('The text searched: q without its qualifiers; null when none is left'),
    relaxations: z
      .array(
        z
          .object({
            without: z
              .string()
              .describe(
                "The filter removed: 'q:<token>' for a qualifier of q, 'label:<name>' for a label parameter, else the parameter's name",
              ),
            total: z.number().int(),
            totalCapped: z.boolean(),
          })
          .meta({ id: 'SearchRelaxation' }),
      )
      .describe('When nothing matched: how many issues match without each filter (empty otherwise)'),
  })
  .meta({ id: 'IssueListResponse' });

/** One link of an issue's duplicate cluster, seen from the issue being shown. */
export const duplicateLinkSchema = z
  .object({
    id: z.string(),
    repo: z.string(),
    number: z.number().int(),
    title: z.string(),
    state: stateSchema,
    status: z.enum(['suggested', 'confirmed', 'rejected']),
    origin: z.enum(['detector', 'state-reason', 'reference', 'maintainer']),
    direction: z
      .enum(['duplicate-of', 'duplicated-by'])
      .describe("'duplicate-of': this issue duplicates the other"),
    score: z.number().nullable(),
    evidence: z.array(z.string()),
  })
  .meta({ id: 'DuplicateLink' });

export const issueDetailResponseSchema = z
  .object({
    issue: issueSummarySchema
      .extend({
        body: z.string(),
        assignees: z.array(z.string()),
        milestone: z.string().nullable(),
        reactionsCount: z.number().int(),
        closedAt: z.string().nullable(),
        authorAssociation: z.string().nullable(),
      })
      .meta({ id: 'IssueDetail' }),
    comments: z.array(
      z
        .object({
          id: z.string(),
          author: z.string().nullable(),
          authorAssociation: z.string().nullable(),
          body: z.string(),
          createdAt: z.string(),
        })
        .meta({ id: 'IssueComment' }),
    ),
    duplicates: z.array(duplicateLinkSchema),
    implemented: implementedVerdictSchema
      .nullable()
      .describe('"Already implemented?"; null until judged (only repositories with a clone are)'),
    mentions: z
      .array(
        z
          .object({
            id: z.string(),
            number: z.number().int(),
            title: z.string(),
            state: stateSchema,
            isPullRequest: z.boolean(),
          })
          .meta({ id: 'IssueMention' }),
      )
      .describe('Issues of the same repository that the body or a comment mentions as "#N" and Loupe holds'),
  })
  .meta({ id: 'IssueDetailResponse' });

export const duplicatesResponseSchema = z.object({ duplicates: z.array(duplicateLinkSchema) });
