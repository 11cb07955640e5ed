/**
 * Every rule of mx-2026.1 against dates worked out by hand from the law and a printed calendar. Readings:
 * A = LFPA art. 28 as written, B = LFPA art. 28 with the transmission day read as 1 Oct, C = LFT art. 74.
 * Since issue 12, `due` is the earlier of A and B (the governing calendar; C only ever dropped LFPA's
 * fixed days, giving a date earlier than the law), and `dueLatest` the count on the union of A, B, C and
 * the usual closures (Holy Thursday/Friday, 16–31 Dec). Expectations changed for that reason say so.
 */
import { computeDeadline, mexicoCityDate, recurringOccurrence, type DeadlineInput } from './deadlines';
import { DomainInputError } from './errors';
import type { Overlay } from './overlays';
import { getRulePack } from './rules/rulePack';
import { SEED_OVERLAYS } from './seedOverlays';

const V1 = getRulePack('mx-2026.1');
const dl = (ruleId: string, trigger: string, extra: Partial<DeadlineInput> = {}) => computeDeadline({ ruleId, trigger, pack: V1, ...extra });
const dates = (skipped: { date: string }[]) => skipped.map((s) => s.date);

const overlay = (over: Partial<Overlay>): Overlay => ({
  id: 'test',
  kind: 'closure',
  start: '2026-03-10',
  end: '2026-03-12',
  scope: { agency: 'PFPNNA' },
  citation: { dof: '2026-03-09', title: 'Acuerdo de prueba', verified: false },
  ...over,
});

