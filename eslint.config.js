import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'generated/', '.loupe/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Pure analysis never reaches for I/O layers: see STYLE.md habit 1.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**', '**/jobs/**', '**/sources/**', '**/server/**', '**/cli/**'],
              message: 'src/core is pure: no store, jobs, sources, server or cli imports.',
            },
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:net', 'pg', '@electric-sql/*'],
              message: 'src/core does no I/O.',
            },
          ],
        },
      ],
    },
  },
  // The rest of the import direction (STYLE.md): core <- store <- services <- jobs/server/cli, and
  // sources (connectors) depend on core only: they read and map, the sync engine stores.
  {
    files: ['src/sources/**/*.ts'],
    ignores: ['src/sources/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**', '**/jobs/**', '**/services/**', '**/server/**', '**/cli/**'],
              message:
                'A source never touches the store or the layers above it: it reads and maps (src/sources/source.ts).',
            },
            {
              group: ['**/emulators/**'],
              message: 'A source talks to the vendor over HTTP; only its tests start an emulator.',
            },
          ],
        },
      ],
    },
  },
  {
    // An emulator stands in for the vendor's servers: it knows nothing of Loupe's model or layers.
    files: ['src/emulators/**/*.ts'],
    ignores: ['src/emulators/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core/**',
                '**/store/**',
                '**/jobs/**',
                '**/services/**',
                '**/server/**',
                '**/cli/**',
                '**/sources/**',
              ],
              message:
                'An emulator is the vendor, not Loupe: it imports nothing from the rest of src (STYLE.md, emulators/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', '**/jobs/**', '**/server/**', '**/cli/**', '**/sources/**'],
              message: 'src/store speaks SQL for the layers above it and imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tracing is off by default and must cost nothing then: only otel-tracer.ts, loaded on demand by
    // startTracing, may load OpenTelemetry (types are fine: they are erased).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/tracing/otel-tracer.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@opentelemetry/*'],
              allowTypeImports: true,
              message:
                'Load OpenTelemetry only through src/tracing/tracing.ts (startTracing imports the SDK when tracing is on).',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI calls services through createLoupe (src/app/create-loupe.ts), never the store.
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**'],
              message: 'CLI commands call services (createLoupe), never a repository of src/store.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every command module is loaded at start-up: each loads the server, the job engine and the
    // database only when it runs, with `await import(…)` (which this rule does not see), so that
    // `loupe --help` and short commands start fast (bench/cli-startup.bench.ts). Types are free.
    files: ['src/cli/main.ts', 'src/cli/cli-error.ts', 'src/cli/open-loupe.ts', 'src/cli/commands/*.ts'],
    ignores: ['src/cli/**/*.test.ts', 'src/cli/commands/run-emulator.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/server/**',
                '**/jobs/**',
                '**/app/**',
                '**/services/**',
                '**/eval/*',
                '!**/eval/gfi-label.ts',
                '@electric-sql/*',
                'pg',
                'pg-boss',
                'fastify',
                '@octokit/*',
              ],
              allowTypeImports: true,
              message:
                "Load this in the command's action with `await import(…)`: every command module is loaded at start-up.",
            },
            {
              group: ['@opentelemetry/*'],
              allowTypeImports: true,
              message:
                'Load OpenTelemetry only through src/tracing/tracing.ts (startTracing imports the SDK when tracing is on).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/jobs/**', '**/server/**', '**/cli/**'],
              message: 'Services sit below jobs, the server and the CLI.',
            },
          ],
        },
      ],
    },
  },
);
