/**
 * The case page as a lawyer reads it, in a real browser against the real stack: a case opened 30 days
 * ago whose child's entry into Mexico (40 days ago) is recorded afterwards; the timeline is in the order
 * things happened with the recording time beside, the deadline the entry opened sits at its trigger,
 * each notice names its deadline and due date, a weekly signature missed and then suspended by a
 * detention shows both, and the term is stated.
 */
import type { Page } from 'playwright-core';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';
import { fmtWhen } from '../domain/messages/dateWords';
import { caseTimeline } from '../app/caseTimeline';
import { SESSION_COOKIE } from '../app/people/sessions';
import { pdfText } from './pdfText';
import type { CaseView, TimelineEntryView } from '../app/schemas';

const CASE = 'TL-1';
let h: ApiHarness;
let browser: Browser;

const deadlineOf = (c: { deadlines: { deadlineId: string; status: string }[] }, id: string) => c.deadlines.find((d) => d.deadlineId === id);

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('case-timeline'), launchBrowser()]);
  const open = await h.http('POST', '/api/cases', {
    as: 'eva', // only an admin chooses a case id
    body: {
      caseId: CASE,
      child: { name: 'Marisol Pérez', nationality: 'Honduras' },
      openedAt: daysAgo(30),
      assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
    },
  });
  expect(open.status).toBe(201);
  // The entry into Mexico, learned after the case was opened.
  expect((await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'entered_mexico', occurredAt: daysAgo(40) } })).status).toBe(200);
  // A claim filed 20 days ago with Monday signatures: its first signature fell due at least 13 days ago.
  const filed = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(20), signatureWeekday: 'Monday' } });
  expect(filed.status).toBe(200);
  await eventually(async () => expect(deadlineOf((await h.http('GET', `/api/cases/${CASE}`)).json, 'weekly_signature#1')?.status).toBe('missed'), 60_000);
  // Detained a minute ago (its first alarm goes at once): the missed signature is suspended; the detention deadlines open with their alarms.
  const detained = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_started', occurredAt: new Date(Date.now() - 60_000).toISOString(), place: 'EM Tapachula' } });
  expect([detained.status, detained.json?.error]).toEqual([200, undefined]);
  expect(deadlineOf(detained.json, 'weekly_signature#1')?.status).toBe('suspended');
  await eventually(async () => {
    const tl = (await h.http('GET', `/api/cases/${CASE}/timeline`)).json as { type: string }[];
    expect(tl.some((e) => e.type === 'notification_sent')).toBe(true);
  }, 60_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

async function login(page: Page, who: StaffKey): Promise<void> {
  await page.goto(`${h.base}/`);
  await page.waitForURL(/\/login/);
  await submitTokenForm(page, h.tokens[who]);
}

test('the lawyer reads the timeline in the order things happened, with when each was recorded and the deadline each notice is about', async () => {
  const page = await browser.context.newPage();
  await login(page, 'carla');
  await page.goto(`${h.base}/cases/${CASE}`);
  const rows = page.locator('#timeline-table tbody tr');
  const types = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-type')));
  const entered = types.indexOf('entered_mexico');
  const opened = types.indexOf('case_opened');
  expect(entered).toBeGreaterThanOrEqual(0);
  // Recorded after the opening, shown before it: it happened ten days earlier.
  expect(entered).toBeLessThan(opened);
  const enteredRow = page.locator('#timeline-table tr[data-type="entered_mexico"]');
  expect(await enteredRow.locator('td').nth(1).textContent()).toBe(fmtWhen(daysAgo(40), 'es'));
  // When it was recorded, beside: today, marked as recorded apart from when it happened.
  expect(await enteredRow.locator('td.recorded-apart').count()).toBe(1);
  expect(Number(await enteredRow.getAttribute('data-seq'))).toBeGreaterThan(Number(await page.locator('#timeline-table tr[data-type="case_opened"]').getAttribute('data-seq')));

  // The filing window the entry opened sits at its trigger (the entry), not at when it was counted.
  const windowOpened = page.locator('#timeline-table tr[data-type="deadline_opened"]:has(.about[data-about="asylum_filing_window"])');
  expect(await windowOpened.locator('td').nth(1).textContent()).toBe(fmtWhen(daysAgo(40), 'es'));
  expect(types.indexOf('deadline_opened')).toBeLessThan(opened);
  // The whole table is in the order app/caseTimeline.ts gives the API's timeline (unit-tested there).
  const seqs = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
  const api = (await h.http('GET', `/api/cases/${CASE}/timeline`, { as: 'carla' })).json as TimelineEntryView[];
  const view = (await h.http('GET', `/api/cases/${CASE}`, { as: 'carla' })).json as CaseView;
  expect(seqs).toEqual(caseTimeline(api, view.deadlines).map((r) => r.entry.seq));
  expect(seqs).not.toEqual([...seqs].sort((a, b) => a - b));

  // Every notice names its deadline and its due date.
  const notices = page.locator('#timeline-table tr[data-type="notification_sent"]');
  expect(await notices.count()).toBeGreaterThan(0);
  for (const notice of await notices.all()) {
    const about = notice.locator('.about');
    const id = (await about.getAttribute('data-about'))!;
    const d = view.deadlines.find((x) => x.deadlineId === id)!;
    expect(await about.textContent()).toContain(`vence ${d.unit === 'hours' ? fmtWhen(d.dueInstant, 'es') : fmtWhen(d.due, 'es')}`);
  }
  await page.close();
});

test('a signature missed and then suspended shows both, and each deadline states its term', async () => {
  const page = await browser.context.newPage();
  // Signed in by the test above (one browser profile).
  await page.goto(`${h.base}/cases/${CASE}`);
  const tl = (await h.http('GET', `/api/cases/${CASE}/timeline`, { as: 'carla' })).json as { type: string; at: string; deadlineId: string | null }[];
  const missed = tl.find((e) => e.type === 'deadline_missed' && e.deadlineId === 'weekly_signature#1')!;
  const suspended = tl.find((e) => e.type === 'deadline_suspended' && e.deadlineId === 'weekly_signature#1')!;
  const trail = await page.locator('tr[data-deadline="weekly_signature#1"] .state-trail').textContent();
  expect(trail).toBe(`vencido el ${fmtWhen(missed.at, 'es')}, luego suspendido el ${fmtWhen(suspended.at, 'es')}`);
  // The constancia of that deadline says the same (client/pdf/constancia.ts), read back by pdf.js.
  const pdf = await fetch(`${h.base}/cases/${CASE}/deadlines/weekly_signature.1/constancia.pdf?lang=es`, { headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(h.tokens.carla)}` } });
  expect(pdf.status).toBe(200);
  expect((await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ')).toContain(`Estado: ${trail}`);

  // COMAR's decision: 45 business days (LRPCAP art. 24), stated beside the title, not only in the explanation.
  expect(await page.locator('tr[data-deadline="comar_decision"] .term').textContent()).toMatch(/^Plazo: 45 días hábiles, LRPCAP art\. 24/);
  expect(await page.locator('tr[data-deadline="child_detention_notice"] .term').textContent()).toMatch(/^Plazo: /);
  await page.close();
});
