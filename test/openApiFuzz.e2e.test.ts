/**
 * A generic OpenAPI fuzzer against the real API process: schemathesis (pinned, installed by
 * scripts/setup.sh) reads /api/openapi.json and sends generated requests to every operation, once
 * with each role's token, a bounded number of examples per operation. Whatever it sends, the server
 * must answer with no 5xx, only status codes the document lists, and bodies that match the document's
 * schemas; a request the document says is invalid must be refused; an undocumented method must be 405
 * with an Allow header. Alongside the fast-check fuzzing of apiFuzz.e2e.test.ts,
 * which knows Plazo's shapes; this one knows only the document, so it finds where the two disagree.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { daysAgo, startApiProcess, STAFF, type ApiProcess, type StaffKey } from './apiHarness';

const SCHEMATHESIS = process.env.PLAZO_SCHEMATHESIS_PATH ?? resolve(__dirname, '..', '.tools', 'bin', 'schemathesis');
const EXAMPLES = process.env.PLAZO_OPENAPI_FUZZ_EXAMPLES ?? '8';
/** What this test holds the server to (see `st run --help`). */
// Not positive_data_acceptance: a schema cannot say "a person who exists" or "not in the future", so
// schema-valid requests the server refuses with 422 are expected. Everything else schemathesis checks.
const CHECKS = process.env.PLAZO_OPENAPI_FUZZ_CHECKS?.split(',') ?? [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
  'negative_data_rejection',
  'missing_required_header',
  'unsupported_method',
  'allow_header_conformance',
];
const ROLES: StaffKey[] = ['ana', 'beto', 'carla', 'dora', 'eva'];
/** Only the operations whose path matches (e.g. ^/api/import): a quick look at one part of the document. */
const PATHS = process.env.PLAZO_OPENAPI_FUZZ_PATHS;

let p: ApiProcess;
let reports: string;

beforeAll(async () => {
  if (!existsSync(SCHEMATHESIS)) throw new Error(`no schemathesis at ${SCHEMATHESIS}: run scripts/setup.sh (it installs it from PyPI) or set PLAZO_SCHEMATHESIS_PATH`);
  // Generated requests include bad tokens by the hundred: the failed-sign-in limit is not under test here.
  p = await startApiProcess('openapi-fuzz', { PLAZO_AUTH_FAILURES_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' });
  reports = mkdtempSync(join(tmpdir(), 'plazo-schemathesis-'));
  // A case for the reads to find (the fuzzer's ids are random; this one is a real one for some operations).
  const opened = await fetch(`${p.base}/api/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.tokens.eva}`, 'content-type': 'application/json' }, // only an admin chooses a case id
    body: JSON.stringify({ caseId: 'OAS-1', child: { name: 'Caso OpenAPI' }, entryDate: daysAgo(5), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } }),
  });
  expect(opened.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await p?.teardown();
  if (reports) rmSync(reports, { recursive: true, force: true });
});

function schemathesis(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((res) => {
    // cwd: schemathesis keeps a cache (.schemathesis/) in the directory it runs in; not in the repository.
    execFile(SCHEMATHESIS, args, { cwd: reports, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' }, maxBuffer: 64 * 1024 * 1024, timeout: 280_000 }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}\n${stderr}` });
    });
  });
}

test.each(ROLES)('schemathesis as %s finds no 5xx, no undocumented status, no schema violation', async (who) => {
  const junit = join(reports, `${who}.xml`);
  const { code, out } = await schemathesis([
    'run',
    `${p.base}/api/openapi.json`,
    '--header',
    `Authorization: Bearer ${p.tokens[who]}`,
    '--checks',
    CHECKS.join(','),
    '--max-examples',
    EXAMPLES,
    '--phases',
    'examples,coverage,fuzzing',
    '--workers',
    '1',
    '--seed',
    '20261129',
    '--no-shrink',
    '--request-timeout',
    '20',
    '--report',
    'junit',
    '--report-junit-path',
    junit,
    ...(PATHS ? ['--include-path-regex', PATHS] : []),
  ]);
  // The summary names each failure (check, operation, request to reproduce it): shown when this fails.
  const summary = out.slice(-12_000);
  expect({ who, code, summary: code === 0 ? 'ok' : summary }).toEqual({ who, code: 0, summary: 'ok' });
  // It did run: every operation was tested and the report lists test cases.
  expect(out).toMatch(/Tested: \d+/);
  expect(readFileSync(junit, 'utf8')).toMatch(/<testcase /);
}, 300_000);
