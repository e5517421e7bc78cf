import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Steps } from '../core/steps.ts';

/** How long a job's CPU work runs before it lets the event loop answer requests. */
export const SLICE_MS = 10;

/**
 * Runs `steps` (core/steps.ts) in this thread, letting the event loop run whenever `sliceMs` have
 * passed since it last did: the HTTP server answers while the analysis job trains a classifier.
 */
export async function runStepsCooperatively<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
