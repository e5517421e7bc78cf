import { LoupeError } from '../core/errors.ts';
import type { SqlClient } from '../store/db.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createSearchRepository, decodeCursor, type IssueQuery } from '../store/search.repository.ts';

/** Reading issues: lists, search, one issue with its comments. */
export function createIssuesService(deps: { db: SqlClient }) {
  const issues = createIssueRepository(deps.db);
  const search = createSearchRepository(deps.db);
  return {
    async search(query: IssueQuery) {
      if (query.cursor && !decodeCursor(query.cursor)) {
        throw new LoupeError('INVALID_INPUT', 'cursor is not valid: pass back the nextCursor value of a previous page unchanged');
      }
      if (query.sort === 'relevance' && !query.q?.trim()) {
        throw new LoupeError('INVALID_INPUT', 'sort=relevance needs a search query (q)');
      }
      return search.search(query);
    },

    async get(id: number) {
      const issue = await issues.findById(id);
      if (!issue) throw new LoupeError('NOT_FOUND', `No issue with id ${id} in this workspace.`);
      const comments = await issues.listComments(issue.repoId, issue.number);
      return { issue, comments };
    },
  };
}

export type IssuesService = ReturnType<typeof createIssuesService>;
