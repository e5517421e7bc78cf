import type { CreateLoupeOptions, Loupe } from '../app/create-loupe.ts';
import type { LoupeConfig } from '../config.ts';

/**
 * Opens Loupe for one command, runs `fn`, and closes it. The composition root and everything it
 * loads are imported here, when a command that needs the store runs: `loupe --help`, `loupe eval`
 * and `loupe emulator` never load the database.
 */
export async function withLoupe<T>(
  options: CreateLoupeOptions & { config?: LoupeConfig },
  fn: (loupe: Loupe) => Promise<T>,
): Promise<T> {
  const loupe = await openLoupe(options);
  try {
    return await fn(loupe);
  } finally {
    await loupe.close();
  }
}

/** Opens Loupe for a command that closes it itself (`loupe worker`). */
export async function openLoupe(options: CreateLoupeOptions & { config?: LoupeConfig }): Promise<Loupe> {
  const [{ loadConfig }, { createLoupe }] = await Promise.all([
    import('../config.ts'),
    import('../app/create-loupe.ts'),
  ]);
  return createLoupe(options.config ?? loadConfig(), options);
}
