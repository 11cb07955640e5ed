/**
 * Rule pack mx-2026.2 (issue 12): the new terms, the corrected rules and what a lawyer reads, each
 * against dates worked out by hand (the working is in the comments). `due` = the governing calendar
 * (with the seed overlays: COMAR 2024 closure, COVID suspension, TFJA 2026 acuerdo); `dueLatest` = every
 * calendar that may apply plus the usual closures not loaded as data.
 */
import { computeDeadline, recurringOccurrence, type DeadlineInput } from './deadlines';
import { DomainInputError } from './errors';
import { getRulePack } from './rules/rulePack';
import { SEED_OVERLAYS } from './seedOverlays';

// Cases opened under mx-2026.2 keep it (issue 24: mx-2027.1 reaches them only through a person's acceptance).
const V2 = getRulePack('mx-2026.2');
const dl = (ruleId: string, trigger: string, extra: Partial<DeadlineInput> = {}) =>
  computeDeadline({ ruleId, trigger, overlays: SEED_OVERLAYS, pack: V2, ...extra });

test('mx-2026.2 stays loadable for the cases opened under it', () => {
  expect(dl('comar_decision', '2026-03-02').rulePack).toBe('mx-2026.2');
});

describe('amparo_term (15 days, Ley de Amparo arts. 17–19, amparo calendar)', () => {
  it('skips 14 and 16 Sep, which the amparo calendar closes', () => {
    // Notified Fri 2026-09-11. Mon 14 closed (art. 19), Tue 15 (1), Wed 16 closed, Thu 17 (2), Fri 18 (3),
    // Sep 21–25 (8), Sep 28–Oct 2 (13), Mon Oct 5 (14), Tue Oct 6 (15).
    const r = dl('amparo_term', '2026-09-11');
    expect(r).toMatchObject({ due: '2026-10-06', dueLatest: '2026-10-06', calendar: 'amparo-art19', term: '15 días hábiles, Ley de Amparo arts. 17, 18, 19' });
    expect(r.skipped).toContainEqual({ date: '2026-09-14', reason: 'holiday: 14 Sep (Eve of Independence (14 Sep), Ley de Amparo art. 19)' });
  });

  it('keeps 1 Sep open (an LFPA day, not an amparo one), and closes 12 Oct', () => {
    // Notified Fri 2026-08-28: Mon Aug 31 (1), Tue Sep 1 (2), 2–4 (5), 7–11 (10), Mon 14 closed, 15 (11),
    // 16 closed, 17 (12), 18 (13), Mon 21 (14), Tue Sep 22 (15).
    expect(dl('amparo_term', '2026-08-28').due).toBe('2026-09-22');
    // Notified Fri 2026-10-02: Oct 5–9 (5), Mon 12 closed, 13–16 (9), 19–23 (14), Mon Oct 26 (15).
    expect(dl('amparo_term', '2026-10-02').due).toBe('2026-10-26');
  });

  it("shows the courts' July vacation as the latest plausible date, unverified, and warns that court closures are not loaded", () => {
    // Notified Fri 2026-07-10. Amparo calendar: Jul 13–17 (5), 20–24 (10), 27–31 (15) → Fri Jul 31.
    // Latest: 16–31 Jul closed too (usual court vacation): Jul 13, 14, 15 (3), Aug 3–7 (8), 10–14 (13), 17, Tue Aug 18 (15).
    const r = dl('amparo_term', '2026-07-10');
    expect([r.due, r.dueLatest]).toEqual(['2026-07-31', '2026-08-18']);
    expect(r.latestDays[0]).toEqual({ date: '2026-07-16', reason: 'usual closure, unverified: 16 Jul (July vacation, not loaded as DOF data)' });
    expect(r.warnings.join(' ')).toContain("JUDICIARY's closures for 2026 are not loaded");
  });
});

describe('amparo_now ("en cualquier tiempo" against deportation or incommunicado detention)', () => {
  it('reads as: file now — due the moment it becomes known, not a far date', () => {
    const r = dl('amparo_now', '2026-11-30T22:00:00-06:00');
    expect(r).toMatchObject({ due: '2026-11-30T22:00:00-06:00', dueLatest: '2026-11-30T22:00:00-06:00', term: 'en cualquier tiempo: presentar ya, Ley de Amparo art. 17 fr. IV' });
  });
});