describe('asylum_filing_window (30 business days, LRPCAP art. 18)', () => {
  it('counts from the business day after entry, skipping 16 Sep', () => {
    // Entry Fri 2026-09-11. Mon 14 (1), Tue 15 (2), Wed 16 holiday, Thu 17 (3), Fri 18 (4), Sep 21–25 (9),
    // Sep 28–Oct 2 (14), Oct 5–9 (19), 12–16 (24), 19–23 (29), Mon Oct 26 (30). No reading differs.
    const r = dl('asylum_filing_window', '2026-09-11');
    expect(r).toMatchObject({
      rule: 'asylum_filing_window',
      rulePack: 'mx-2026.1',
      trigger: '2026-09-11',
      calendar: 'lfpa-art28',
      unit: 'business_days',
      due: '2026-10-26',
      dueLatest: '2026-10-26',
      dueInstant: '2026-10-27T05:59:59.999Z', // end of 26 Oct in Mexico City (UTC-6)
      citation: 'LRPCAP art. 18',
      kind: 'law',
    });
    expect(r.reason).toBeUndefined();
    expect(r.skipped).toContainEqual({ date: '2026-09-16', reason: 'holiday: 16 Sep (Independence Day, LFPA art. 28)' });
    expect(dates(r.skipped)).toEqual([
      '2026-09-12', '2026-09-13', '2026-09-16', '2026-09-19', '2026-09-20', '2026-09-26', '2026-09-27',
      '2026-10-03', '2026-10-04', '2026-10-10', '2026-10-11', '2026-10-17', '2026-10-18', '2026-10-24', '2026-10-25',
    ]);
  });

  it('starts on Monday for an entry on a Saturday, and the calendars disagree over Mon 16 Mar', () => {
    // Entry Sat 2026-03-14. A/B: Mar 16–20 (5), 23–27 (10), Mar 30–Apr 3 (15), Apr 6–10 (20), 13–17 (25),
    // 20–24 (30) → Fri Apr 24 (21 Mar is a Saturday; Holy Week is not a holiday).
    // Latest (union): Mon 16 Mar (LFT) and Holy Thu/Fri 2–3 Apr also closed → Mar 17–20 (4), 23–27 (9),
    // Mar 30–Apr 1 (12), Apr 6–10 (17), 13–17 (22), 20–24 (27), 27, 28, Wed Apr 29 (30).
    const r = dl('asylum_filing_window', '2026-03-14');
    expect(r.due).toBe('2026-04-24');
    expect(r.dueLatest).toBe('2026-04-29');
    expect(r.dueReading).toBe('lfpa-art28/as-written');
    expect(r.dueLatestReading).toBe('latest');
    expect(r.latestDays.map((d) => d.date)).toEqual(['2026-03-16', '2026-04-02', '2026-04-03']);
    expect(r.reason).toContain("2026-03-16: holiday: 16 Mar (Benito Juárez's birthday, LFT art. 74 fr. III)");
    expect(r.reason).toContain('2026-04-02: usual closure, unverified: 2 Apr (Maundy Thursday, not loaded as DOF data)');
    expect(r.reason).toContain('Plazo acts on 2026-04-24');
  });

  it('counts in the 2030 transmission year: 1 Oct is a holiday under readings B and C only', () => {
    // Entry Mon 2030-09-16 (a holiday itself: the count still starts the next business day).
    // A: Sep 17–20 (4), 23–27 (9), Mon 30 (10), Oct 1 (11), 2–4 (14), 7–11 (19), 14–18 (24), 21–25 (29), Mon Oct 28 (30).
    // B, C: Oct 1 skipped, so one day later: Tue Oct 29.
    const r = dl('asylum_filing_window', '2030-09-16');
    expect(r.due).toBe('2030-10-28');
    expect(r.dueLatest).toBe('2030-10-29');
    expect(r.readings.map((x) => [x.id, x.due])).toEqual([
      ['lfpa-art28/as-written', '2030-10-28'],
      ['lfpa-art28/actual-transmission', '2030-10-29'],
      ['latest', '2030-10-29'],
    ]);
    expect(r.reason).toContain('2030-10-01');
  });

  it('keeps running through the COVID suspension, which excepted the filing of claims', () => {
    // Entry Fri 2020-03-20. Mar 23–27 (5), Mar 30–Apr 3 (10), Apr 6–10 (15), 13–17 (20), 20–24 (25),
    // 27–30 (29), Fri May 1 holiday, Mon May 4 (30). LFT's 16 Mar was before the count.
    // Latest: Holy Thu/Fri 9–10 Apr also closed → two days later, past Tue 5 May (LFPA): Wed 6, Thu May 7.
    const r = dl('asylum_filing_window', '2020-03-20', { overlays: SEED_OVERLAYS });
    expect(r.due).toBe('2020-05-04');
    expect(r.dueLatest).toBe('2020-05-07');
    expect(r.overlaysApplied).toEqual([]);
  });
});

describe('ratify_representative_filing (3 business days, LRPCAP art. 11; RLRPC art. 20)', () => {
  it('skips 16 Sep', () => {
    // Filed Tue 2026-09-15: Wed 16 holiday, Thu 17 (1), Fri 18 (2), Mon 21 (3).
    expect(dl('ratify_representative_filing', '2026-09-15')).toMatchObject({ due: '2026-09-21', dueLatest: '2026-09-21' });
  });

  it('crosses the year end', () => {
    // Filed Tue 2026-12-29: Wed 30 (1), Thu 31 (2), Fri 2027-01-01 holiday, weekend, Mon Jan 4 (3).
    const r = dl('ratify_representative_filing', '2026-12-29');
    expect(r.due).toBe('2027-01-04');
    expect(r.skipped).toEqual([
      { date: '2027-01-01', reason: "holiday: 1 Jan (New Year's Day, LFPA art. 28)" },
      { date: '2027-01-02', reason: 'Saturday' },
      { date: '2027-01-03', reason: 'Sunday' },
    ]);
  });
});

