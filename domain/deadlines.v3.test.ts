/**
 * Rule pack mx-2027.1 (issue 24 item 4): the defects found against the law texts on 6 Dec 2026, each
 * against dates worked out by hand from the article (the working is in the comments), and the old
 * packs unchanged beside them (open cases keep the pack they were opened under).
 */
import { computeDeadline, recurringOccurrence, type DeadlineInput } from './deadlines';
import { tfjaJulyStart } from './calendar/usualClosures';
import { getRulePack, RULE_PACK } from './rules/rulePack';

const V2 = getRulePack('mx-2026.2');
const dl = (ruleId: string, trigger: string, extra: Partial<DeadlineInput> = {}) => computeDeadline({ ruleId, trigger, ...extra });

test('mx-2027.3, the pack in force, and mx-2027.2 count every date as mx-2027.1 does', () => {
  expect(RULE_PACK.version).toBe('mx-2027.3');
  expect(dl('comar_decision', '2027-03-01').rulePack).toBe('mx-2027.3');
  expect(RULE_PACK.extends).toBe('mx-2027.2');
  expect(getRulePack('mx-2027.2').extends).toBe('mx-2027.1');
  for (const pack of [RULE_PACK, getRulePack('mx-2027.2')]) {
    for (const r of pack.rules.filter((x) => x.unit !== 'recurring_days')) {
      const mine = dl(r.id, '2027-03-01', { pack });
      const before = dl(r.id, '2027-03-01', { pack: getRulePack('mx-2027.1') });
      expect([r.id, mine.dueInstant, mine.dueLatestInstant]).toEqual([r.id, before.dueInstant, before.dueLatestInstant]);
    }
  }
});

describe('weekly_signature on a closed weekday (LFPA art. 29 ¶2: "la fecha determinada … inhábil … se prorrogará hasta el siguiente día hábil")', () => {
  it('moves the signature to the next business day, never a week later', () => {
    // Assigned Thursday, registered Thu 9 Sep 2027: the first signature is Thu 16 Sep 2027, Independence
    // Day (LFPA art. 28), so it is due Fri 17 Sep. mx-2026.2 dropped that week: Thu 23 Sep.
    const r = dl('weekly_signature', '2027-09-09', { weekday: 'Thursday' });
    expect(r).toMatchObject({ due: '2027-09-17', dueLatest: '2027-09-17' });
    expect(r.skipped).toEqual([{ date: '2027-09-16', reason: 'holiday: 16 Sep (Independence Day, LFPA art. 28)' }]);
    expect(dl('weekly_signature', '2027-09-09', { weekday: 'Thursday', pack: V2 }).due).toBe('2027-09-23');
  });

  it('keeps the assigned weekday for the next occurrence', () => {
    // Occurrence 2: 9 Sep + 14 days = Thu 23 Sep 2027, a business day.
    expect(recurringOccurrence({ ruleId: 'weekly_signature', trigger: '2027-09-09', weekday: 'Thursday' }, 2).due).toBe('2027-09-23');
  });
});

describe('a business-day term ends when the office closes (LFPA arts. 28, 30), an amparo at 24:00 (Ley de Amparo art. 21)', () => {
  // Entry Fri 11 Sep 2026, 30 business days: Sep 14, 15 (2), 16 closed (LFPA art. 28), 17, 18 (4),
  // Sep 21–25 (9), Sep 28–Oct 2 (14), Oct 5–9 (19), Oct 12–16 (24), Oct 19–23 (29), Mon Oct 26 (30).
  it('ends due at 18:00 Mexico City (UTC−6, no daylight saving since 2022) and keeps 23:59:59 for dueLatest', () => {
    const r = dl('asylum_filing_window', '2026-09-11');
    expect(r).toMatchObject({
      due: '2026-10-26',
      dueInstant: '2026-10-27T00:00:00.000Z', // 18:00 −06:00
      dueLatestInstant: '2026-10-27T05:59:59.999Z', // 23:59:59.999 −06:00
      filing: { filing: 'office-hours', closesAt: '18:00', zone: 'America/Mexico_City' },
    });
    expect(r.filing!.source).toContain('LFPA arts. 28, 30');
    // mx-2026.2 (open cases): until the end of the day, as before.
    expect(dl('asylum_filing_window', '2026-09-11', { pack: V2 })).toMatchObject({ due: '2026-10-26', dueInstant: '2026-10-27T05:59:59.999Z' });
    expect(dl('asylum_filing_window', '2026-09-11', { pack: V2 }).filing).toBeUndefined();
  });

  it("takes an office's hours and zone: 18:00 in Tijuana is 01:00 UTC while Pacific daylight time runs (until 1 Nov 2026)", () => {
    const r = dl('asylum_filing_window', '2026-09-11', { officeHours: { closesAt: '18:00', zone: 'America/Tijuana' } });
    expect(r).toMatchObject({ due: '2026-10-26', dueInstant: '2026-10-27T01:00:00.000Z', dueLatestInstant: '2026-10-27T06:59:59.999Z' });
    expect(r.filing).toMatchObject({ closesAt: '18:00', zone: 'America/Tijuana', source: expect.stringMatching(/^the filing hours listed for the office, LFPA art. 30/) });
  });

  it('refuses bad office hours, naming the field', () => {
    const bad: [Partial<DeadlineInput>, string][] = [
      [{ officeHours: { closesAt: '6pm', zone: 'America/Mexico_City' } }, 'officeHours.closesAt'],
      [{ officeHours: { closesAt: '18:00', zone: 'Mars/Olympus' } }, 'officeHours.zone'],
    ];
    for (const [extra, field] of bad) expect(() => dl('asylum_filing_window', '2026-09-11', extra)).toThrow(expect.objectContaining({ field }));
    expect(() => dl('amparo_term', '2026-09-11', { officeHours: { closesAt: '18:00', zone: 'America/Mexico_City' } })).toThrow(
      expect.objectContaining({ field: 'officeHours' }),
    );
  });

  it('lets an amparo be filed until 24:00 of its last day', () => {
    // Notified Fri 11 Sep 2026: due Tue 6 Oct (worked in deadlines.v2.test.ts); 24:00 = end of 6 Oct −06:00.
    const r = dl('amparo_term', '2026-09-11');
    expect(r).toMatchObject({ due: '2026-10-06', dueInstant: '2026-10-07T05:59:59.999Z', filing: { closesAt: '24:00' } });
  });
});

