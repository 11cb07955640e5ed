import { buildCalendar } from '../calendar/businessCalendar';
import { buildLadder, type Ladder } from './ladder';
import { DateTime } from 'luxon';
import { computeCaseDeadline } from '../caseDeadline';
import { getRulePack } from '../rules/rulePack';
import { ladderPolicyFor } from './policy';

const lfpa = buildCalendar('lfpa-art28');
// Mexico City has been UTC-6 all year since Oct 2022: 09:00 there is 15:00 UTC.
const at9 = (date: string) => `${date}T15:00:00.000Z`;
const view = (l: Ladder) => l.steps.map((s) => [s.id, new Date(s.at).toISOString(), s.recipients.join('+')]);

describe('day-counted legal deadline (default ladder)', () => {
  // comar_decision due Fri 2026-12-11 (end of day), counted on LFPA art. 28.
  const ladder = buildLadder({
    unit: 'business_days',
    due: '2026-12-11',
    dueInstant: '2026-12-12T05:59:59.999Z',
    triggerInstant: '2026-10-01T06:00:00.000Z',
    length: 45,
    calendar: lfpa,
    policy: ladderPolicyFor('comar_decision', 'business_days'),
  });

  test('reminders 10, 5, 2, 1 business days before, everyone on the day, at 09:00 Mexico City', () => {
    // Back from Fri 11 Dec: Thu 10 (1), Wed 9 (2), Tue 8, Mon 7, Fri 4 (5), Thu 3, Wed 2, Tue 1 Dec, Mon 30 Nov, Fri 27 Nov (10).
    expect(view(ladder).slice(0, 5)).toEqual([
      ['reminder-10bd', at9('2026-11-27'), 'caseworker'],
      ['reminder-5bd', at9('2026-12-04'), 'caseworker'],
      ['reminder-2bd', at9('2026-12-09'), 'caseworker'],
      ['reminder-1bd', at9('2026-12-10'), 'caseworker'],
      ['due', at9('2026-12-11'), 'caseworker+supervisor+lawyer'],
    ]);
    expect(ladder.missAt).toBe(Date.parse('2026-12-12T05:59:59.999Z'));
  });

  test('after the due day: the supervisor every business day, the director from the 4th, Christmas skipped', () => {
    const after = view(ladder).slice(5, 18);
    expect(after).toEqual([
      ['overdue-1', at9('2026-12-14'), 'supervisor'],
      ['overdue-2', at9('2026-12-15'), 'supervisor'],
      ['overdue-3', at9('2026-12-16'), 'supervisor'],
      ['overdue-4', at9('2026-12-17'), 'supervisor'],
      ['director-4', at9('2026-12-17'), 'director'],
      ['overdue-5', at9('2026-12-18'), 'supervisor'],
      ['director-5', at9('2026-12-18'), 'director'],
      ['overdue-6', at9('2026-12-21'), 'supervisor'],
      ['director-6', at9('2026-12-21'), 'director'],
      ['overdue-7', at9('2026-12-22'), 'supervisor'],
      ['director-7', at9('2026-12-22'), 'director'],
      ['overdue-8', at9('2026-12-23'), 'supervisor'],
      ['director-8', at9('2026-12-23'), 'director'],
    ]);
    // Thu 24 Dec is day 9; Fri 25 Dec (holiday) and the weekend are skipped: day 10 is Mon 28 Dec.
    expect(view(ladder).find((s) => s[0] === 'overdue-10')).toEqual(['overdue-10', at9('2026-12-28'), 'supervisor']);
    expect(ladder.steps.filter((s) => s.series === 'overdue')).toHaveLength(20);
  });
});

