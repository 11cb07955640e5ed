/**
 * The calendar feed end to end (dev server, worker, Postgres, API over HTTP), read by an independent
 * parser (node-ical): a detained child's 36-hour limit appears at the instant the case page shows, a met
 * deadline stays marked as met, and the subscription link survives reloading the page until replaced.
 * Times are derived from the moment the test runs: the detention starts at the last full minute, 1 h ago.
 */
import ical, { type VEvent } from 'node-ical';
import { fmtWhen } from '../domain/messages/dateWords';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

let h: ApiHarness;
const CASE = 'FEED-1';
const detainedAt = new Date(Math.floor((Date.now() - 3600_000) / 60_000) * 60_000);

beforeAll(async () => {
  h = await startApiHarness('calendar-feed');
  const opened = await h.http('POST', '/api/cases', {
    as: 'eva', // only an admin chooses a case id
    body: {
      caseId: CASE,
      child: { name: 'Marisol Pérez', birthDate: '2012-05-01', nationality: 'Guatemala' },
      entryDate: daysAgo(10),
      office: 'CDMX',
      assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
    },
  });
  expect(opened.status).toBe(201);
  // The claim is filed: the filing window is met (and must stay in the feed, marked as met).
  expect((await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(2) } })).status).toBe(200);
  const detained = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_started', occurredAt: detainedAt.toISOString(), place: 'EM Iztapalapa' } });
  expect(detained.status).toBe(200);
}, 240_000);

afterAll(async () => {
  await h?.teardown();
});

const webAs = (who: 'ana' | 'carla') => ({ as: null as null, headers: { cookie: `plazo_session=${encodeURIComponent(h.tokens[who])}` } });

test('the link is created once, shown again on every visit (webcal and https) and the same through the API', async () => {
  const before = await h.http('GET', '/cases', webAs('ana'));
  expect(before.status).toBe(200);
  expect(before.text).not.toContain('id="calendar-url"');

  const made = await h.http('POST', '/calendar-link', { ...webAs('ana'), raw: '', headers: { ...webAs('ana').headers, 'content-type': 'application/x-www-form-urlencoded' } });
  // Post/redirect/get: reloading the page that shows the link cannot post again.
  expect(made.status).toBe(303);
  expect(made.headers.get('location')).toBe('/cases?done=calendar#calendar');

  const linkOn = (page: string) => /id="calendar-url"[^>]*value="(webcal:\/\/[^"]+)"/.exec(page)?.[1];
  const first = linkOn((await h.http('GET', '/cases?done=calendar', webAs('ana'))).text);
  expect(first).toMatch(/^webcal:\/\/plazo\.test\/calendar\/plzcal_[\w-]+\.ics$/);
  const reloaded = linkOn((await h.http('GET', '/cases', webAs('ana'))).text);
  expect(reloaded).toBe(first);
  // The copy button is wired by the external script, not an inline one.
  const page = (await h.http('GET', '/cases', webAs('ana'))).text;
  expect(page).toContain('data-copy="calendar-url"');
  expect(page).toContain('<script src="/assets/plazo.js" defer></script>');
  expect((await h.http('GET', '/assets/plazo.js', { as: null })).text).toContain('navigator.clipboard');

  const api = await h.http('GET', '/api/me/calendar-link', { as: 'ana' });
  expect(api.status).toBe(200);
  expect(api.json.webcal).toBe(first);
  expect(api.json.url).toBe(first!.replace('webcal://', 'http://'));
  // Someone without a link gets a 404 naming how to make one.
  expect((await h.http('GET', '/api/me/calendar-link', { as: 'luis' })).status).toBe(404);

  // A new link replaces it: the old address stops answering.
  const renewed = await h.http('POST', '/api/me/calendar-link', { as: 'ana' });
  expect(renewed.status).toBe(201);
  expect(renewed.json.webcal).not.toBe(first);
  expect((await h.http('GET', new URL(api.json.url).pathname, { as: null })).status).toBe(404);
  expect(linkOn((await h.http('GET', '/cases', webAs('ana'))).text)).toBe(renewed.json.webcal);
});

