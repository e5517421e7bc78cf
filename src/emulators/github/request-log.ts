/**
 * Every API request the emulator served, in arrival order, with a sequence number that keeps
 * growing across clear() so a poller reading `after(seq)` never sees a number twice.
 */
import type { FaultKind } from './fault-injector.ts';

export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order; never reused, not even after clear(). */
  seq: number;
  /** Arrival, real time, ISO-8601 with milliseconds. */
  at: string;
  method: string;
  /** pathname + search as requested. */
  path: string;
  /** Status sent; 0 when the connection was reset or the request left hanging. */
  status: number;
  /** Until the connection closed; null while the request is still open. */
  durationMs: number | null;
  /** The injected fault that shaped the answer, if any. */
  fault: FaultKind | null;
}

export class RequestLog {
  /** Live array: the in-process API hands it out as `requests`. */
  readonly entries: RequestLogEntry[] = [];
  private lastSeq = 0;

  /** Records a request as it arrives; the caller fills status, durationMs and fault later. */
  begin(method: string, path: string): RequestLogEntry {
    this.lastSeq += 1;
    const entry: RequestLogEntry = {
      seq: this.lastSeq,
      at: new Date().toISOString(),
      method,
      path,
      status: 0,
      durationMs: null,
      fault: null,
    };
    this.entries.push(entry);
    return entry;
  }

  /** Entries with seq > `seq`, oldest first. */
  after(seq: number): RequestLogEntry[] {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as RequestLogEntry).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return this.entries.slice(lo);
  }

  clear(): void {
    this.entries.splice(0, this.entries.length);
  }
}
