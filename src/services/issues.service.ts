import { LoupeError } from '../core/errors.ts';
import { mentionedIssueNumbers } from '../core/issue-mentions.ts';
import type { IssueQuery } from '../core/search/issue-query.ts';
import { createAnalysisRepository, type StoredAnalysis } from '../store/analysis.repository.ts';
import type { SqlClient } from '../store/db.ts';
import { createDuplicateRepository, type DuplicateCounts } from '../store/duplicate.repository.ts';

const NO_DUPLICATES: DuplicateCounts = { all: 0, confirmed: 0 };
import { createImplementedVerdictRepository } from '../store/implemented-verdict.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { ALL_REPOSITORIES, createSearchRepository, type SearchScope } from '../store/search.repository.ts';
import { createSearchService } from './search.service.ts';

/** Reading issues (lists, search, one issue with comments, analysis and duplicates) and duplicate decisions. */
export function createIssuesService(deps: { db: SqlClient }) {
  const issues = createIssueRepository(deps.db);
  const search = createSearchService({ search: createSearchRepository(deps.db) });
  const analyses = createAnalysisRepository(deps.db);
  const duplicates = createDuplicateRepository(deps.db);
  const verdicts = createImplementedVerdictRepository(deps.db);
  const repos = createRepoRepository(deps.db);

  /** The issue when its repository is in the workspace; null otherwise (another workspace's issue does not exist here). */
  async function findInWorkspace(workspaceId: number, id: number) {
    const issue = await issues.findById(id);
    return issue && (await repos.findById(issue.repoId, workspaceId)) ? issue : null;
  }

  return {
    /**
     * Search (services/search.service.ts) within a workspace's repositories (null: every workspace, for
     * the local owner's CLI), each issue with its analysis and number of duplicates.
     */
    async search(workspaceId: number | null, query: IssueQuery) {
      const scope: SearchScope =
        workspaceId === null ? ALL_REPOSITORIES : { repoIds: await repos.listIds(workspaceId) };
      let extras: Promise<[Map<number, StoredAnalysis>, Map<number, DuplicateCounts>]> | undefined;
      // Read as soon as the page's ids are known, beside its rows and facets.
      const readExtras = (ids: readonly number[]) =>
        Promise.all([analyses.findByIssueIds([...ids]), duplicates.countsFor([...ids])]);
      const result = await search.search(query, scope, {
        onPage: (ids) => {
          extras = readExtras(ids);
          extras.catch(() => undefined);
        },
      });
      const [analysisById, duplicateCounts] = await (extras ?? readExtras(result.issues.map((i) => i.id)));
      return {
        ...result,
        issues: result.issues.map((issue) => ({
          ...issue,
          analysis: analysisById.get(issue.id) ?? null,
          duplicateCounts: duplicateCounts.get(issue.id) ?? NO_DUPLICATES,
        })),
      };
    },

    async get(workspaceId: number, id: number) {
      const issue = await findInWorkspace(workspaceId, id);
      if (!issue) throw new LoupeError('NOT_FOUND', `No issue with id ${id} in this workspace.`);
      const [comments, analysisById, links, implemented] = await Promise.all([
        issues.listComments(issue.repoId, issue.number),
        analyses.findByIssueIds([id]),
        duplicates.linksOf(id),
        verdicts.find(id),
      ]);
      const analysis: StoredAnalysis | null = analysisById.get(id) ?? null;
      // "#N" in the body, the comments and the reasons (which cite the labelled issues that taught
      // the model): the issues of this repository Loupe holds, so the page can link them.
      const mentioned = mentionedIssueNumbers([
        issue.body ?? '',
        ...comments.map((c) => c.body),
        ...(analysis ? [...analysis.typeReasons, ...analysis.difficultyReasons] : []),
      ]).filter((n) => n !== issue.number);
      const mentions = await issues.findByNumbers(issue.repoId, mentioned);
      return {
        issue: {
          ...issue,
          analysis,
          duplicateCounts: {
            all: links.filter((l) => l.status !== 'rejected').length,
            confirmed: links.filter((l) => l.status === 'confirmed').length,
          },
        },
        comments,
        duplicates: links,
        implemented,
        mentions,
      };
    },

    /** A maintainer confirms or rejects "id duplicates otherId"; rejections are never suggested again. */
    async decideDuplicate(
      workspaceId: number,
      input: { id: number; otherId: number; decision: 'confirm' | 'reject'; by?: string },
    ) {
      if (input.id === input.otherId)
        throw new LoupeError('INVALID_INPUT', 'an issue cannot be a duplicate of itself');
      for (const id of [input.id, input.otherId]) {
        if (!(await findInWorkspace(workspaceId, id)))
          throw new LoupeError('NOT_FOUND', `No issue with id ${id} in this workspace.`);
      }
      await duplicates.decide(
        input.id,
        input.otherId,
        input.decision === 'confirm' ? 'confirmed' : 'rejected',
        input.by ?? null,
      );
      return duplicates.linksOf(input.id);
    },
  };
}

export type IssuesService = ReturnType<typeof createIssuesService>;
