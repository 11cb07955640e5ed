import { caseTimeline, deadlineStates, epochOf } from './caseTimeline';
import type { TimelineEntryView } from './schemas';

const entry = (seq: number, type: string, at: string, recordedAt: string, deadlineId: string | null = null, summary = ''): TimelineEntryView => ({
  seq,
  type,
  at,
  recordedAt,
  by: 'system',
  summary,
  deadlineId,
});

// A case opened on Fri 20 Nov 2026 at 10:00 Mexico City (16:00 UTC; no daylight saving since 2022),
// whose child entered Mexico on 10 Sep 2026: the entry is recorded after the opening, and the deadline
// it opens (filing window, counted from the entry) is recorded after both.
const OPENED = '2026-11-20T16:00:00.000Z';
const filing = {
  deadlineId: 'asylum_filing_window',
  ruleId: 'asylum_filing_window',
  title: 'Asylum claim filing window',
  unit: 'business_days',
  trigger: '2026-09-10',
  due: '2026-10-22',
  dueInstant: '2026-10-23T05:59:59.999Z',
};
const entries = [
  entry(1, 'case_opened', OPENED, OPENED),
  entry(2, 'entered_mexico', '2026-09-10', '2026-11-20T16:00:01.000Z'),
  entry(3, 'deadline_opened', OPENED, '2026-11-20T16:00:02.000Z', 'asylum_filing_window'),
  entry(4, 'deadline_missed', '2026-10-23T05:59:59.999Z', '2026-11-20T16:00:03.000Z', 'asylum_filing_window'),
  entry(5, 'notification_sent', '2026-11-20T16:05:00.000Z', '2026-11-20T16:05:00.000Z', 'asylum_filing_window', 'overdue-20 sent to supervisor'),
];

test('rows are in the order things happened: the September entry and the deadline it opened come before the November opening', () => {
  const rows = caseTimeline(entries, [filing]);
  expect(rows.map((r) => r.entry.seq)).toEqual([2, 3, 4, 1, 5]);
  // The deadline's opening sits at its trigger, not at the moment the workflow counted it.
  expect(rows[1]!.happenedAt).toBe('2026-09-10');
  // Recorded apart: the entry (a date) was recorded on another day; the opening and the notice at once.
  expect(rows.map((r) => [r.entry.seq, r.recordedApart])).toEqual([[2, true], [3, true], [4, true], [1, false], [5, false]]);
});

test('every row about a deadline names it with its due date; others name none', () => {
  const rows = caseTimeline(entries, [filing]);
  const notice = rows.find((r) => r.entry.type === 'notification_sent')!;
  expect(notice.deadline).toEqual({ deadlineId: 'asylum_filing_window', ruleId: 'asylum_filing_window', title: 'Asylum claim filing window', unit: 'business_days', due: '2026-10-22', dueInstant: '2026-10-23T05:59:59.999Z' });
  expect(rows.find((r) => r.entry.type === 'case_opened')!.deadline).toBeNull();
});

test('a date and an instant compare as moments in Mexico City, not as text', () => {
  // 2026-11-20T05:00Z is Thu 19 Nov 23:00 in Mexico City: before the day 20 Nov starts there (06:00Z),
  // though as text '2026-11-20' sorts first.
  const rows = caseTimeline([entry(1, 'detention_started', '2026-11-20', OPENED), entry(2, 'detention_ended', '2026-11-20T05:00:00Z', OPENED)], []);
  expect(rows.map((r) => r.entry.seq)).toEqual([2, 1]);
  expect(epochOf('2026-11-20')).toBe(Date.parse('2026-11-20T06:00:00Z'));
  // An instant without offset is Mexico City time.
  expect(epochOf('2026-11-20T10:00')).toBe(Date.parse(OPENED));
});

test('a deadline missed and then suspended keeps both states, in the order they happened', () => {
  // Weekly signature due Mon 5 Oct 2026, missed at the end of that day; the child detained Wed 7 Oct.
  const sig = 'weekly_signature#2';
  const states = deadlineStates(
    [
      entry(7, 'deadline_suspended', '2026-10-07', '2026-10-07T18:00:00.000Z', sig),
      entry(6, 'deadline_missed', '2026-10-06T05:59:59.999Z', '2026-10-06T06:00:00.000Z', sig),
      entry(5, 'deadline_opened', '2026-09-28', '2026-09-28T16:00:00.000Z', sig),
      entry(8, 'deadline_missed', '2026-10-06T05:59:59.999Z', '2026-10-06T06:00:00.000Z', 'other'),
    ],
    sig,
  );
  expect(states).toEqual([
    { status: 'missed', at: '2026-10-06T05:59:59.999Z' },
    { status: 'suspended', at: '2026-10-07' },
  ]);
});

