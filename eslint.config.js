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
            { group: ['**/store/**', '**/jobs/**', '**/sources/**', '**/server/**', '**/cli/**'], message: 'src/core is pure: no store, jobs, sources, server or cli imports.' },
            { group: ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:net', 'pg', '@electric-sql/*'], message: 'src/core does no I/O.' },
          ],
        },
      ],
    },
  },
);
