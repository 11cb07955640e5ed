/**
 * The Temporal UI as the demo serves it (dev/temporalUiFront.ts in front of the dev server's built-in UI,
 * `--ui-codec-endpoint` pointing at /codec on the same origin): an admin signed in to Plazo opens a case's
 * workflow from the case page and reads its input decoded; a caseworker has no link and, opening the page
 * anyway, is refused by the front (as is anyone not signed in: the UI would list and let them terminate
 * every case). Also the cross-origin path the production UI takes
 * (TEMPORAL_CODEC_INCLUDE_CREDENTIALS): the CORS preflight, then the codec with the session cookie.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { daysAgo, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';
import { testDataConverter } from './codecKeys';
import { freePort } from '../dev/freePort';
import { temporalCli } from '../dev/temporalBinaries';
import { startTemporalUiFront, type TemporalUiFront } from '../dev/temporalUiFront';
import { caseWorkflowId } from '../workflows/caseDefinitions';
import { SESSION_COOKIE } from '../app/people/sessions';

const CASE = 'UI-1';
const CHILD = 'Valentina Quispe';
let h: ApiHarness;
let front: TemporalUiFront;
let uiOrigin: string;
const browsers: Browser[] = [];

beforeAll(async () => {
  const [frontPort, uiPort] = [await freePort(), await freePort()];
  uiOrigin = `http://127.0.0.1:${frontPort}`;
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: temporalCli(), ip: '127.0.0.1', ui: true, uiPort, extraArgs: ['--ui-codec-endpoint', `${uiOrigin}/codec`] },
    client: { dataConverter: testDataConverter() },
  });
  h = await startApiHarness('temporal-ui-codec', { env, temporalUiUrl: uiOrigin });
  front = await startTemporalUiFront({ host: '127.0.0.1', port: frontPort, uiPort, apiPort: Number(new URL(h.base).port), signInUrl: `${h.base}/login` });
  const open = await h.http('POST', '/api/cases', {
    as: 'eva', // only an admin chooses a case id
    body: { caseId: CASE, child: { name: CHILD, nationality: 'Perú' }, entryDate: daysAgo(5), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  });
  expect(open.status).toBe(201);
}, 180_000);

afterAll(async () => {
  for (const b of browsers) await b.close();
  await front?.close();
  await h?.teardown();
});

async function signedIn(who: StaffKey) {
  const browser = await launchBrowser();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.goto(`${h.base}/login`);
  await submitTokenForm(page, h.tokens[who]);
  return page;
}

test("an admin follows the case page's link to the Temporal UI and reads the workflow's input decoded", async () => {
  const page = await signedIn('eva');
  await page.goto(`${h.base}/cases/${CASE}`);
  const href = await page.getAttribute('#temporal-link', 'href');
  expect(href).toBe(`${uiOrigin}/namespaces/default/workflows/${encodeURIComponent(caseWorkflowId(CASE))}`);
  await page.goto(href!);
  // The UI calls the codec on its own origin with the session cookie; the decoded input holds the child's name.
  await page.getByText(CHILD).first().waitFor({ timeout: 60_000 });
});

test('a caseworker has no link to the Temporal UI, and the front serves her none of it', async () => {
  const page = await signedIn('ana');
  await page.goto(`${h.base}/cases/${CASE}`);
  expect(await page.locator('#temporal-link').count()).toBe(0);
  expect(await page.locator(`a[href^="${uiOrigin}"]`).count()).toBe(0);
  const response = await page.goto(`${uiOrigin}/namespaces/default/workflows/${encodeURIComponent(caseWorkflowId(CASE))}`);
  expect(response?.status()).toBe(403);
  expect(await page.content()).not.toContain(CHILD);
  expect(await page.content()).not.toContain(caseWorkflowId(CASE));
});

test("without signing in, neither the UI nor its workflow list is served; an admin's token or session is let through", async () => {
  const list = `${uiOrigin}/api/v1/namespaces/default/workflows`;
  for (const headers of [{}, { cookie: 'plazo_session=plz_not-a-session-0123456789' }, { authorization: `Bearer ${h.tokens.ana}` }] as Record<string, string>[]) {
    const [page, workflows] = await Promise.all([fetch(`${uiOrigin}/`, { headers }), fetch(list, { headers })]);
    expect({ headers, page: page.status, workflows: workflows.status }).toEqual({ headers, page: headers.authorization ? 403 : 401, workflows: headers.authorization ? 403 : 401 });
    expect(await workflows.text()).not.toContain(caseWorkflowId(CASE));
  }
  const anonymous = await (await fetch(`${uiOrigin}/`)).text();
  expect(anonymous).toContain(`href="${h.base}/login"`);
  // The same requests as an admin: the UI's list names the case's workflow.
  for (const headers of [{ authorization: `Bearer ${h.tokens.eva}` }, { cookie: `${SESSION_COOKIE}=${encodeURIComponent(h.tokens.eva)}` }] as Record<string, string>[]) {
    const workflows = await fetch(list, { headers });
    expect(workflows.status).toBe(200);
    expect(await workflows.text()).toContain(caseWorkflowId(CASE));
  }
});

describe('the codec from another origin, with the session cookie (the production UI)', () => {
  const toJson = (p: temporal.api.common.v1.IPayload) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });
  async function inputPayloads() {
    const raw = new Client({ connection: h.env.connection, namespace: 'default' });
    const history = await raw.workflow.getHandle(caseWorkflowId(CASE)).fetchHistory();
    return history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!.input!.payloads!.map(toJson);
  }
  const decode = (cookie: string | null, payloads: unknown) =>
    fetch(`${h.base}/codec/decode`, {
      method: 'POST',
      headers: { origin: uiOrigin, 'content-type': 'application/json', 'x-namespace': 'default', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ payloads }),
    });

  test('the preflight allows the UI origin with credentials and the headers the UI sends', async () => {
    const res = await fetch(`${h.base}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: uiOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')!.split(/,\s*/)).toEqual(expect.arrayContaining(['content-type', 'x-namespace']));
  });

  test("an admin's session cookie decodes; a caseworker's is refused; none is a 401 — each readable by the UI", async () => {
    const payloads = await inputPayloads();
    const admin = await decode(`${SESSION_COOKIE}=${encodeURIComponent(h.tokens.eva)}`, payloads);
    expect(admin.status).toBe(200);
    expect(admin.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(admin.headers.get('access-control-allow-credentials')).toBe('true');
    const body = (await admin.json()) as { payloads: { data: string }[] };
    expect(body.payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('')).toContain(CHILD);

    const caseworker = await decode(`${SESSION_COOKIE}=${encodeURIComponent(h.tokens.ana)}`, payloads);
    expect(caseworker.status).toBe(403);
    expect(caseworker.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(await caseworker.text()).not.toContain(CHILD);

    const nobody = await decode(null, payloads);
    expect(nobody.status).toBe(401);
    expect(nobody.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  });
});
