// Latencies of HTTP requests as a browser sees them (sent to last byte read), per phase and route.
import { percentile } from '../bench-support.ts';

export interface Sample {
  phase: string;
  route: string;
  path: string;
  ms: number;
  /** HTTP status; 0 when the request failed or timed out. */
  status: number;
  /** When the request was sent, in ms since the log was created. */
  sentAtMs: number;
}

export interface RouteFigures {
  n: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export class LatencyLog {
  readonly samples: Sample[] = [];
  private readonly origin = performance.now();
  /** The phase new samples are recorded under. */
  phase = 'startup';

  /** GETs `url` and records its latency under `route`; resolves with the JSON body, or null on any failure. */
  async timedGet<T>(route: string, url: string): Promise<T | null> {
    const phase = this.phase;
    const started = performance.now();
    let status = 0;
    let body: T | null = null;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      const text = await response.text();
      status = response.status;
      if (response.ok) body = JSON.parse(text) as T;
    } catch {
      status = 0;
    }
    const path = new URL(url).pathname + new URL(url).search;
    this.samples.push({
      phase,
      route,
      path,
      ms: performance.now() - started,
      status,
      sentAtMs: started - this.origin,
    });
    return body;
  }

  /** Milliseconds since the log was created (the time base of `sentAtMs`). */
  now(): number {
    return performance.now() - this.origin;
  }

  /** Figures of the samples of one phase that `include` accepts. */
  figures(phase: string, include: (route: string) => boolean = () => true): RouteFigures {
    const chosen = this.samples.filter((s) => s.phase === phase && include(s.route));
    const sorted = chosen.map((s) => s.ms).sort((a, b) => a - b);
    return {
      n: chosen.length,
      errors: chosen.filter((s) => s.status < 200 || s.status >= 300).length,
      p50_ms: round(percentile(sorted, 50)),
      p95_ms: round(percentile(sorted, 95)),
      p99_ms: round(percentile(sorted, 99)),
      max_ms: round(sorted.at(-1) ?? NaN),
    };
  }

  /** The `count` slowest samples of a phase. */
  slowest(phase: string, count: number): Sample[] {
    return this.samples
      .filter((s) => s.phase === phase)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, count);
  }
}
