/**
 * The emulator's notion of "now": real time until a test fixes it with set()/advance(), then a
 * manual clock, so timestamps written by mutations and rate-limit windows are deterministic.
 */
export class EmulatorClock {
  private fixedMs: number | null;

  constructor(start?: string) {
    this.fixedMs = start === undefined ? null : EmulatorClock.parse(start);
  }

  private static parse(iso: string): number {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new Error(`Emulator clock: not a date: "${iso}"`);
    return ms;
  }

  nowMs(): number {
    return this.fixedMs ?? Date.now();
  }

  /** Now as GitHub writes timestamps: ISO-8601 UTC without milliseconds. */
  nowIso(): string {
    return toGitHubTime(this.nowMs());
  }

  set(iso: string): void {
    this.fixedMs = EmulatorClock.parse(iso);
  }

  /** Moves the clock forward; freezes a real-time clock at now + ms. */
  advance(ms: number): void {
    this.fixedMs = this.nowMs() + ms;
  }

  /** Back to real time (the state before the first set()/advance()). */
  useRealTime(): void {
    this.fixedMs = null;
  }

  /** True once set()/advance() (or a start time) fixed the clock. */
  get frozen(): boolean {
    return this.fixedMs !== null;
  }
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
let cachedDay = Number.NaN;
let cachedDayText = '';

/** "YYYY-MM-DD" of a day number since 1970-01-01 (Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Epoch ms → "2024-05-01T12:00:00Z" (GitHub's format, no milliseconds). Hand-rolled because the
 * demo generator formats about a million timestamps and Date#toISOString dominated its profile.
 */
export function toGitHubTime(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const days = Math.floor(sec / 86400);
  if (days !== cachedDay) {
    cachedDay = days;
    cachedDayText = civilDate(days);
  }
  const rem = sec - days * 86400;
  return `${cachedDayText}T${pad2(Math.floor(rem / 3600))}:${pad2(Math.floor((rem % 3600) / 60))}:${pad2(rem % 60)}Z`;
}
