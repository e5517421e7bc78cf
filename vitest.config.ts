import { defineConfig } from 'vitest/config';

// Three suites: `unit` is the README's `npm test` (PGlite, no servers), `pg` re-runs the store and
// sync tests against the PostgreSQL server named by DATABASE_URL, `browser` drives headless Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'bench/**/*.test.ts',
            'test/**/*.test.ts',
            'web/src/**/*.test.ts',
            'web/src/**/*.test.tsx',
          ],
          exclude: ['test/browser/**', '**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pg',
          include: [
            'src/store/**/*.test.ts',
            'src/sources/github/*.test.ts',
            'src/jobs/**/*.test.ts',
            'src/services/item-ingest.test.ts',
            'src/server/routes/jobs/*.test.ts',
            'src/server/routes/events/*.test.ts',
            'test/e2e/postgres-*.test.ts',
            'test/isolation/*.test.ts',
            'test/e2e/trace-request-to-github.test.ts',
          ],
          env: { LOUPE_TEST_ENGINE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