test("the detention limit's instant in the feed is the case page's; the met filing window stays, marked as met", async () => {
  const link = (await h.http('GET', '/api/me/calendar-link', { as: 'ana' })).json;
  const view = await eventually(async () => {
    const v = (await h.http('GET', `/api/cases/${CASE}`)).json;
    const d = v.deadlines.find((x: { deadlineId: string }) => x.deadlineId === 'detention_36h');
    if (!d) throw new Error('detention deadline not projected yet');
    return v;
  });
  const detention = view.deadlines.find((x: { deadlineId: string }) => x.deadlineId === 'detention_36h');
  // 36 hours after the detention started, to the millisecond.
  expect(new Date(detention.dueInstant).getTime()).toBe(detainedAt.getTime() + 36 * 3600_000);

  const feed = await h.http('GET', new URL(link.url).pathname, { as: null });
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toContain('text/calendar');
  expect(feed.text).not.toContain('Marisol'); // no child's name in a third-party calendar
  const events = Object.values(ical.sync.parseICS(feed.text)).filter((c): c is VEvent => c?.type === 'VEVENT');
  const event = (id: string) => events.find((e) => e.uid === `${CASE}/${id}@plazo`)!;

  const det = event('detention_36h');
  expect(det.datetype).toBe('date-time');
  expect(det.start.toISOString()).toBe(new Date(detention.dueInstant).toISOString());
  // The case page states the same instant, in Mexico City time.
  const casePage = (await h.http('GET', `/cases/${CASE}`, webAs('ana'))).text;
  const row = /<tr[^>]*data-deadline="detention_36h"[^>]*>([\s\S]*?)<\/tr>/.exec(casePage)?.[1] ?? '';
  expect(row).toContain(fmtWhen(det.start.toISOString(), 'es'));
  expect(Number(det.sequence)).toBe(detention.sequence);
  expect((det as unknown as { alarms?: unknown[] }).alarms?.length).toBeGreaterThan(0);

  const filing = event('asylum_filing_window');
  expect(filing.datetype).toBe('date');
  expect(filing.status).toBe('CONFIRMED');
  expect(filing.summary).toMatch(/^CUMPLIDO · /);
  for (const e of events) {
    expect(e.dtstamp).toBeInstanceOf(Date);
    expect(e.lastmodified).toBeInstanceOf(Date);
  }
});

test('a calendar app polling with the ETag of its copy gets 304 until an event changes the feed, then the new feed and a new ETag', async () => {
  const path = new URL((await h.http('GET', '/api/me/calendar-link', { as: 'ana' })).json.url).pathname;
  const first = await h.http('GET', path, { as: null });
  expect(first.status).toBe(200);
  const etag = first.headers.get('etag')!;
  expect(etag).toMatch(/^"[\w-]+"$/);

  const again = await h.http('GET', path, { as: null, headers: { 'if-none-match': etag } });
  expect(again.status).toBe(304);
  expect(again.text).toBe('');
  expect(again.headers.get('etag')).toBe(etag);
  // A weak tag, one among several, and * match too; another tag does not.
  expect((await h.http('GET', path, { as: null, headers: { 'if-none-match': `"other", W/${etag}` } })).status).toBe(304);
  expect((await h.http('GET', path, { as: null, headers: { 'if-none-match': '"other"' } })).status).toBe(200);

  // The child leaves detention: the 36-hour limit is settled, the feed changes.
  expect((await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_ended', occurredAt: new Date().toISOString(), exit: 'released' } })).status).toBe(200);
  const changed = await eventually(async () => {
    const r = await h.http('GET', path, { as: null, headers: { 'if-none-match': etag } });
    if (r.status !== 200) throw new Error(`still ${r.status}`);
    return r;
  });
  const newTag = changed.headers.get('etag')!;
  expect(newTag).not.toBe(etag);
  // What changed is in it: the detention limit's event has a higher SEQUENCE (calendar apps replace it).
  const detention = (ics: string) => Object.values(ical.sync.parseICS(ics)).find((c): c is VEvent => c?.type === 'VEVENT' && c.uid === `${CASE}/detention_36h@plazo`)!;
  expect(Number(detention(changed.text).sequence)).toBeGreaterThan(Number(detention(first.text).sequence));
  expect((await h.http('GET', path, { as: null, headers: { 'if-none-match': newTag } })).status).toBe(304);
});
