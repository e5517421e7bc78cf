/** Metrics reject inputs they cannot score (empty, mismatched lengths, invalid ranks) with this. */
export class MetricInputError extends Error {
  override readonly name = 'MetricInputError';
  readonly code = 'BAD_METRIC_INPUT' as const;
}

/** Throws unless both arrays are non-empty and equally long. */
export function assertPaired(what: string, a: { length: number }, b: { length: number }): void {
  if (a.length === 0 || b.length === 0) {
    throw new MetricInputError(`${what}: no items to score; pass at least one gold/predicted pair`);
  }
  if (a.length !== b.length) {
    throw new MetricInputError(
      `${what}: ${a.length} gold values but ${b.length} predictions; they must pair up one to one`,
    );
  }
}