describe('nulidad_term (30 business days, LFPCA art. 13, TFJA calendar)', () => {
  it("counts only the days the TFJA's Salas are open (its 2026 acuerdo, loaded as overlays)", () => {
    // Notified Fri 2026-07-10. TFJA closed Jul 13–31: Aug 3–7 (5), 10–14 (10), 17–21 (15), 24–27 (19),
    // Fri Aug 28 closed (employees' day), Mon Aug 31 (20), Sep 1–4 (24), 7–11 (29), Sep 14–16 closed, Thu Sep 17 (30).
    const r = dl('nulidad_term', '2026-07-10');
    expect([r.due, r.dueLatest]).toEqual(['2026-09-17', '2026-09-17']);
    expect(r.overlaysApplied).toEqual(['tfja-2026-07-13', 'tfja-2026-08-28', 'tfja-2026-09-14']);
    expect(r.warnings).toEqual([]);
    expect(r.governingCalendar).toBe('TFJA (LFPCA art. 74) + closures declared for TFJA');
  });

  it("without the acuerdo the count is shorter, and it warns that the TFJA's closures are not loaded", () => {
    // No overlays: Jul 13–17 (5), 20–24 (10), 27–31 (15), Aug 3–7 (20), 10–14 (25), 17–21 (30) → Fri Aug 21.
    // Latest still allows the usual July vacation: Jul 13–15 (3), Aug 3–7 (8), 10–14 (13), 17–21 (18), 24–28 (23),
    // Aug 31–Sep 4 (28), Mon 7 (29), Tue Sep 8 (30).
    const r = computeDeadline({ ruleId: 'nulidad_term', trigger: '2026-07-10', pack: V2 });
    expect([r.due, r.dueLatest]).toEqual(['2026-08-21', '2026-09-08']);
    expect(r.warnings.join(' ')).toContain("TFJA's closures for 2026 are not loaded");
  });
});

describe('migration_procedure_answer (20 business days or deemed refused, LM art. 128)', () => {
  it('skips 20 Nov; dueLatest allows the December vacation', () => {
    // Filed Mon 2026-11-23: Nov 24–27 (4), Nov 30–Dec 4 (9), 7–11 (14), 14–18 (19), Mon Dec 21 (20).
    // Latest: 16–31 Dec and 1 Jan closed: Dec 14, 15 (16), Jan 4–7 (20) → Thu 2027-01-07.
    const r = dl('migration_procedure_answer', '2026-11-23');
    expect([r.due, r.dueLatest]).toEqual(['2026-12-21', '2027-01-07']);
    expect(r.term).toBe('20 días hábiles, LM art. 128');
    expect(r.warnings).toHaveLength(2); // INM's closures of 2026 and 2027
  });
});

describe('hour terms run on the clock', () => {
  it("COMAR's notice to INM: 72 hours, weekends included", () => {
    // Filed Thu 2026-03-19 10:00 → Sun 2026-03-22 10:00 (hours do not stop for weekends or 21 Mar).
    expect(dl('comar_notice_to_inm', '2026-03-19T10:00:00-06:00').due).toBe('2026-03-22T10:00:00-06:00');
  });

  it("the public prosecutor's urgent measures: 3 hours from the Procuraduría's request", () => {
    expect(dl('urgent_measures_prosecutor', '2026-11-30T22:00:00-06:00').due).toBe('2026-12-01T01:00:00-06:00');
  });

  it('the humanitarian visitor card is owed at once', () => {
    const r = dl('tvrh_for_child', '2026-11-30T09:15:00-06:00');
    expect(r.due).toBe('2026-11-30T09:15:00-06:00');
    expect(r.term).toBe('inmediato, LM art. 112');
  });
});

describe('age_of_majority: the 18th birthday is a fact, never rolled', () => {
  it('stays on a holiday and on a Sunday', () => {
    // Born 2008-09-16 → Wed 16 Sep 2026, a holiday: still that day (mx-2026.1 rolled it to Thu 17).
    expect(dl('age_of_majority', '2008-09-16')).toMatchObject({ due: '2026-09-16', dueLatest: '2026-09-16', skipped: [] });
    // Born 2008-02-29 → 2026 has no 29 Feb: 1 Mar, a Sunday, not rolled.
    const r = dl('age_of_majority', '2008-02-29');
    expect(r.due).toBe('2026-03-01');
    expect(r.warnings).toEqual([]);
  });
});

