import { useCallback, useEffect, useRef, useState } from 'react';
import { issueQueryParams, listIssues } from '../../api-client/api-client.ts';
import type { IssueListResponse } from '../../api-client/api-types.ts';
import { isAbortError, toError } from '../../api-client/http.ts';
import { toIssueQuery } from './search-state.ts';
import type { SearchState } from './search-state.ts';

const PAGE_SIZE = 25;

/** Results of the current search, plus "load more". */
export interface IssueSearch {
  data: IssueListResponse | null;
  error: Error | null;
  loading: boolean;
  loadingMore: boolean;
  loadMoreError: Error | null;
  loadMore: () => void;
  retry: () => void;
}

/**
 * Fetches the first page whenever the search changes, aborting the request for the previous
 * search (and any "load more" of it) so results always match what the URL says.
 */
export function useIssueSearch(state: SearchState): IssueSearch {
  const query = toIssueQuery(state);
  const key = issueQueryParams(query).toString();
  const [data, setData] = useState<IssueListResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setLoading(true);
    setLoadingMore(false);
    setLoadMoreError(null);
    listIssues({ ...queryRef.current, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        setData(page);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (isAbortError(reason)) return;
        setError(toError(reason));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const cursor = data?.nextCursor ?? null;
  const loadMore = useCallback(() => {
    if (!cursor || moreController.current?.signal.aborted === false) return;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    setLoadMoreError(null);
    listIssues({ ...queryRef.current, limit: PAGE_SIZE, cursor }, controller.signal)
      .then(
        (page) =>
          setData((previous) =>
            previous
              ? { ...page, issues: [...previous.issues, ...page.issues], facets: previous.facets }
              : page,
          ),
        (reason: unknown) => {
          if (!isAbortError(reason)) setLoadMoreError(toError(reason));
        },
      )
      .finally(() => {
        if (moreController.current === controller) {
          moreController.current = null;
          setLoadingMore(false);
        }
      });
  }, [cursor]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, loadingMore, loadMoreError, loadMore, retry };
}
