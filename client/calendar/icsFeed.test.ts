/**
 * The feed as an independent parser (node-ical) reads it. Deadlines are computed by the real deadline
 * activity (rule pack, calendars, ladder) on a fresh database, so the feed is checked against what a case
 * would hold; dates were worked out by hand:
 * - detention_36h from Tue 2026-03-10 22:15 Mexico City (UTC−6 all year since 2022): +36 h =
 *   Thu 2026-03-12 10:15 local = 16:15 UTC.
 * - asylum_filing_window (30 business days, LFPA art. 28) from Fri 2026-09-11: skip weekends and 16 Sep →
 *   due Mon 2026-10-26 (README's worked example).
 */
import ical, { type VEvent } from 'node-ical';
import { createDeadlineActivities } from '../../activities/deadlines';
import type { ComputedDeadline } from '../../domain/case/state';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import { renderIcsFeed, type FeedDeadline } from './icsFeed';

let pg: TestDatabase;
let detention: ComputedDeadline;
let filing: ComputedDeadline;
const STAMP = new Date('2026-03-10T22:20:00Z');

beforeAll(async () => {
  pg = await createTestDatabase();
  const { computeDeadlines } = createDeadlineActivities({ db: pg.db });
  const computed = await computeDeadlines({
    rulePack: 'mx-2026.1',
    requests: [
      { deadlineId: 'detention_36h', ruleId: 'detention_36h', trigger: '2026-03-10T22:15:00-06:00' },
      { deadlineId: 'asylum_filing_window', ruleId: 'asylum_filing_window', trigger: '2026-09-11' },
    ],
  });
  [detention, filing] = [computed[0]!, computed[1]!];
}, 60_000);

afterAll(async () => {
  await pg?.drop();
});

const feedDeadline = (c: ComputedDeadline, over: Partial<FeedDeadline> = {}): FeedDeadline => ({
  caseId: 'C-7',
  deadlineId: c.deadlineId,
  ruleId: c.ruleId,
  title: c.ruleId,
  status: 'open',
  late: false,
  unit: c.unit,
  due: c.due,
  dueLatest: c.dueLatest,
  dueInstant: new Date(c.dueInstant),
  citation: c.citation,
  kind: c.kind,
  sequence: 3,
  updatedAt: STAMP,
  steps: c.steps,
  roles: ['caseworker'],
  ...over,
});

const events = (ics: string) => Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');
const eventOf = (ics: string, deadlineId: string) => {
  const e = events(ics).find((x) => x.uid === `C-7/${deadlineId}@plazo`);
  if (!e) throw new Error(`no event for ${deadlineId}`);
  return e;
};
const render = (deadlines: FeedDeadline[], ownerName = 'Ana') => renderIcsFeed(deadlines, { ownerName, lang: 'es', publicUrl: 'https://plazo.example' });

test('an hour-counted term is a UTC instant: the 36-hour detention limit at 16:15Z, not six hours off', () => {
  expect(detention.dueInstant).toBe('2026-03-12T16:15:00.000Z');
  const ics = render([feedDeadline(detention)]);
  const e = eventOf(ics, 'detention_36h');
  expect(e.datetype).toBe('date-time');
  expect(e.start.toISOString()).toBe('2026-03-12T16:15:00.000Z');
  // Written with Z: never a floating local time.
  expect(ics).toMatch(/\r\nDTSTART:20260312T161500Z\r\n/);
  expect(ics).not.toMatch(/DTSTART:\d{8}T\d{6}\r\n/);
});

test("the description says an hour-counted limit's time on the owner's clock, the event stays a UTC instant", () => {
  const desc = (zone?: string) => eventOf(renderIcsFeed([feedDeadline(detention)], { ownerName: 'Ana', lang: 'es', zone, publicUrl: 'https://plazo.example' }), 'detention_36h');
  expect(desc().description).toContain('2026-03-12 10:15 hora de la Ciudad de México');
  const tijuana = desc('America/Tijuana'); // UTC−7 in March 2026 (Baja California keeps US daylight saving)
  expect(tijuana.description).toContain('2026-03-12 09:15 hora de Tijuana');
  expect(tijuana.start.toISOString()).toBe('2026-03-12T16:15:00.000Z');
});