test('a holiday inside the reminder window moves the reminders back (20 Nov 2026 under LFPA art. 28)', () => {
  // Due Tue 24 Nov 2026. 1 bd before: Mon 23. 2 bd: Fri 20 Nov is a holiday, so Thu 19. 5 bd: 19 (2), 18, 17, Mon 16 (5).
  const ladder = buildLadder({
    unit: 'business_days',
    due: '2026-11-24',
    dueInstant: '2026-11-25T05:59:59.999Z',
    triggerInstant: '2026-10-01T06:00:00.000Z',
    length: 30,
    calendar: lfpa,
    policy: ladderPolicyFor('asylum_filing_window', 'business_days'),
  });
  expect(view(ladder).slice(1, 4)).toEqual([
    ['reminder-5bd', at9('2026-11-16'), 'caseworker'],
    ['reminder-2bd', at9('2026-11-19'), 'caseworker'],
    ['reminder-1bd', at9('2026-11-23'), 'caseworker'],
  ]);
});

test('no step is placed before the trigger: a 3-day term gets only its last reminders', () => {
  // ratify_representative_filing: filed Mon 2026-11-30, due Thu 3 Dec. Reminders 10 and 5 bd before would precede the filing.
  const ladder = buildLadder({
    unit: 'business_days',
    due: '2026-12-03',
    dueInstant: '2026-12-04T05:59:59.999Z',
    triggerInstant: '2026-11-30T17:00:00.000Z',
    length: 3,
    calendar: lfpa,
    policy: ladderPolicyFor('ratify_representative_filing', 'business_days'),
  });
  expect(view(ladder).slice(0, 3)).toEqual([
    ['reminder-2bd', at9('2026-12-01'), 'caseworker'],
    ['reminder-1bd', at9('2026-12-02'), 'caseworker'],
    ['due', at9('2026-12-03'), 'caseworker+supervisor+lawyer'],
  ]);
});

test('a calendar-day target due on a Saturday is announced on Friday, merged with the 1-day reminder', () => {
  // bid_issued due Sat 2026-12-05: the due notice goes out Fri 4 Dec, the day of the 1-bd reminder: one message each.
  const ladder = buildLadder({
    unit: 'calendar_days',
    due: '2026-12-05',
    dueInstant: '2026-12-06T05:59:59.999Z',
    triggerInstant: '2026-11-05T18:00:00.000Z',
    length: 30,
    calendar: lfpa,
    policy: ladderPolicyFor('bid_issued', 'calendar_days'),
  });
  const fridays = view(ladder).filter((s) => s[1] === at9('2026-12-04'));
  expect(fridays).toEqual([['due', at9('2026-12-04'), 'caseworker+supervisor+lawyer']]);
  // The first overdue business day after Sat 5 Dec is Mon 7 Dec.
  expect(view(ladder).find((s) => s[0] === 'overdue-1')).toEqual(['overdue-1', at9('2026-12-07'), 'supervisor']);
});

test('18th birthday: reminders 90 and 30 calendar days before, no escalation after', () => {
  // Birthday Sat 2027-03-20 rolls to Mon 22 Mar (LFPA art. 29): the ladder is given that due date.
  // 90 days before 22 Mar is Tue 22 Dec 2026; 30 days before is Sat 20 Feb 2027, so Fri 19 Feb.
  const ladder = buildLadder({
    unit: 'years',
    due: '2027-03-22',
    dueInstant: '2027-03-23T05:59:59.999Z',
    triggerInstant: '2009-03-20T06:00:00.000Z',
    length: 18,
    calendar: lfpa,
    policy: ladderPolicyFor('age_of_majority', 'years'),
  });
  expect(view(ladder)).toEqual([
    ['reminder-90cd', at9('2026-12-22'), 'caseworker'],
    ['reminder-30cd', at9('2027-02-19'), 'caseworker'],
    ['due', at9('2027-03-22'), 'caseworker+supervisor+lawyer'],
  ]);
});

