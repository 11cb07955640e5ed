/**
 * The program dashboard in a real browser (Debian's chromium), in Spanish, at 1280 and 390 px, and its CSV
 * exports, against the real stack. DB-1 (Ana's, CDMX) has a child detained 40 hours ago and still held
 * (past the 36-hour limit). DB-2 (Luis's, Tapachula) has a claim filed Mon 2024-05-20 decided Mon
 * 2024-08-05: 52 business days against 45 (worked in app/program/programFigures.test.ts), so late.
 */
import type { Page } from 'playwright-core';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';

let h: ApiHarness;
let wide: Browser;
let phone: Browser;
const detainedAt = new Date(Date.now() - 40 * 3600_000);

beforeAll(async () => {
  [h, wide, phone] = await Promise.all([startApiHarness('dashboard'), launchBrowser({ width: 1280, height: 1000 }), launchBrowser({ width: 390, height: 844 })]);
  const open = async (caseId: string, name: string, office: string, cw: string, sup: string, law: string, entryDate: string) =>
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: { caseId, child: { name }, entryDate, office, assignments: { caseworker: cw, supervisor: sup, lawyer: law } } })).status).toBe(201);
  const event = async (caseId: string, body: Record<string, unknown>) => expect((await h.http('POST', `/api/cases/${caseId}/events`, { as: 'eva', body })).status).toBe(200);
  await open('DB-1', 'Marisol Reyes', 'CDMX', STAFF.ana.id, STAFF.beto.id, STAFF.carla.id, daysAgo(5));
  await event('DB-1', { type: 'detention_started', occurredAt: detainedAt.toISOString(), place: 'EM Iztapalapa' });
  await open('DB-2', 'Josué Pineda', 'Tapachula', STAFF.luis.id, STAFF.sofia.id, STAFF.diego.id, '2024-05-10');
  await event('DB-2', { type: 'asylum_claim_filed', occurredAt: '2024-05-20' });
  await event('DB-2', { type: 'decision_notified', occurredAt: '2024-08-05', outcome: 'recognized' });
  await eventually(async () => {
    const rows = await h.pg.db.selectFrom('case_timeline').select('type').where('case_id', '=', 'DB-2').where('type', '=', 'decision_notified').execute();
    const det = await h.pg.db.selectFrom('cases').select('detained').where('id', '=', 'DB-1').executeTakeFirst();
    if (rows.length === 0 || !det?.detained) throw new Error('not projected yet');
  });
}, 240_000);

afterAll(async () => {
  await Promise.all([wide?.close(), phone?.close()]);
  await h?.teardown();
});

const login = (b: Browser, who: StaffKey): Promise<Page> => signedInPage(b, h.base, h.tokens[who]);

const figure = (page: Page, scope: string, name: string) => page.textContent(`${scope} [data-figure="${name}"]`);

test('the director sees every case: caseload, the late COMAR decision, the detention past 36 hours, charts', async () => {
  const page = await login(wide, 'dora');
  await Promise.all([page.waitForNavigation(), page.click('header a[href="/dashboard"]')]);
  expect(await page.textContent('h1')).toBe('Tablero del programa');
  expect(await figure(page, '#caseload', 'open')).toBe('2');
  expect(await figure(page, '#caseload', 'detained')).toBe('1');
  // Opened as 'CDMX', stored as the office list names it.
  expect(await page.textContent('#by-office tr[data-key="COMAR CDMX"]')).toMatch(/COMAR CDMX\s*1\s*\d\s*1/);
  expect(await figure(page, '#comar', 'n')).toBe('1');
  expect(await figure(page, '#comar', 'over')).toBe('1');
  expect(await figure(page, '#comar', 'share')).toBe('100 %');
  expect(await figure(page, '#comar', 'median')).toBe('52');
  expect(await figure(page, '#detention', 'pending')).toBe('1');
  expect(await figure(page, '#detention', 'pendingOver')).toBe('1');
  // Charts are SVG drawn on the server, shown as images: no script draws them.
  const src = await page.getAttribute('#comar img.chart', 'src');
  expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(Buffer.from(src!.split(',')[1]!, 'base64').toString()).toContain('<svg');
  expect(await page.locator('img.chart').count()).toBeGreaterThanOrEqual(3);
  // No child's name on the program's page.
  const body = await page.textContent('body');
  expect(body).not.toContain('Marisol');
  expect(body).not.toContain('Josué');
  // The director's export has no names, and may not ask for them.
  expect(await page.locator('#csv-deadlines-names').count()).toBe(0);

  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('header')).toBe(false);
  expect(await page.isVisible('#comar img.chart')).toBe(true);
  await page.emulateMedia({ media: 'screen' });
});