describe('a corrected event', () => {
  // The claim was recorded as filed on Mon 16 Nov (seq 4, meeting the filing window: seq 5) and
  // corrected to Wed 11 Nov by an admin (seq 9).
  const filed = { type: 'asylum_claim_filed' as const, occurredAt: '2026-11-16', recordedBy: 'cw-ana', byRepresentative: false };
  const at = '2026-11-16T18:00:00.000Z';
  const recorded = [
    entry(4, 'asylum_claim_filed', '2026-11-16', at),
    entry(5, 'deadline_met', '2026-11-16', at, 'asylum_filing_window'),
    entry(6, 'deadline_opened', at, '2026-11-16T18:00:01.000Z', 'comar_decision'),
  ];
  const correctedBy = { ...entry(9, 'event_corrected', '2026-11-20T17:00:00.000Z', '2026-11-20T17:00:00.000Z'), by: 'adm-eva' };

  test('recorded as data: the event and what it met happen on the corrected date, the first date kept beside; states follow', () => {
    const withData = [
      { ...recorded[0]!, detail: { kind: 'event' as const, event: filed } },
      { ...recorded[1]!, detail: { kind: 'deadline_resolved' as const, status: 'met' as const, eventSeq: 4 } },
      recorded[2]!,
      { ...correctedBy, summary: '#4 asylum claim filed (2026-11-16) corrected to asylum claim filed (2026-11-11): typo', detail: { kind: 'event_corrected' as const, eventSeq: 4, was: filed, now: { ...filed, occurredAt: '2026-11-11' }, reason: 'typo' } },
    ];
    const rows = caseTimeline(withData, []);
    const bySeq = new Map(rows.map((r) => [r.entry.seq, r]));
    expect(bySeq.get(4)!.happenedAt).toBe('2026-11-11');
    expect(bySeq.get(4)!.correction).toEqual({ seq: 9, by: 'adm-eva', how: 'corrected', wasAt: '2026-11-16', nowAt: '2026-11-11', event: { ...filed, occurredAt: '2026-11-11' } });
    expect(bySeq.get(5)!.correction).toMatchObject({ seq: 9, wasAt: '2026-11-16', nowAt: '2026-11-11' });
    expect(bySeq.get(6)!.correction).toBeUndefined();
    expect(rows[0]!.entry.seq).toBe(4);
    expect(deadlineStates(withData, 'asylum_filing_window')).toEqual([{ status: 'met', at: '2026-11-11' }]);
  });

  test('recorded as English text (before): the same, read from the text and the run of entries after the event', () => {
    const legacy = [...recorded, { ...correctedBy, summary: '#4 asylum claim filed (2026-11-16) corrected to asylum claim filed (2026-11-11): typo' }];
    const rows = caseTimeline(legacy, []);
    const bySeq = new Map(rows.map((r) => [r.entry.seq, r]));
    expect(bySeq.get(4)!.correction).toEqual({ seq: 9, by: 'adm-eva', how: 'corrected', wasAt: '2026-11-16', nowAt: '2026-11-11' });
    expect(bySeq.get(5)!.happenedAt).toBe('2026-11-11');
    expect(bySeq.get(6)!.correction).toBeUndefined();
  });

  test('voided: its rows are marked, and a state it brought is gone', () => {
    const voided = [...recorded, { ...correctedBy, type: 'event_voided', summary: '#4 asylum claim filed (2026-11-16) voided: wrong case' }];
    const rows = caseTimeline(voided, []);
    expect(rows.find((r) => r.entry.seq === 4)!.correction).toEqual({ seq: 9, by: 'adm-eva', how: 'voided', wasAt: '2026-11-16' });
    expect(deadlineStates(voided, 'asylum_filing_window')).toEqual([]);
  });
});

test("a deadline the correction recounted: its opening shows the count now beside the first, a miss of the first count is gone from its states", () => {
  const opened = { ...entry(6, 'deadline_opened', '2026-11-16T18:00:01.000Z', '2026-11-16T18:00:01.000Z', 'comar_decision', 'COMAR decision: due 2027-01-25 (LRPCAP art. 24), counted from 2026-11-16'), detail: { kind: 'deadline_opened' as const, due: '2027-01-25', dueLatest: '2027-01-25', citation: 'LRPCAP art. 24', trigger: '2026-11-16' } };
  const missed = entry(7, 'deadline_missed', '2027-01-26T05:59:59.999Z', '2027-01-26T06:00:00.000Z', 'comar_decision');
  const fix = { ...entry(9, 'event_corrected', '2027-01-27T17:00:00.000Z', '2027-01-27T17:00:00.000Z'), by: 'adm-eva' };
  const moved = { ...entry(10, 'deadline_moved', '2027-01-27T17:00:00.000Z', '2027-01-27T17:00:00.000Z', 'comar_decision'), detail: { kind: 'deadline_moved' as const, because: 'correction' as const, from: { due: '2027-01-25', dueLatest: '2027-01-25' }, to: { due: '2027-01-20', dueLatest: '2027-01-20' }, trigger: '2026-11-11' } };
  const missedAgain = entry(11, 'deadline_missed', '2027-01-21T05:59:59.999Z', '2027-01-27T17:00:01.000Z', 'comar_decision');
  const all = [opened, missed, fix, moved, missedAgain];
  const bySeq = new Map(caseTimeline(all, []).map((r) => [r.entry.seq, r]));
  expect(bySeq.get(6)!.correction).toEqual({ seq: 9, by: 'adm-eva', how: 'recounted', wasAt: opened.at, recount: { due: '2027-01-20', dueLatest: '2027-01-20', trigger: '2026-11-11' } });
  expect(bySeq.get(7)!.correction).toMatchObject({ seq: 9, how: 'recounted' });
  expect(bySeq.get(11)!.correction).toBeUndefined();
  expect(deadlineStates(all, 'comar_decision')).toEqual([{ status: 'missed', at: '2027-01-21T05:59:59.999Z' }]);
});