describe('sre_opinion restored (LRPCAP art. 24 ¶3: 15 días hábiles from the day after the SRE received the request)', () => {
  it('counts 15 business days on the LFPA calendar, for the SRE', () => {
    // Received Mon 1 Mar 2027: Mar 2–5 (4), 8–12 (9), 15–19 (14; 15 Mar is no LFPA holiday, and 21 Mar
    // 2027 is a Sunday: fixed dates do not move), Mon 22 Mar (15). dueLatest adds Mon 15 Mar (LFT art. 74
    // third Monday of March): Tue 23 Mar.
    const r = dl('sre_opinion', '2027-03-01');
    expect(r).toMatchObject({ due: '2027-03-22', dueLatest: '2027-03-23', citation: 'LRPCAP art. 24', agency: 'SRE', verified: true });
  });
});

describe('age_of_majority for a child born on 29 Feb', () => {
  it('gives the earlier reading (28 Feb) as due and the later (1 Mar, LFPA art. 29 ¶1) as dueLatest, explained', () => {
    // Born Wed 29 Feb 2012; 2030 is a common year: 28 Feb 2030 (Thu) or 1 Mar 2030 (Fri). A fact: never rolled.
    const r = dl('age_of_majority', '2012-02-29');
    expect(r).toMatchObject({ due: '2030-02-28', dueLatest: '2030-03-01' });
    expect(r.reason).toContain('Born on 29 Feb');
    expect(r.reason).toContain('LFPA art. 29 ¶1');
    // Any other birthday has one reading: born 28 Feb 2012 → 28 Feb 2030.
    expect(dl('age_of_majority', '2012-02-28')).toMatchObject({ due: '2030-02-28', dueLatest: '2030-02-28' });
    // mx-2026.2 read 1 Mar only.
    expect(dl('age_of_majority', '2012-02-29', { pack: V2 })).toMatchObject({ due: '2030-03-01', dueLatest: '2030-03-01' });
  });
});

describe("the TFJA's July vacation in dueLatest starts at its earliest plausible day", () => {
  it('starts on the Monday of 16 Jul’s week, never after 13 Jul (the TFJA closed from Mon 13 Jul 2026)', () => {
    expect(tfjaJulyStart(2026)).toBe('2026-07-13'); // 16 Jul 2026 is a Thursday
    expect(tfjaJulyStart(2027)).toBe('2027-07-12'); // 16 Jul 2027 is a Friday
    expect(tfjaJulyStart(2029)).toBe('2029-07-13'); // 16 Jul 2029 is a Monday: 13 Jul is earlier
  });

  it('lengthens dueLatest of a nulidad term in a year whose acuerdo is not loaded', () => {
    // Notified Fri 9 Jul 2027, 30 business days. Governing (weekends + LFT days, no 2027 acuerdo): Jul 12–16 (5),
    // 19–23 (10), 26–30 (15), Aug 2–6 (20), 9–13 (25), 16–20 (30) → Fri 20 Aug.
    // mx-2026.2's union closes 16–31 Jul: Jul 12–15 (4), Aug 2–6 (9), 9–13 (14), 16–20 (19), 23–27 (24),
    // Aug 30–Sep 3 (29), Mon 6 Sep (30). mx-2027.1's closes 12–31 Jul: Aug 2–6 (5) … Aug 30–Sep 3 (25),
    // Sep 6–10 (30) → Fri 10 Sep.
    expect(dl('nulidad_term', '2027-07-09', { pack: V2 })).toMatchObject({ due: '2027-08-20', dueLatest: '2027-09-06' });
    const r = dl('nulidad_term', '2027-07-09');
    expect(r).toMatchObject({ due: '2027-08-20', dueLatest: '2027-09-10' });
    expect(r.latestDays).toContainEqual({ date: '2027-07-12', reason: 'usual closure, unverified: 12 Jul (July vacation, not loaded as DOF data)' });
  });

  it("leaves the amparo courts' July vacation on 16 Jul", () => {
    // Notified Fri 10 Jul 2026: latest Tue 18 Aug (worked in deadlines.v2.test.ts), same in mx-2027.1.
    expect(dl('amparo_term', '2026-07-10').dueLatest).toBe('2026-08-18');
  });
});

describe('comar_notice_to_inm (72 h)', () => {
  it("is unverified, says its only source, and is COMAR's duty", () => {
    const r = dl('comar_notice_to_inm', '2027-03-01T10:00');
    expect(r).toMatchObject({ verified: false, citation: 'Protocolo SCJN sobre personas refugiadas (no verificado)', due: '2027-03-04T10:00:00-06:00' });
    const rule = RULE_PACK.rules.find((x) => x.id === 'comar_notice_to_inm')!;
    expect(rule.actor).toBe('comar');
    expect(rule.verification!.source).toContain('SCJN protocol');
  });
});
