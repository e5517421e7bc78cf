import { describe, expect, it } from 'vitest';
import type { Steps } from '../core/steps.ts';
import { runStepsCooperatively } from './cooperative-steps.ts';

function* busySteps(count: number, msEach: number): Steps<number> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + msEach;
    while (performance.now() < until) {
      // Busy: CPU work that would hold the thread.
    }
    yield;
  }
  return count;
}

describe('runStepsCooperatively', () => {
  it('returns the result and lets timers run while the steps take longer than a slice', async () => {
    let fired = 0;
    const ticker = setInterval(() => fired++, 0);
    try {
      expect(await runStepsCooperatively(busySteps(20, 2), 5)).toBe(20);
      // 40 ms of work in slices of about 5 ms: the timer ran several times in between.
      expect(fired).toBeGreaterThanOrEqual(3);
    } finally {
      clearInterval(ticker);
    }
  });
});
