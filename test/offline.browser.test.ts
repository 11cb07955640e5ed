/**
 * The offline app (issue 27 item 1) in Debian's chromium at 390 px against the real stack, the network cut
 * with `context.setOffline(true)`: a case page and the 14-day agenda open from the device, stamped
 * "Actualizado hace …", the 36 hours still counting down; an event typed without signal waits "pendiente",
 * is sent when the signal returns and lands once in the timeline with the deadlines recomputed; the same
 * fact typed offline by a second person is refused with the server's reason and her values kept; sending
 * one again records nothing more; signing out, the server ending a session and 7 days without sync clear
 * the device (IndexedDB and Cache Storage read from the page).
 *
 * What this chromium does with the emulated cut, checked here rather than assumed: the service worker's own
 * fetches fail too (the first test asserts it, by a page served from the device while the server is up).
 */
import type { Page } from 'playwright-core';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';

let h: ApiHarness;
let ana: Browser;
let carla: Browser;
const CASE = 'OFF-1';
const SHOTS = process.env.PLAZO_SCREENSHOTS ? 'docs/screenshots' : null;

beforeAll(async () => {
  [h, ana, carla] = await Promise.all([startApiHarness('offline'), launchBrowser({ width: 390, height: 844 }), launchBrowser({ width: 390, height: 844 })]);
  const open = await h.http('POST', '/api/cases', {
    as: 'eva',
    body: { caseId: CASE, child: { name: 'Itzel Pérez' }, entryDate: daysAgo(10), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  });
  expect(open.status).toBe(201);
  // A detention two hours ago: the 36-hour limit a phone must keep counting down without signal.
  const at = new Date(Date.now() - 2 * 3600_000).toISOString();
  expect((await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_started', occurredAt: at, place: 'Estación migratoria Siglo XXI' } })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await Promise.all([ana?.close(), carla?.close()]);
  await h?.teardown();
});

/**
 * Browser-side code, as text: the project's type-check has no DOM. `openDb` opens the worker's database;
 * `device` reads what the device holds: the queue and meta in IndexedDB, the kept pages in Cache Storage.
 */
const OPEN_DB = `new Promise((resolve, reject) => {
  const r = indexedDB.open('plazo-offline', 1);
  r.onupgradeneeded = () => { r.result.createObjectStore('queue', { keyPath: 'key' }); r.result.createObjectStore('meta', { keyPath: 'name' }); };
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
})`;
const DEVICE = `(async () => {
  const db = await ${OPEN_DB};
  const all = (store) => new Promise((resolve) => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => resolve(q.result); });
  const queue = await all('queue');
  const meta = await all('meta');
  db.close();
  const pages = (await caches.has('plazo-pages')) ? (await (await caches.open('plazo-pages')).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search) : [];
  return { queue, meta: Object.fromEntries(meta.map((m) => [m.name, m.value])), pages };
})()`;
interface Device {
  queue: { key: string; caseId: string; state: string; reason?: string }[];
  meta: Record<string, unknown>;
  pages: string[];
}
const device = (page: Page): Promise<Device> => page.evaluate(DEVICE) as Promise<Device>;
/** Writes into the worker's database from the page (a store name and a body run on it). */
const onStore = (page: Page, store: string, body: string) =>
  page.evaluate(`(async () => {
  const db = await ${OPEN_DB};
  const s = db.transaction('${store}', 'readwrite').objectStore('${store}');
  await new Promise((resolve) => { ${body} });
  db.close();
})()`);

/** Signs in, opens "Mis casos" and waits until the worker has kept this person's pages. */
async function syncedPhone(b: Browser, who: StaffKey): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`${h.base}/login?lang=es`);
  await submitTokenForm(page, h.tokens[who]);
  await page.goto(`${h.base}/cases`);
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  // The refresh is over once it wrote lastRefresh (after the pages): nothing of it runs on afterwards.
  await eventually(async () => {
    const d = await device(page);
    expect(d.pages).toEqual(expect.arrayContaining([`/cases/${CASE}`, '/agenda?view=fortnight&mine=1']));
    expect(d.meta.lastRefresh).toEqual(expect.any(Number));
  }, 30_000);
  return page;
}

const timeline = async () => (await h.http('GET', `/api/cases/${CASE}/timeline`, { as: 'beto' })).json as { seq: number; type: string; by: string }[];
const claims = async () => (await timeline()).filter((t) => t.type === 'asylum_claim_filed');

let anaPage: Page;
let carlaPage: Page;

test('a case page and the agenda open without signal, stamped with their age, the 36 hours still counting down', async () => {
  anaPage = await syncedPhone(ana, 'ana');
  const kept = await device(anaPage);
  expect(kept.meta.owner).toBe(STAFF.ana.id);
  // Only Ana's own pages: her list, her 14 days, her case; no admin page, no CSV, no PDF.
  expect(kept.pages.every((p) => p === '/cases' || p.startsWith('/cases/') || p === '/agenda?view=fortnight&mine=1')).toBe(true);

  await ana.context.setOffline(true);
  // The worker's fetch fails too: with the server up, a page the device does not keep is the offline notice.
  await anaPage.goto(`${h.base}/cases/new`);
  expect(await anaPage.textContent('h1')).toBe('No está en este dispositivo');

  await anaPage.goto(`${h.base}/cases/${CASE}`);
  expect(await anaPage.textContent('h1')).toContain('Itzel Pérez');
  expect(await anaPage.isVisible('#deadline-table')).toBe(true);
  const stamp = anaPage.locator('#offline-stamp');
  expect(await stamp.textContent()).toMatch(/^Sin conexión: .* Actualizado hace \d+ minutos?$/);
  const clock = anaPage.locator('#deadline-table .countdown').first();
  const first = await clock.textContent();
  expect(first).toMatch(/^3[34]:\d\d:\d\d$/);
  await eventually(async () => expect(await clock.textContent()).not.toBe(first), 5_000);
  // The kept page is the same bytes each time it opens: each view still gets its own Idempotency-Key.
  const keyOf = () => anaPage.inputValue('#event-form input[name=idempotencyKey]');
  const key = await keyOf();
  await anaPage.reload();
  expect(await keyOf()).not.toBe(key);
  if (SHOTS) await anaPage.screenshot({ path: `${SHOTS}/offline-case-390.png` });

  await anaPage.goto(`${h.base}/agenda?view=fortnight&mine=1`);
  expect(await anaPage.textContent('h1')).toContain('14 días');
  expect(await anaPage.locator(`table.agenda a[href="/cases/${CASE}"]`).count()).toBeGreaterThan(0);
  expect(await anaPage.textContent('#offline-stamp')).toContain('Actualizado hace');
  if (SHOTS) await anaPage.screenshot({ path: `${SHOTS}/offline-agenda-390.png` });
}, 180_000);

/** Types the claim's filing into the event form (without signal: it is queued on the device). */
async function fileClaim(page: Page, note: string): Promise<void> {
  await page.goto(`${h.base}/cases/${CASE}`);
  await page.selectOption('#ev-type', 'asylum_claim_filed');
  await page.fill('#event-form input[name=date]', daysAgo(0));
  await page.selectOption('#event-form select[name=signatureWeekday]', 'Tuesday');
  await page.fill('#event-form textarea[name=note]', note);
  await Promise.all([page.waitForURL(/queued=1/), page.click('#event-form button[type=submit]')]);
}

test('typed without signal: pendiente; sent when the signal returns, once in the timeline, deadlines recomputed; the same fact from a second phone refused with its reason and values kept', async () => {
  await fileClaim(anaPage, 'presentada en la estación');
  await eventually(async () => expect(await anaPage.textContent('#offline-queue li[data-state=pending]')).toContain('pendiente'));
  expect(await anaPage.textContent('.flash')).toContain('Guardado en este dispositivo');
  const queued = (await device(anaPage)).queue;
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ caseId: CASE, state: 'pending' });
  expect(queued[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
  if (SHOTS) await anaPage.screenshot({ path: `${SHOTS}/offline-pending-390.png` });
  expect(await claims()).toHaveLength(0);

  // Carla, the case's lawyer, types the same fact on her phone, also without signal.
  carlaPage = await syncedPhone(carla, 'carla');
  await carla.context.setOffline(true);
  await fileClaim(carlaPage, 'la presenté yo');

  // Ana's signal returns first: `online` sends it (Background Sync is registered too, where chromium has it).
  await ana.context.setOffline(false);
  await eventually(async () => expect(await anaPage.textContent('#offline-queue li[data-state=recorded]')).toContain('registrado'), 30_000);
  if (SHOTS) await anaPage.screenshot({ path: `${SHOTS}/offline-recorded-390.png` });
  expect((await claims()).map((t) => t.by)).toEqual([STAFF.ana.id]);

  await carla.context.setOffline(false);
  const refused = carlaPage.locator('#offline-queue li[data-state=refused]');
  await eventually(async () => expect(await refused.textContent()).toMatch(/rechazado: .*ya/), 30_000);
  expect((await claims()).map((t) => t.by)).toEqual([STAFF.ana.id]); // nothing overwritten, nothing added
  // Her values are kept to fix: "Corregir" puts them back in the form.
  await refused.locator('button', { hasText: 'Corregir' }).click();
  expect(await carlaPage.inputValue('#ev-type')).toBe('asylum_claim_filed');
  expect(await carlaPage.inputValue('#event-form textarea[name=note]')).toBe('la presenté yo');
  if (SHOTS) await carlaPage.screenshot({ path: `${SHOTS}/offline-refused-390.png` });

  // Online again, the case page shows the claim once and the terms it opened.
  await anaPage.goto(`${h.base}/cases/${CASE}`);
  expect(await anaPage.locator('#timeline-table tr[data-type=asylum_claim_filed]').count()).toBe(1);
  const rules = await anaPage.$$eval('#deadline-table tr[data-deadline]', (rows) => rows.map((r) => r.getAttribute('data-deadline') ?? ''));
  expect(rules.some((id) => id.startsWith('comar_decision'))).toBe(true);
}, 240_000);

test('sending one again (its answer lost on the way) records nothing more', async () => {
  // The device forgets it heard "registrado": the worker sends it again under the same Idempotency-Key.
  await onStore(anaPage, 'queue', "const all = s.getAll(); all.onsuccess = () => { for (const item of all.result) s.put({ ...item, state: 'pending' }); resolve(null); };");
  await anaPage.reload();
  await eventually(async () => expect((await device(anaPage)).queue.map((i) => i.state)).toEqual(['recorded']), 30_000);
  expect((await claims()).map((t) => t.by)).toEqual([STAFF.ana.id]);
}, 120_000);

test('two people recording the same repeatable fact both reach the timeline; the second is told "posible duplicado"; the worker\'s list is the person\'s own', async () => {
  // As the worker sends a queued form: its sync header, the person's session cookie.
  const send = (who: StaffKey, key: string) =>
    h.http('POST', `/cases/${CASE}/events`, {
      as: null,
      raw: new URLSearchParams({ type: 'placement_changed', date: daysAgo(0), kind: 'family', placement: 'Tía materna', idempotencyKey: key }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `plazo_session=${h.tokens[who]}`, 'x-plazo-sync': '1' },
    });
  const first = await send('ana', 'placement-ana');
  expect(first.json).toEqual({ status: 'recorded' });
  const second = await send('carla', 'placement-carla');
  expect(second.status).toBe(200);
  expect(second.json).toMatchObject({ status: 'recorded', duplicateOf: { by: 'Ana' } });
  // Sent again under its key: the first answer, and nothing more recorded.
  expect((await send('carla', 'placement-carla')).json).toEqual(second.json);
  expect((await timeline()).filter((t) => t.type === 'placement_changed').map((t) => t.by)).toEqual([STAFF.ana.id, STAFF.carla.id]);

  // The same from Carla's phone without signal: on reconnect, "registrado" and the warning, naming who recorded the first.
  await carla.context.setOffline(true);
  await carlaPage.goto(`${h.base}/cases/${CASE}`);
  await carlaPage.selectOption('#ev-type', 'placement_changed');
  await carlaPage.selectOption('#event-form select[name=kind]', 'family');
  await carlaPage.fill('#event-form input[name=placement]', 'Tía materna');
  await Promise.all([carlaPage.waitForURL(/queued=1/), carlaPage.click('#event-form button[type=submit]')]);
  await carla.context.setOffline(false);
  const seq = (await timeline()).find((t) => t.type === 'placement_changed')!.seq;
  const warned = carlaPage.locator('#offline-queue li[data-state=recorded] .possible-duplicate');
  await eventually(async () => expect(await warned.textContent()).toBe(`posible duplicado de #${seq}, registrado por Ana`), 30_000);
  if (SHOTS) await carlaPage.screenshot({ path: `${SHOTS}/offline-duplicate-390.png` });
  expect((await timeline()).filter((t) => t.type === 'placement_changed')).toHaveLength(3);

  const pagesOf = (who: StaffKey | null) => h.http('GET', '/offline/pages', { as: null, headers: { 'x-plazo-sync': '1', ...(who ? { cookie: `plazo_session=${h.tokens[who]}` } : {}) } });
  expect((await pagesOf(null)).status).toBe(401);
  expect((await pagesOf('ana')).json).toEqual({ person: STAFF.ana.id, pages: ['/cases', '/agenda?view=fortnight&mine=1', `/cases/${CASE}`] });
  // A supervisor's list holds the team's cases too: only their own case pages and agenda are kept.
  expect((await pagesOf('beto')).json.pages).toEqual(['/agenda?view=fortnight&mine=1', `/cases/${CASE}`]);
  expect((await pagesOf('luis')).json.pages).toEqual(['/cases', '/agenda?view=fortnight&mine=1']);
}, 120_000);

test('signing out clears the device; so do a session the server ended and 7 days without sync', async () => {
  expect((await device(anaPage)).pages.length).toBeGreaterThan(0);
  await Promise.all([anaPage.waitForURL(/\/login/), anaPage.click('header form button[type=submit]')]);
  expect(await device(anaPage)).toEqual({ queue: [], meta: {}, pages: [] });

  // Carla's session is ended from another device: her phone clears at its next contact with the server.
  expect((await device(carlaPage)).pages.length).toBeGreaterThan(0);
  await h.pg.db.updateTable('web_sessions').set({ revoked_at: new Date() }).where('user_id', '=', STAFF.carla.id).execute();
  await carlaPage.goto(`${h.base}/cases/${CASE}`);
  expect(carlaPage.url()).toContain('/login');
  await eventually(async () => expect(await device(carlaPage)).toEqual({ queue: [], meta: {}, pages: [] }));

  // Ana again, synced; then, without signal, 8 days pass on the device since its last sync: nothing of hers is shown, or kept.
  anaPage = await syncedPhone(ana, 'ana');
  await ana.context.setOffline(true);
  await onStore(anaPage, 'meta', "const r = s.put({ name: 'lastSync', value: Date.now() - 8 * 86400000 }); r.onsuccess = () => resolve(null);");
  await anaPage.goto(`${h.base}/cases/${CASE}`);
  expect(await anaPage.textContent('h1')).toBe('No está en este dispositivo');
  expect((await device(anaPage)).pages).toEqual([]);
  await ana.context.setOffline(false);
}, 180_000);
