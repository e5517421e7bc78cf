import { ConfigError } from '../config.ts';
import { LoupeError } from '../core/errors.ts';

/** Prints a failure the way a CLI user needs it (no stack for expected errors) and sets the exit code. */
export function reportCliError(error: unknown): void {
  if (error instanceof LoupeError || error instanceof ConfigError) {
    process.stderr.write(`loupe: ${error.message}\n`);
  } else if (error instanceof Error) {
    process.stderr.write(`loupe: unexpected error: ${error.stack ?? error.message}\n`);
  } else {
    process.stderr.write(`loupe: unexpected error: ${String(error)}\n`);
  }
  process.exitCode = error instanceof LoupeError && error.code === 'INVALID_INPUT' ? 2 : 1;
}

/** Wraps a command action so every failure is reported and exits non-zero. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      reportCliError(error);
    }
  };
}
