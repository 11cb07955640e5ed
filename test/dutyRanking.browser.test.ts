/**
 * Whose duty it is (issue 23 item 3), with the demo's cases (dev/demoSeed.ts, opened through the API as
 * `make demo` does) in a real browser at 390 px, in Spanish: the detained child (DEMO-04, detained 9 h
 * ago) is the first card of Ana's "Mis casos" and the first row of Roberto's inbox; no authority's
 * obligation outranks the NGO's own deadlines, in the list or within a card; COMAR's months-old notice
 * to INM (DEMO-03, claim filed 60 days ago) reads as COMAR's breach in days, with what the NGO can do.
 * Screenshots go to the system's temp directory (PLAZO_DUTY_SHOTS names another) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDemoCases, type DemoCall } from '../dev/demoSeed';
import { eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';

const SHOTS = process.env.PLAZO_DUTY_SHOTS ?? join(tmpdir(), 'plazo-duty-ranking');

let h: ApiHarness;
let phone: Browser;

beforeAll(async () => {
  [h, phone] = await Promise.all([startApiHarness('duty-ranking'), launchBrowser({ width: 390, height: 844 })]);
  mkdirSync(SHOTS, { recursive: true });
  const keyOf = (personId: string) => (Object.keys(STAFF) as StaffKey[]).find((k) => STAFF[k].id === personId)!;
  const call: DemoCall = async (personId, method, path, body) => {
    const r = await h.http(method, path, { as: keyOf(personId), body });
    return { status: r.status, json: r.json };
  };
  expect(await openDemoCases(call)).toBe(9);
  // Every demo case projected with its last event (the detention, COMAR's overdue notice).
  await eventually(async () => {
    const kevin = (await h.http('GET', '/api/cases/DEMO-04')).json;
    const daniela = (await h.http('GET', '/api/cases/DEMO-03', { as: 'luis' })).json;
    if (!kevin.detained || !daniela.deadlines?.some((d: { deadlineId: string }) => d.deadlineId === 'comar_notice_to_inm')) throw new Error('not projected yet');
  }, 60_000);
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await h?.teardown();
});

const login = (who: StaffKey): Promise<Page> => signedInPage(phone, h.base, h.tokens[who]);
/** A deadline line or row is an authority's duty by its class (dl-/row- breach or waiting). */
const AUTHORITY = /(^|\s)(dl|row)-(breach|waiting)(\s|$)/;

test('"Mis casos" at 390 px: the detained child first, and no authority obligation above the NGO\'s own deadlines', async () => {
  const page = await login('ana');
  await page.goto(`${h.base}/cases?lang=es`);
  const cards = await page.locator('#cases tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({ id: r.getAttribute('data-case'), lines: [...r.querySelectorAll('ul.dl li')].map((l) => ({ id: l.getAttribute('data-deadline'), cls: l.className, text: l.textContent ?? '' })) })),
  );
  expect(cards[0]!.id).toBe('DEMO-04');
  // What is due at the detention itself first (INM's immediate notice, and amparo_now under mx-2027.2:
  // Ley de Amparo art. 17 fr. IV), then its 36 hours.
  const ids = cards[0]!.lines.map((l) => l.id);
  const immediate = ids.slice(0, ids.indexOf('detention_36h'));
  expect(immediate).toContain('child_detention_notice');
  expect(immediate.every((id) => id === 'child_detention_notice' || id === 'amparo_now')).toBe(true);
  expect(cards[0]!.lines[immediate.length]!.text).toMatch(/faltan 2[67] horas/);
  // A card with something the NGO must do comes before every card where only an authority owes something.
  const ngoCard = cards.map((c) => c.lines.some((l) => !AUTHORITY.test(l.cls)));
  expect(ngoCard.indexOf(false) === -1 || ngoCard.lastIndexOf(true) < ngoCard.indexOf(false)).toBe(true);
  // Within each card the NGO's deadlines come first too.
  for (const c of cards) {
    const own = c.lines.map((l) => !AUTHORITY.test(l.cls));
    expect(own.indexOf(false) === -1 || own.lastIndexOf(true) < own.indexOf(false)).toBe(true);
  }
  // Hours beyond 72 read in days: no overdue term says hundreds of hours.
  const body = (await page.textContent('main')) ?? '';
  expect(body).not.toMatch(/\d{3,} horas/);
  const { scroll, viewport } = await page.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
  expect(scroll).toBeLessThanOrEqual(viewport);
  await page.screenshot({ path: join(SHOTS, 'cases-ana.png'), fullPage: true });
  await page.close();
}, 120_000);

test('the supervisor\'s inbox at 390 px: the detained child first, only what the NGO must do', async () => {
  const page = await login('beto');
  await page.goto(`${h.base}/inbox?lang=es`);
  const rows = await page.locator('#inbox-deadlines tbody tr').evaluateAll((rs) => rs.map((r) => ({ id: r.getAttribute('data-deadline') ?? '', cls: r.className })));
  expect(rows[0]!.id).toMatch(/^DEMO-04:/);
  expect(rows.filter((r) => AUTHORITY.test(r.cls))).toEqual([]);
  // COMAR's breach on DEMO-03 is not the team's alarm: it is not in the inbox at all.
  expect(rows.map((r) => r.id)).not.toContain('DEMO-03:comar_notice_to_inm');
  expect((await page.textContent('main')) ?? '').not.toMatch(/\d{3,} horas/);
  await page.screenshot({ path: join(SHOTS, 'inbox-roberto.png'), fullPage: true });
  // His "Mis casos" too: every case of the team, the detained child first.
  await page.goto(`${h.base}/cases?lang=es`);
  expect(await page.locator('#cases tbody tr').first().getAttribute('data-case')).toBe('DEMO-04');
  const order = await page.locator('#cases tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-case')));
  // Daniela's case has the NGO's weekly signature: it stays among the NGO's cases, not lifted by COMAR's breach.
  expect(order.indexOf('DEMO-03')).toBeGreaterThan(0);
  await page.close();
}, 120_000);

test('the case page shows COMAR\'s late notice as its breach, with what the NGO can do, in Spanish', async () => {
  const page = await login('beto');
  await page.goto(`${h.base}/cases/DEMO-03?lang=es`);
  const card = page.locator('#authority-breaches [data-breach="comar_notice_to_inm"]');
  const text = (await card.textContent()) ?? '';
  expect(text).toMatch(/Incumple la COMAR: venció hace 5[6-9] días/);
  expect(text).toContain('Qué puede hacer la organización');
  expect(text).toContain('Presentar queja ante la CNDH por la dilación.');
  expect(text).toContain('derecho de petición, CPEUM art. 8');
  // In the deadline table it says whose duty it is, and is not coloured as the caseworker's overdue term.
  const row = page.locator('#deadline-table tr[data-deadline="comar_notice_to_inm"]').first();
  expect(await row.getAttribute('class')).toBe('row-breach');
  expect(await row.textContent()).toContain('Obligación de la COMAR');
  const { scroll, viewport } = await page.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
  expect(scroll).toBeLessThanOrEqual(viewport);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'case-DEMO-03.png') });
  await page.screenshot({ path: join(SHOTS, 'case-DEMO-03-full.png'), fullPage: true });
  // The dashboard counts it among the authorities' breaches.
  await page.goto(`${h.base}/dashboard?lang=es`);
  expect(Number(await page.textContent('[data-figure="breaches"]'))).toBeGreaterThanOrEqual(1);
  expect(await page.locator('#authority-breaches [data-actor="comar"]').count()).toBe(1);
  await page.close();
}, 120_000);