describe('comar_decision (45 business days, LRPCAP art. 24)', () => {
  it('agrees across readings when each skips two weekdays before the due date', () => {
    // Filed Mon 2026-03-02. A: Mar 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), Mar 30–Apr 3 (24), Apr 6–10 (29),
    // 13–17 (34), 20–24 (39), 27–30 (43), May 1 holiday, Mon 4 (44), Tue 5 holiday, Wed May 6 (45).
    // C: skips Mon 16 Mar and 1 May instead: …, Apr 27–30 (42), May 4 (43), 5 (44), Wed May 6 (45).
    // Latest (union) also closes Mon 16 Mar and Holy Thu/Fri 2–3 Apr: three more → May 7, 8, Mon May 11.
    const r = dl('comar_decision', '2026-03-02');
    expect(r.due).toBe('2026-05-06');
    expect(r.dueLatest).toBe('2026-05-11');
    expect(r.readings.filter((x) => x.role === 'governing').every((x) => x.due === '2026-05-06')).toBe(true);
  });

  it('stops during the 2020 COVID suspension (seed overlay)', () => {
    // Filed Fri 2020-03-20. Mon Mar 23 (1); Mar 24–Apr 17 suspended; Apr 20–24 (6), 27–30 (10), May 1 holiday,
    // A: Mon May 4 (11), Tue 5 holiday, May 6–8 (14), 11–15 (19), 18–22 (24), 25–29 (29), Jun 1–5 (34),
    // 8–12 (39), 15–19 (44), Mon Jun 22 (45). C (no 5 May) gave Fri Jun 19 — a day early: the LFPA
    // governs COMAR, so due is now Jun 22 (Holy Week fell inside the suspension: latest agrees).
    const r = dl('comar_decision', '2020-03-20', { overlays: SEED_OVERLAYS });
    expect(r.due).toBe('2020-06-22');
    expect(r.dueLatest).toBe('2020-06-22');
    expect(r.overlaysApplied).toEqual(['comar-covid-2020']);
    expect(r.skipped.filter((s) => s.reason.startsWith('suspension: COMAR')).map((s) => s.date)).toHaveLength(19); // weekdays Mar 24–Apr 17
  });

  it('without the overlay ends 19 business days earlier', () => {
    // Same count with no suspension, A: … Apr 27–30 (29), May 4 (30), May 6–8 (33), 11–15 (38), 18–22 (43), 25 (44), Tue May 26 (45).
    // Latest also closes Holy Thu/Fri 9–10 Apr: Wed 27, Thu May 28.
    expect(dl('comar_decision', '2020-03-20').due).toBe('2020-05-26');
    expect(dl('comar_decision', '2020-03-20').dueLatest).toBe('2020-05-28');
  });
});

describe('comar_decision_extended (45 + 45 business days from filing, LRPCAP art. 24)', () => {
  it('counts 90 business days from the filing', () => {
    // Filed Mon 2026-03-02: day 45 is Wed May 6 (above). Then Thu 7, Fri 8 (47), eight full weeks
    // May 11–Jul 3 (87), Jul 6, 7, Wed Jul 8 (90). No holiday of either calendar after 5 May until 1 Sep.
    // Latest: three more closed days (16 Mar, 2–3 Apr) → Jul 9, 10, Mon Jul 13.
    const r = dl('comar_decision_extended', '2026-03-02');
    expect(r.due).toBe('2026-07-08');
    expect(r.dueLatest).toBe('2026-07-13');
  });
});

