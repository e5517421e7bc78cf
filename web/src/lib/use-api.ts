import { useCallback, useEffect, useState } from 'react';
import { isAbortError, toError } from '../api-client/http.ts';

/** The state of one API read. */
export interface ApiState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  /** Fetches again without clearing what is shown (for refresh and polling). */
  reload: () => void;
}

/**
 * Runs `load` whenever `key` changes, aborting the previous request so a slow answer for an old
 * key never overwrites a newer one.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  const [loadedKey, setLoadedKey] = useState(key);
  // A new key means other data: drop the old so a page never shows one issue under another's URL.
  if (loadedKey !== key) {
    setLoadedKey(key);
    setData(null);
    setError(null);
  }

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        setData(value);
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
    // `load` is a fresh closure each render on purpose: `key` names what it loads.
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
