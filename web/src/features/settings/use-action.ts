import { useCallback, useState } from 'react';
import { toError } from '../../api-client/http.ts';

/** What the last action of a section did, in words. */
export type Feedback = { kind: 'error' | 'success'; text: string } | null;

/**
 * Runs one write at a time for a settings section: `busy` while it runs, then a success line or the
 * server's error message, and `onDone` (e.g. reload the list) either way.
 */
export function useAction(onDone: () => void): {
  busy: boolean;
  feedback: Feedback;
  setFeedback: (feedback: Feedback) => void;
  run: <T>(work: () => Promise<T>, success: (result: T) => string) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const run = useCallback(
    async <T>(work: () => Promise<T>, success: (result: T) => string): Promise<T | undefined> => {
      setBusy(true);
      setFeedback(null);
      try {
        const result = await work();
        setFeedback({ kind: 'success', text: success(result) });
        return result;
      } catch (reason) {
        setFeedback({ kind: 'error', text: toError(reason).message });
        return undefined;
      } finally {
        setBusy(false);
        onDone();
      }
    },
    [onDone],
  );
  return { busy, feedback, setFeedback, run };
}