test('a day-counted term is an all-day event on its due date', () => {
  expect(filing.due).toBe('2026-10-26');
  const ics = render([feedDeadline(filing)]);
  const e = eventOf(ics, 'asylum_filing_window');
  expect(e.datetype).toBe('date');
  expect(ics).toContain('DTSTART;VALUE=DATE:20261026\r\n');
  expect([e.start.getFullYear(), e.start.getMonth() + 1, e.start.getDate()]).toEqual([2026, 10, 26]);
});

test('DTSTAMP, LAST-MODIFIED and SEQUENCE on every event; transparent, confirmed while live', () => {
  const ics = render([feedDeadline(detention), feedDeadline(filing, { sequence: 7 })]);
  for (const e of events(ics)) {
    expect(e.dtstamp?.toISOString()).toBe(STAMP.toISOString());
    expect(e.lastmodified?.toISOString()).toBe(STAMP.toISOString());
    expect(e.status).toBe('CONFIRMED');
    expect(e.transparency).toBe('TRANSPARENT');
  }
  expect(Number(eventOf(ics, 'asylum_filing_window').sequence)).toBe(7);
  expect(Number(eventOf(ics, 'detention_36h').sequence)).toBe(3);
});

const valarms = (ics: string) => ics.split('\r\n').filter((l) => l === 'BEGIN:VALARM').length;
const triggers = (e: VEvent) => ((e as unknown as { alarms?: { action: string; trigger: { val: string } }[] }).alarms ?? []);
const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

test("two VALARMs: the first and the last of the owner's ladder steps up to the limit, at their instants", () => {
  const ics = render([feedDeadline(filing)]);
  const alarms = triggers(eventOf(ics, 'asylum_filing_window'));
  const mine = filing.steps.filter((s) => s.recipients.includes('caseworker'));
  expect(mine.length).toBeGreaterThan(2);
  expect(valarms(ics)).toBe(2);
  // node-ical keeps absolute TRIGGERs as written: the ladder's instants in UTC, the first warning and the due day's.
  expect(alarms.map((a) => a.trigger.val)).toEqual([utc(mine[0]!.at), utc(filing.steps.find((s) => s.id === 'due')!.at)]);
  expect(alarms.every((a) => a.action === 'DISPLAY')).toBe(true);
  // A person the steps do not reach (an admin) gets the event without alarms.
  expect(render([feedDeadline(filing, { roles: [] })])).not.toContain('BEGIN:VALARM');
  // The detention ladder reaches the caseworker: the 36 h limit's "due" alarm is at the limit itself.
  const det = render([feedDeadline(detention)]);
  expect(det).toContain('TRIGGER;VALUE=DATE-TIME:20260312T161500Z');
});

test("a supervisor's 36-hour detention rings twice, not once every 4 hours through the nights after", () => {
  const supervisorSteps = detention.steps.filter((s) => s.recipients.includes('supervisor'));
  expect(supervisorSteps.length).toBeGreaterThan(40); // the email ladder: 12 h, 4 h, the limit, then every 4 h
  const ics = render([feedDeadline(detention, { roles: ['supervisor'] })]);
  expect(valarms(ics)).toBe(2);
  expect(triggers(eventOf(ics, 'detention_36h')).map((a) => a.trigger.val)).toEqual([utc(Date.parse('2026-03-12T04:15:00Z')), '20260312T161500Z']);
  // A director, whose steps all come after the limit, gets one alarm: their first.
  const director = render([feedDeadline(filing, { roles: ['director'] })]);
  expect(valarms(director)).toBe(1);
  expect(triggers(eventOf(director, 'asylum_filing_window'))[0]!.trigger.val).toBe(utc(filing.steps.find((s) => s.recipients.includes('director'))!.at));
});