describe('hour-counted alarms fire on the clock', () => {
  test('child placed at INM disposal: alarm at once to everyone, every 4 hours, never "missed"', () => {
    const ladder = buildLadder({
      unit: 'hours',
      due: '2026-11-30T23:30:00.000-06:00',
      dueInstant: '2026-12-01T05:30:00.000Z',
      triggerInstant: '2026-12-01T05:30:00.000Z',
      length: 0,
      calendar: lfpa,
      policy: ladderPolicyFor('child_detention_notice', 'hours'),
    });
    expect(view(ladder).slice(0, 3)).toEqual([
      ['alarm-0', '2026-12-01T05:30:00.000Z', 'caseworker+supervisor+lawyer'],
      ['alarm-1', '2026-12-01T09:30:00.000Z', 'caseworker+supervisor+lawyer'],
      ['alarm-2', '2026-12-01T13:30:00.000Z', 'caseworker+supervisor+lawyer'],
    ]);
    expect(ladder.steps).toHaveLength(43);
    expect(ladder.missAt).toBeNull();
  });

  test('36-hour detention limit: warnings 12 h and 4 h ahead, the director at the limit, then every 4 h', () => {
    // Detained Mon 30 Nov 22:00 Mexico City (Tue 1 Dec 04:00Z); 36 h later is Wed 2 Dec 10:00 local (16:00Z).
    const ladder = buildLadder({
      unit: 'hours',
      due: '2026-12-02T10:00:00.000-06:00',
      dueInstant: '2026-12-02T16:00:00.000Z',
      triggerInstant: '2026-12-01T04:00:00.000Z',
      length: 36,
      calendar: lfpa,
      policy: ladderPolicyFor('detention_36h', 'hours'),
    });
    expect(view(ladder).slice(0, 4)).toEqual([
      ['reminder-12h', '2026-12-02T04:00:00.000Z', 'caseworker+supervisor+lawyer+director'],
      ['reminder-4h', '2026-12-02T12:00:00.000Z', 'caseworker+supervisor+lawyer+director'],
      ['due', '2026-12-02T16:00:00.000Z', 'caseworker+supervisor+lawyer+director'],
      ['overdue-1', '2026-12-02T20:00:00.000Z', 'supervisor+lawyer+director'],
    ]);
  });
});

test('an organization can override a ladder (e.g. reminders 15 and 3 business days before)', () => {
  const policy = ladderPolicyFor('comar_decision', 'business_days', { comar_decision: { remindBusinessDaysBefore: [15, 3] } });
  expect(policy).toMatchObject({ family: 'days', remindBusinessDaysBefore: [15, 3], overdueBusinessDays: 20 });
});

describe("mx-2027.3: an authority's duty is told on its due day and then once a day, to the caseworker and the lawyer", () => {
  // COMAR's decision on a claim filed Mon 1 Mar 2027 (LRPCAP art. 24 ¶1): the same due day as under mx-2027.2.
  const request = { deadlineId: 'd1', ruleId: 'comar_decision', trigger: '2027-03-01' };
  const ids = (pack: string) => computeCaseDeadline(getRulePack(pack), [], undefined, request);

  it('drops the reminders and the director, and repeats the breach each business day for two weeks', () => {
    const now = ids('mx-2027.3');
    const before = ids('mx-2027.2');
    expect(now.due).toBe(before.due);
    expect(before.steps.map((s) => s.id)).toContain('reminder-10bd');
    expect(before.steps.some((s) => s.series === 'director')).toBe(true);
    expect(now.steps.map((s) => s.id)).toEqual(['due', ...Array.from({ length: 10 }, (_, k) => `overdue-${k + 1}`)]);
    for (const s of now.steps) expect(s.recipients).toEqual(['caseworker', 'lawyer']);
    // One step each business day at 09:00 Mexico City: never two on one day, never on a weekend.
    const days = now.steps.map((s) => DateTime.fromMillis(s.at, { zone: 'America/Mexico_City' }));
    expect(new Set(days.map((d) => d.toISODate())).size).toBe(days.length);
    for (const d of days) expect([d.hour, d.weekday <= 5]).toEqual([9, true]);
  });

  it("an hour-counted duty (COMAR's notice to INM, 72 h) repeats every 24 hours, not every four", () => {
    const d = computeCaseDeadline(getRulePack('mx-2027.3'), [], undefined, { deadlineId: 'd2', ruleId: 'comar_notice_to_inm', trigger: '2027-03-01T10:00:00-06:00' });
    const due = Date.parse(d.dueInstant);
    expect(d.steps.map((s) => [s.id, (s.at - due) / 3_600_000])).toEqual([['due', 0], ...Array.from({ length: 7 }, (_, k) => [`overdue-${k + 1}`, 24 * (k + 1)])]);
  });
});
