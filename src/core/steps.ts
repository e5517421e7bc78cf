/**
 * Long CPU work written as a generator that yields between steps (an epoch, a class, a few hundred
 * texts) and returns its result. `runSteps` runs it to the end at once; a caller that shares its
 * thread with other work (the analysis job beside the HTTP server) can run the same steps with
 * pauses between them instead. Either way the steps and so the result are the same.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