describe('weekly_signature: COMAR assigns the weekday; a closed day drops the signature', () => {
  it('drops an occurrence on a holiday instead of moving it', () => {
    // Claim Wed 2026-09-09: +7 = Wed 16 Sep, a holiday → no signature that week; next Wed 23 Sep.
    const r = dl('weekly_signature', '2026-09-09');
    expect(r.due).toBe('2026-09-23');
    expect(r.skipped).toEqual([{ date: '2026-09-16', reason: 'occurrence dropped: holiday: 16 Sep (Independence Day, LFPA art. 28)' }]);
    expect(recurringOccurrence({ ruleId: 'weekly_signature', trigger: '2026-09-09', pack: V2 }, 3).due).toBe('2026-09-30');
  });

  it('falls on the assigned weekday', () => {
    // Claim Wed 2026-09-09, COMAR assigns Tuesday: the last Tuesday on or before it is 8 Sep → Tue 15 Sep.
    expect(dl('weekly_signature', '2026-09-09', { weekday: 'Tuesday' }).due).toBe('2026-09-15');
    expect(() => dl('weekly_signature', '2026-09-09', { weekday: 'Sunday' as never })).toThrow(expect.objectContaining({ field: 'weekday' }));
  });

  it("drops a signature that falls on COMAR's closure", () => {
    // Thursdays; signed Thu 2024-05-23 → Thu 30 May is inside COMAR's closure (29–31 May) → Thu 6 Jun.
    expect(dl('weekly_signature', '2024-05-23', { weekday: 'Thursday' }).due).toBe('2024-06-06');
  });
});

describe('comar_decision_extended: the length the notice grants (default the maximum, 45)', () => {
  it('adds the granted days to the 45', () => {
    // Filed Mon 2026-03-02: day 45 Wed May 6. +20 → 65: May 7, 8 (47), 11–15 (52), 18–22 (57), 25–29 (62),
    // Jun 1, 2, Wed Jun 3 (65).
    expect(dl('comar_decision_extended', '2026-03-02', { extensionDays: 20 })).toMatchObject({ due: '2026-06-03', length: 65 });
    expect(dl('comar_decision_extended', '2026-03-02')).toMatchObject({ due: '2026-07-08', length: 90 });
    expect(() => dl('comar_decision_extended', '2026-03-02', { extensionDays: 46 })).toThrow(
      new DomainInputError('extensionDays', 'expected a whole number of business days from 1 to 45, got 46'),
    );
    expect(() => dl('comar_decision', '2026-03-02', { extensionDays: 10 })).toThrow(expect.objectContaining({ field: 'extensionDays' }));
  });
});

describe('the covered range: births from 1990, terms to 2045', () => {
  it('refuses anything outside it, naming the field', () => {
    expect(() => dl('comar_decision', '2046-01-02')).toThrow(expect.objectContaining({ field: 'trigger', message: expect.stringContaining('2045-12-31') }));
    expect(() => dl('comar_decision', '2006-12-29')).toThrow(expect.objectContaining({ field: 'trigger' }));
    // The count itself would end in 2046.
    expect(() => dl('comar_decision', '2045-12-01')).toThrow(expect.objectContaining({ field: 'trigger', message: expect.stringContaining('2046') }));
    expect(() => dl('age_of_majority', '1989-12-31')).toThrow(expect.objectContaining({ field: 'trigger', message: expect.stringContaining('1990-01-01') }));
    expect(() => dl('age_of_majority', '2028-01-01')).toThrow(expect.objectContaining({ field: 'trigger', message: expect.stringContaining('18th birthday (2046-01-01)') }));
    expect(dl('age_of_majority', '1990-01-01').due).toBe('2008-01-01');
  });
});

describe('what a lawyer reads', () => {
  it('states the term, the governing calendar, the skipped days, the closures used and the difference to dueLatest', () => {
    // comar_decision filed Mon 2026-03-02: due Wed May 6 (skips 1 and 5 May); latest Mon May 11 (16 Mar, 2–3 Apr).
    const r = dl('comar_decision', '2026-03-02');
    expect(r.explanation).toContain('Term: 45 días hábiles, LRPCAP art. 24.');
    expect(r.explanation).toContain('Governing calendar: LFPA art. 28 as written + closures declared for COMAR. Counted from 2026-03-02; due 2026-05-06.');
    expect(r.explanation).toContain('2026-05-05 (holiday: 5 May (Battle of Puebla, LFPA art. 28))');
    expect(r.explanation).toContain('No declared closure fell in the count.');
    expect(r.explanation).toContain("Latest plausible date 2026-05-11, if these days are closed too: 2026-03-16 (holiday: 16 Mar (Benito Juárez's birthday, LFT art. 74 fr. III))");
    expect(r.explanation).toContain("Warning: COMAR's closures for 2026 are not loaded");
  });

  it('names the declared closures used', () => {
    // recurso_revision notified Mon 2024-05-27: Tue 28 (1), 29–31 closed (COMAR), Jun 3–7 (6), 10–14 (11), 17–19 (14), Thu Jun 20 (15).
    const r = dl('recurso_revision', '2024-05-27');
    expect(r.due).toBe('2024-06-20');
    expect(r.explanation).toContain('Declared closures used: comar-closure-2024-05.');
  });
});