describe('sre_opinion (15 business days, LRPCAP art. 24) and an overlay in the middle of a count', () => {
  it("is SRE's term: COMAR's closure of 29–31 May 2024 does not stop it", () => {
    // Requested Mon 2024-05-27: May 28–31 (4), Jun 3–7 (9), 10–14 (14), Mon Jun 17 (15).
    const r = dl('sre_opinion', '2024-05-27', { overlays: SEED_OVERLAYS });
    expect(r.due).toBe('2024-06-17');
    expect(r.overlaysApplied).toEqual([]);
  });

  it("stops a COMAR term for the closure's three days", () => {
    // recurso_revision notified Mon 2024-05-27: Tue 28 (1), Wed 29–Fri 31 closed, Jun 3–7 (6), 10–14 (11),
    // Mon 17 (12), 18 (13), 19 (14), Thu Jun 20 (15).
    const r = dl('recurso_revision', '2024-05-27', { overlays: SEED_OVERLAYS });
    expect(r.due).toBe('2024-06-20');
    expect(r.dueLatest).toBe('2024-06-20');
    expect(r.overlaysApplied).toEqual(['comar-closure-2024-05']);
    expect(r.skipped.slice(0, 3).map((s) => s.date)).toEqual(['2024-05-29', '2024-05-30', '2024-05-31']);
    expect(r.skipped[0]!.reason).toMatch(/^closure: COMAR \(DOF 2024-05-29/);
  });
});

describe('recurso_revision (15 business days, LRPCAP art. 25)', () => {
  it('disagrees over 5 May, which only LFPA keeps', () => {
    // Notified Fri 2026-04-24. A: Apr 27–30 (4), May 1 holiday, Mon 4 (5), Tue 5 holiday, May 6–8 (8),
    // 11–15 (13), Mon 18 (14), Tue May 19 (15). C: May 4–8 (9), 11–15 (14), Mon May 18 (15).
    // C's Mon 18 May was the old `due`: a day early, since no federal office works on 5 May and the LFPA
    // governs COMAR. Now due is the LFPA's Tue 19 May, and no other calendar moves it.
    const r = dl('recurso_revision', '2026-04-24');
    expect(r.due).toBe('2026-05-19');
    expect(r.dueLatest).toBe('2026-05-19');
    expect(r.dueReading).toBe('lfpa-art28/as-written');
    expect(r.dueInstant).toBe('2026-05-20T05:59:59.999Z');
    expect(dates(r.skipped)).toEqual(['2026-04-25', '2026-04-26', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-05', '2026-05-09', '2026-05-10', '2026-05-16', '2026-05-17']);
    expect(r.skipped[5]!.reason).toBe('holiday: 5 May (Battle of Puebla, LFPA art. 28)');
    expect(r.reason).toBeUndefined();
  });

  it('in the 2024 transmission year: 1 Oct counts as written, not under the other readings', () => {
    // Notified Fri 2024-09-20. A: Sep 23–27 (5), Mon 30 (6), Tue Oct 1 (7), Oct 2–4 (10), 7–11 (15) → Fri Oct 11.
    // B, C: Oct 1 holiday: Oct 2–4 (9), 7–11 (14), Mon Oct 14 (15).
    const r = dl('recurso_revision', '2024-09-20');
    expect(r.due).toBe('2024-10-11');
    expect(r.dueLatest).toBe('2024-10-14');
    expect(r.dueReading).toBe('lfpa-art28/as-written');
    expect(r.readings.find((x) => x.id === 'lfpa-art28/actual-transmission')!.due).toBe('2024-10-14');
    expect(r.reason).toContain('2024-10-01');
  });

  it('across Christmas and New Year', () => {
    // Notified Fri 2026-12-18: Dec 21–24 (4), Fri 25 holiday, Dec 28–31 (8), Fri Jan 1 holiday,
    // Jan 4–8 (13), Mon 11 (14), Tue Jan 12 (15). Latest: the December vacation (16–31 Dec, unverified)
    // closes Dec 21–31 too → Jan 4–8 (5), 11–15 (10), 18–22 (15) → Fri Jan 22.
    const r = dl('recurso_revision', '2026-12-18');
    expect(r).toMatchObject({ due: '2027-01-12', dueLatest: '2027-01-22' });
    expect(r.latestDays[0]).toEqual({ date: '2026-12-21', reason: 'usual closure, unverified: 21 Dec (December vacation, not loaded as DOF data)' });
  });

  it('takes the Mexico City date of an instant trigger', () => {
    // 2026-04-25T04:00Z is 22:00 on Fri 24 Apr in Mexico City: same count as above.
    const r = dl('recurso_revision', '2026-04-25T04:00:00Z');
    expect(r.triggerDate).toBe('2026-04-24');
    expect(r.due).toBe('2026-05-19');
  });
});

describe('weekly_signature (every 7 days, RLRPC art. 24)', () => {
  it('rolls an occurrence that falls on a holiday, without shifting the next ones', () => {
    // Claim Wed 2026-09-09: +7 = Wed 16 Sep (holiday) → Thu 17; +14 = Wed 23; +21 = Wed 30.
    const input = { ruleId: 'weekly_signature', trigger: '2026-09-09', pack: V1 };
    const first = computeDeadline(input);
    expect(first).toMatchObject({ due: '2026-09-17', dueLatest: '2026-09-17', occurrence: 1 });
    expect(first.skipped).toEqual([{ date: '2026-09-16', reason: 'holiday: 16 Sep (Independence Day, LFPA art. 28)' }]);
    expect(recurringOccurrence(input, 2).due).toBe('2026-09-23');
    expect(recurringOccurrence(input, 3).due).toBe('2026-09-30');
  });

  it('moves past a suspension: during COVID the first signature fell on 20 Apr 2020', () => {
    // Claim Tue 2020-03-17: +7 = Tue 24 Mar, suspended to Fri 17 Apr; Sat 18, Sun 19 → Mon 20 Apr
    // (the day COMAR said its terms would start running again).
    const r = dl('weekly_signature', '2020-03-17', { overlays: SEED_OVERLAYS });
    expect(r.due).toBe('2020-04-20');
    expect(r.skipped).toHaveLength(27); // Mar 24 … Apr 19
  });

  it('refuses occurrences for other rules and k < 1', () => {
    expect(() => recurringOccurrence({ ruleId: 'comar_decision', trigger: '2026-01-05' }, 2)).toThrow(expect.objectContaining({ field: 'occurrence' }));
    expect(() => recurringOccurrence({ ruleId: 'weekly_signature', trigger: '2026-01-05' }, 0)).toThrow(expect.objectContaining({ field: 'occurrence' }));
  });
});

describe('hour rules run on the clock', () => {
  it('child_detention_notice is immediate', () => {
    const r = dl('child_detention_notice', '2026-05-31T23:30');
    expect(r).toMatchObject({ unit: 'hours', due: '2026-05-31T23:30:00-06:00', dueLatest: '2026-05-31T23:30:00-06:00', dueInstant: '2026-06-01T05:30:00.000Z', skipped: [] });
  });

  it('detention_36h across midnight and a month end', () => {
    // Sat Jan 31 20:00 + 24 h = Sun Feb 1 20:00; + 12 h = Mon Feb 2 08:00 (UTC-6 → 14:00Z).
    expect(dl('detention_36h', '2026-01-31T20:00')).toMatchObject({ due: '2026-02-02T08:00:00-06:00', dueInstant: '2026-02-02T14:00:00.000Z' });
  });

  it('detention_36h across a year end and through a holiday', () => {
    // Thu Dec 31 18:30 + 36 h = Sat Jan 2 06:30; 1 Jan counts like any hour.
    expect(dl('detention_36h', '2026-12-31T18:30-06:00').due).toBe('2027-01-02T06:30:00-06:00');
  });

  it('detention_36h across 29 Feb of a leap year', () => {
    // Mon Feb 28 13:00 + 24 h = Tue Feb 29 13:00; + 12 h = Wed Mar 1 01:00.
    expect(dl('detention_36h', '2028-02-28T13:00').due).toBe('2028-03-01T01:00:00-06:00');
  });

  it('detention_36h counts real hours across the old daylight-saving change (3 Apr 2022)', () => {
    // Sat Apr 2 12:00 CST (18:00Z) + 36 h = Mon Apr 4 06:00Z = 01:00 CDT (UTC-5); the clock skipped an hour.
    expect(dl('detention_36h', '2022-04-02T12:00')).toMatchObject({ due: '2022-04-04T01:00:00-05:00', dueInstant: '2022-04-04T06:00:00.000Z' });
  });

  it('detention_36h from a UTC instant', () => {
    // 2026-03-01T03:00Z = Sat Feb 28 21:00 in Mexico City; + 36 h = Mon Mar 2 09:00.
    expect(dl('detention_36h', '2026-03-01T03:00:00Z')).toMatchObject({ triggerDate: '2026-02-28', due: '2026-03-02T09:00:00-06:00' });
  });

  it('reads a date-only trigger as 00:00 Mexico City time and says so', () => {
    const r = dl('detention_36h', '2026-03-10');
    expect(r.due).toBe('2026-03-11T12:00:00-06:00');
    expect(r.notes.join(' ')).toContain('00:00 Mexico City time');
  });

  it('urgent_measures_court: 24 hours, holidays included', () => {
    // Thu Apr 30 22:15 + 24 h = Fri May 1 22:15 (Labour Day makes no difference).
    expect(dl('urgent_measures_court', '2026-04-30T22:15').due).toBe('2026-05-01T22:15:00-06:00');
  });

  it('ignores overlays', () => {
    const closeEverything = overlay({ scope: { agency: 'all' }, start: '2026-01-01', end: '2026-12-31' });
    expect(dl('detention_36h', '2026-01-31T20:00', { overlays: [closeEverything] }).due).toBe('2026-02-02T08:00:00-06:00');
  });
});

describe('age_of_majority (18 years, LGDNNA art. 5; LFPA art. 29)', () => {
  it('ends on the 18th birthday when it is a business day', () => {
    // Born 2008-03-10 → Tue 2026-03-10.
    expect(dl('age_of_majority', '2008-03-10')).toMatchObject({ due: '2026-03-10', dueLatest: '2026-03-10', unit: 'years' });
  });

  it('reads 29 Feb as the first business day of March in a common year', () => {
    // Born 2008-02-29; 2026 has no 29 Feb → 1 Mar 2026 is a Sunday → Mon 2 Mar.
    const r = dl('age_of_majority', '2008-02-29');
    expect(r.due).toBe('2026-03-02');
    expect(r.skipped).toEqual([{ date: '2026-03-01', reason: 'Sunday' }]);
    expect(r.notes.join(' ')).toContain('2026 has no 29 Feb');
    // Born 2012-02-29 → 1 Mar 2030 is a Friday.
    expect(dl('age_of_majority', '2012-02-29').due).toBe('2030-03-01');
  });

  it('rolls a birthday on a holiday', () => {
    // Born 2008-09-16 → Wed 16 Sep 2026 holiday → Thu 17. Born 2010-12-25 → Mon 25 Dec 2028 → Tue 26.
    expect(dl('age_of_majority', '2008-09-16').due).toBe('2026-09-17');
    expect(dl('age_of_majority', '2010-12-25').due).toBe('2028-12-26');
  });

  it('disagrees when the birthday is an LFPA-only holiday', () => {
    // Born 2006-03-21 → Thu 21 Mar 2024: an LFPA holiday (→ Fri 22) but a business day under LFT (its day
    // was Mon 18). mx-2026.1 rolls the birthday, and the LFPA governs: Fri 22 (LFT's 21 was a day early).
    // (mx-2026.2 never rolls a birthday: see deadlines.v2.test.ts.)
    const r = dl('age_of_majority', '2006-03-21');
    expect(r.due).toBe('2024-03-22');
    expect(r.dueLatest).toBe('2024-03-22');
  });

  it("is the Procuraduría's term: COMAR's closure does not touch it", () => {
    // Born 2006-05-30 → Thu 30 May 2024, inside COMAR's closure.
    expect(dl('age_of_majority', '2006-05-30', { overlays: SEED_OVERLAYS }).due).toBe('2024-05-30');
  });

  it('rejects a birth date that does not exist', () => {
    expect(() => dl('age_of_majority', '2010-02-29')).toThrow(new DomainInputError('trigger', '2010-02-29 is not a date that exists'));
  });
});

describe('bid_issued (program target: 30 calendar days by default)', () => {
  it('counts calendar days', () => {
    // Notified Mon 2026-03-02 + 30 days = Wed Apr 1.
    expect(dl('bid_issued', '2026-03-02')).toMatchObject({ due: '2026-04-01', kind: 'program_target', length: 30 });
  });

  it("takes an organization's own target", () => {
    // + 45 days = Thu Apr 16.
    expect(dl('bid_issued', '2026-03-02', { targets: { bid_issued: 45 } })).toMatchObject({ due: '2026-04-16', length: 45 });
  });

  it('refuses to change a legal term, or a silly target', () => {
    expect(() => dl('bid_issued', '2026-03-02', { targets: { comar_decision: 60 } })).toThrow(expect.objectContaining({ field: 'targets.comar_decision' }));
    expect(() => dl('bid_issued', '2026-03-02', { targets: { bid_issued: 0 } })).toThrow(expect.objectContaining({ field: 'targets.bid_issued' }));
  });

  it('rolls a last day on a weekend to the next business day', () => {
    // Fri 2026-08-07 + 30 = Sun Sep 6 → Mon Sep 7.
    const r = dl('bid_issued', '2026-08-07');
    expect(r.due).toBe('2026-09-07');
    expect(r.skipped).toEqual([{ date: '2026-09-06', reason: 'Sunday' }]);
  });

  it('a suspension stops the count; a closure on the same days does not', () => {
    // Suspension Tue–Thu 10–12 Mar: 30 counted days end 3 days later, Sat Apr 4 → Mon Apr 6.
    const suspended = dl('bid_issued', '2026-03-02', { overlays: [overlay({ kind: 'suspension' })] });
    expect(suspended.due).toBe('2026-04-06');
    expect(dates(suspended.skipped)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12', '2026-04-04', '2026-04-05']);
    // Closure on the same days: only a last day inside it would move. Apr 1 is outside.
    expect(dl('bid_issued', '2026-03-02', { overlays: [overlay({ kind: 'closure' })] }).due).toBe('2026-04-01');
    // A suspension of another agency changes nothing.
    expect(dl('bid_issued', '2026-03-02', { overlays: [overlay({ kind: 'suspension', scope: { agency: 'COMAR' } })] }).due).toBe('2026-04-01');
  });
});

describe('input errors', () => {
  it.each([
    [{ ruleId: 'nope', trigger: '2026-01-05' }, 'rule'],
    [{ ruleId: 'comar_decision', trigger: '2026-02-30' }, 'trigger'],
    [{ ruleId: 'comar_decision', trigger: '05/01/2026' }, 'trigger'],
    [{ ruleId: 'comar_decision', trigger: '2005-01-05' }, 'trigger'],
    [{ ruleId: 'comar_decision', trigger: '2099-12-01' }, 'trigger'],
    [{ ruleId: 'comar_decision', trigger: '2026-01-05', calendar: 'gregorian' as never }, 'calendar'],
  ])('%j → field %s', (input, field) => {
    expect(() => computeDeadline(input)).toThrow(expect.objectContaining({ name: 'DomainInputError', field }));
  });

  it('uses the calendar asked for as primary, which wins ties', () => {
    const r = dl('comar_decision', '2026-03-02', { calendar: 'lft-art74' });
    expect(r.calendar).toBe('lft-art74');
    expect(r.dueReading).toBe('lft-art74');
    expect(r.readings[0]!.id).toBe('lft-art74');
  });
});

describe('mexicoCityDate', () => {
  it('gives the Mexico City day of an instant, for "faltan N días hábiles" counts', () => {
    // 05:30Z on 1 Jun is 23:30 on 31 May in Mexico City.
    expect(mexicoCityDate('2026-06-01T05:30:00Z')).toBe('2026-05-31');
    expect(mexicoCityDate(new Date('2026-06-01T06:30:00Z'))).toBe('2026-06-01');
    expect(() => mexicoCityDate('soon')).toThrow(expect.objectContaining({ field: 'instant' }));
  });
});