test('a supervisor sees only the cases of their team; a caseworker has no dashboard', async () => {
  const page = await login(wide, 'beto');
  await page.goto(`${h.base}/dashboard`);
  expect(await figure(page, '#caseload', 'open')).toBe('1');
  expect(await figure(page, '#comar', 'n')).toBe('0');
  // The export with names asks why first (the form's reason is required, at least 3 characters).
  expect(await page.locator('#csv-deadlines-names input[name="reason"][required][minlength="3"]').count()).toBe(1);
  const ana = await login(wide, 'ana');
  expect(await ana.locator('header a[href="/dashboard"]').count()).toBe(0);
  const res = await ana.goto(`${h.base}/dashboard`);
  expect(res?.status()).toBe(403);
});

test('at 390 px the dashboard fits the screen', async () => {
  const page = await login(phone, 'dora');
  await page.goto(`${h.base}/dashboard`);
  expect(await page.isVisible('#comar img.chart')).toBe(true);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
});

test("CSV exports: no children's names unless the role may export them", async () => {
  const director = await h.http('GET', '/api/program/deadlines.csv', { as: 'dora' });
  expect(director.status).toBe(200);
  expect(director.headers.get('content-type')).toContain('text/csv');
  const [header, ...lines] = director.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(header!.split(',')).not.toContain('child_name');
  expect(header!.split(',')).toEqual(expect.arrayContaining(['case_id', 'office', 'rule', 'status', 'due', 'due_latest']));
  expect(lines.some((l) => l.startsWith('DB-2,'))).toBe(true);
  expect(director.text).not.toContain('Marisol');
  expect((await h.http('GET', '/api/program/deadlines.csv?names=1', { as: 'dora' })).status).toBe(403);

  // Names only with a reason, which the audit row keeps.
  for (const query of ['names=1', 'names=1&reason=', 'names=1&reason=%20ok%20']) {
    const refused = await h.http('GET', `/api/program/deadlines.csv?${query}`, { as: 'beto' });
    expect({ query, status: refused.status, field: refused.json?.error?.field }).toEqual({ query, status: 400, field: 'reason' });
  }
  const supervisor = await h.http('GET', '/api/program/deadlines.csv?names=1&reason=informe%20a%20la%20Procuradur%C3%ADa', { as: 'beto' });
  expect(supervisor.status).toBe(200);
  expect(supervisor.text).toContain('Marisol Reyes');
  expect(supervisor.text).not.toContain('Josué'); // not in Beto's scope
  const audited = await eventually(async () => {
    const rows = await h.pg.db.selectFrom('audit_log').select(['action', 'status', 'detail']).where('user_id', '=', STAFF.beto.id).where('path', '=', '/api/program/deadlines.csv').where('status', '=', 200).execute();
    expect(rows).toHaveLength(1);
    return rows;
  });
  expect(audited.map((a) => ({ ...a, detail: typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail }))).toEqual([
    { action: 'program.export', status: 200, detail: { export: 'deadlines', names: true, reason: 'informe a la Procuraduría' } },
  ]);

  const compliance = await h.http('GET', '/api/program/compliance.csv', { as: 'dora' });
  expect(compliance.text).toMatch(/comar_decision,DB-2,COMAR Tapachula,2024-05-20,2024-08-05,false,52,business_days,45,true/);
  expect(compliance.text).toMatch(/detention,DB-1,COMAR CDMX,[^,]+,,true,[\d.]+,hours,36,true/);
  const json = await h.http('GET', '/api/program', { as: 'dora' });
  expect(json.json.comar).toMatchObject({ n: 1, over: 1 });
  expect((await h.http('GET', '/api/program', { as: 'ana' })).status).toBe(403);
});
