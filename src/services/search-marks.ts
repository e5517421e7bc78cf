/**
 * The characters around the matched words in the snippets IssuesService.search returns: each
 * presenter turns them into its own emphasis (`<mark>` on the web, bold on a terminal).
 */
export { MARK_END, MARK_START } from '../core/search/issue-query.ts';