test('a met deadline stays, marked as met and without alarms; extended or dropped ones are cancelled', () => {
  const ics = render([feedDeadline(filing, { status: 'met', late: true }), feedDeadline(detention, { status: 'cancelled' })]);
  const met = eventOf(ics, 'asylum_filing_window');
  expect(met.status).toBe('CONFIRMED');
  expect(met.summary).toMatch(/^CUMPLIDO \(FUERA DE PLAZO\) · C-7 · /);
  expect(ics).not.toContain('BEGIN:VALARM');
  expect(eventOf(ics, 'detention_36h').status).toBe('CANCELLED');
  const missed = eventOf(render([feedDeadline(filing, { status: 'missed' })]), 'asylum_filing_window');
  expect(missed.summary).toMatch(/^VENCIDO · /);
});

test('CR/LF in names and titles never write raw lines: escaped and folded through the library', () => {
  const evil = 'Ana\r\nX-WR-CALNAME:pwn\nBEGIN:VEVENT\rUID:x';
  const ics = render([feedDeadline(filing, { ruleId: 'unknown_rule', title: evil }), feedDeadline(detention)], evil);
  const lines = ics.split('\r\n');
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
  expect(lines.some((l) => /^(X-WR-CALNAME:pwn|UID:x)$/.test(l))).toBe(false);
  // No bare CR or LF anywhere: every line ends in CRLF, and none is longer than 75 octets.
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  const parsed = ical.sync.parseICS(ics);
  expect(Object.values(parsed).filter((c) => c?.type === 'VEVENT')).toHaveLength(2);
  // The name is one property holding the text, not a second property.
  expect((parsed.vcalendar as unknown as Record<string, string>)['WR-CALNAME']).toBe('Plazo · Ana X-WR-CALNAME:pwn BEGIN:VEVENT UID:x');
});

test("issue 23 item 2: a court term's ladder reaches the lawyer's feed before the due day, as alarms (mx-2027.2; mx-2027.1 told the lawyer on the day only)", async () => {
  // Denial notified Mon 3 Jun 2030: the amparo is due Mon 24 Jun (15 days on the amparo calendar, worked in
  // workflows/courtTermRecipients.test.ts); the first reminder is 10 business days before, Mon 10 Jun 09:00 = 15:00Z.
  const { computeDeadlines } = createDeadlineActivities({ db: pg.db });
  const request = { deadlineId: 'amparo_term', ruleId: 'amparo_term', trigger: '2030-06-03' };
  const [now] = await computeDeadlines({ rulePack: 'mx-2027.2', requests: [request] });
  const [before] = await computeDeadlines({ rulePack: 'mx-2027.1', requests: [request] });
  expect(now!.due).toBe('2030-06-24');
  const lawyerFeed = (c: ComputedDeadline) => render([feedDeadline(c, { roles: ['lawyer'] })], 'Carla');
  expect(lawyerFeed(now!)).toContain('TRIGGER;VALUE=DATE-TIME:20300610T150000Z');
  expect(lawyerFeed(before!)).not.toContain('TRIGGER;VALUE=DATE-TIME:20300610T150000Z');
  // Every step of the ladder reaches the lawyer: reminders, the due day and the overdue notices.
  expect(now!.steps.filter((s) => s.series !== 'director').every((s) => s.recipients.includes('lawyer'))).toBe(true);
});

test("an office-hours term says in the feed the hour its office closes, in the office's zone, and why", async () => {
  // The deadline activity matches the case's free-text office ("tijuana") to COMAR Tijuana: 30 business
  // days from Mon 2027-03-01 end Mon 2027-04-12, at 18:00 Pacific daylight time (UTC−7) = 01:00 UTC.
  const { computeDeadlines } = createDeadlineActivities({ db: pg.db });
  const [tijuana] = await computeDeadlines({
    rulePack: 'mx-2027.1',
    office: 'tijuana',
    requests: [{ deadlineId: 'asylum_filing_window', ruleId: 'asylum_filing_window', trigger: '2027-03-01' }],
  });
  expect(tijuana).toMatchObject({ due: '2027-04-12', dueInstant: '2027-04-13T01:00:00.000Z', filing: { filing: 'office-hours', closesAt: '18:00', zone: 'America/Tijuana' } });
  const e = eventOf(render([feedDeadline(tijuana!, { filing: tijuana!.filing })]), 'asylum_filing_window');
  expect(String(e.description)).toContain('2027-04-12, hasta las 18:00, hora de Tijuana, horario de la oficina, LFPA art. 30');
});
