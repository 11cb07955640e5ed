import fc from 'fast-check';
import { DomainInputError } from '../errors';
import type { Overlay } from '../overlays';
import { SEED_OVERLAYS } from '../seedOverlays';
import { addDays } from '../time/localDate';
import { buildCalendar } from './businessCalendar';
import { CALENDAR_IDS } from './types';

const closure = (over: Partial<Overlay> = {}): Overlay => ({
  id: 'test-closure',
  kind: 'closure',
  start: '2026-03-10',
  end: '2026-03-12',
  scope: { agency: 'COMAR' },
  citation: { dof: '2026-03-09', title: 'Acuerdo de prueba', verified: false },
  ...over,
});

describe('business calendar: reasons', () => {
  const lfpa = buildCalendar('lfpa-art28');
  const lft = buildCalendar('lft-art74');

  it('names weekends and holidays with their source', () => {
    expect(lfpa.nonBusinessReason('2026-09-16')).toBe('holiday: 16 Sep (Independence Day, LFPA art. 28)');
    expect(lfpa.nonBusinessReason('2026-09-19')).toBe('Saturday');
    expect(lfpa.nonBusinessReason('2026-03-21')).toBe("Saturday; holiday: 21 Mar (Benito Juárez's birthday, LFPA art. 28)");
    expect(lfpa.nonBusinessReason('2026-09-17')).toBeNull();
  });

  it('disagrees with LFT on the Monday holidays and on LFPA-only days', () => {
    // 2 Feb 2026 is the first Monday of February (LFT); 5 Feb is a Thursday (LFPA).
    expect(lfpa.isBusinessDay('2026-02-02')).toBe(true);
    expect(lft.nonBusinessReason('2026-02-02')).toBe('holiday: 2 Feb (Constitution Day, LFT art. 74 fr. II)');
    expect(lfpa.isBusinessDay('2026-02-05')).toBe(false);
    expect(lft.isBusinessDay('2026-02-05')).toBe(true);
    // 5 May and 1 Sep are LFPA-only.
    expect(lft.isBusinessDay('2026-05-05')).toBe(true);
    expect(lft.isBusinessDay('2026-09-01')).toBe(true);
  });

  it('reads the transmission day both ways under LFPA', () => {
    const actual = buildCalendar('lfpa-art28', { transmissionReading: 'actual' });
    expect(lfpa.isBusinessDay('2024-10-01')).toBe(true); // Tuesday; the text names 1 Dec
    expect(actual.nonBusinessReason('2024-10-01')).toBe(
      'holiday: 1 Oct (Transmission of federal executive power (read as the actual transmission day), LFPA art. 28)',
    );
    expect(lfpa.nonBusinessReason('2030-12-01')).toBe('Sunday; holiday: 1 Dec (Transmission of federal executive power, LFPA art. 28)');
    expect(lft.isBusinessDay('2030-10-01')).toBe(false);
  });

  it('rejects dates that do not exist or that the calendars do not cover, naming the field', () => {
    expect(() => lfpa.isBusinessDay('2026-02-30')).toThrow(new DomainInputError('date', '2026-02-30 is not a date that exists'));
    expect(() => lfpa.addBusinessDays('2100-06-01', 1)).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => lfpa.addBusinessDays('2026-01-05', 1.5)).toThrow(expect.objectContaining({ field: 'n' }));
  });
});

describe('business calendar: counting', () => {
  const lfpa = buildCalendar('lfpa-art28');

  it('adds business days forward and backward', () => {
    // Fri 2026-09-11 + 30: Sep 14,15 (2); 16 holiday; 17,18 (4); five full weeks to Oct 23 (29); Mon Oct 26 (30).
    expect(lfpa.addBusinessDays('2026-09-11', 30)).toBe('2026-10-26');
    // Fri 2026-09-18 − 3: Thu 17 (1); Wed 16 holiday; Tue 15 (2); Mon 14 (3).
    expect(lfpa.addBusinessDays('2026-09-18', -3)).toBe('2026-09-14');
    expect(lfpa.addBusinessDays('2026-09-16', 0)).toBe('2026-09-16');
  });

  it('counts business days between two dates ("faltan 3 días hábiles")', () => {
    // (Mon 14, Fri 18]: Tue 15, Thu 17, Fri 18 — Wed 16 is a holiday.
    expect(lfpa.businessDaysBetween('2026-09-14', '2026-09-18')).toBe(3);
    // Backward, [Mon 14, Fri 18): Mon 14, Tue 15, Thu 17.
    expect(lfpa.businessDaysBetween('2026-09-18', '2026-09-14')).toBe(-3);
    expect(lfpa.businessDaysBetween('2026-09-14', '2026-09-14')).toBe(0);
    // Sat to Sun: nothing.
    expect(lfpa.businessDaysBetween('2026-09-19', '2026-09-20')).toBe(0);
  });

  it('rolls a non-business day forward to the next business day (LFPA art. 29)', () => {
    expect(lfpa.rollForward('2026-09-16')).toBe('2026-09-17');
    expect(lfpa.rollForward('2026-12-25')).toBe('2026-12-28'); // Fri holiday, then the weekend
    expect(lfpa.rollForward('2026-12-28')).toBe('2026-12-28');
  });
});

describe('business calendar: overlays', () => {
  it('applies a closure only to its agency', () => {
    const comar = buildCalendar('lfpa-art28', { overlays: SEED_OVERLAYS, agency: 'COMAR' });
    const inm = buildCalendar('lfpa-art28', { overlays: SEED_OVERLAYS, agency: 'INM' });
    const none = buildCalendar('lfpa-art28', { overlays: SEED_OVERLAYS });
    expect(comar.nonBusinessReason('2024-05-30')).toMatch(/^closure: COMAR \(DOF 2024-05-29, .*\) \[comar-closure-2024-05\]$/);
    expect(inm.isBusinessDay('2024-05-30')).toBe(true);
    expect(none.isBusinessDay('2024-05-30')).toBe(true);
  });

  it('applies an office-specific overlay only when the office matches', () => {
    const overlays = [closure({ scope: { agency: 'COMAR', office: 'Tapachula' } })];
    expect(buildCalendar('lfpa-art28', { overlays, agency: 'COMAR', office: 'Tapachula' }).isBusinessDay('2026-03-11')).toBe(false);
    expect(buildCalendar('lfpa-art28', { overlays, agency: 'COMAR', office: 'CDMX' }).isBusinessDay('2026-03-11')).toBe(true);
    // Office unknown: we do not lengthen a term on a guess.
    expect(buildCalendar('lfpa-art28', { overlays, agency: 'COMAR' }).isBusinessDay('2026-03-11')).toBe(true);
  });

  it("applies an 'all' overlay to every agency, and leaves out the rules an acuerdo excepts", () => {
    const all = [closure({ scope: { agency: 'all', exceptRules: ['asylum_filing_window'] } })];
    expect(buildCalendar('lfpa-art28', { overlays: all, agency: 'INM' }).isBusinessDay('2026-03-11')).toBe(false);
    expect(buildCalendar('lfpa-art28', { overlays: all, agency: 'COMAR', ruleId: 'asylum_filing_window' }).isBusinessDay('2026-03-11')).toBe(true);
  });

  it('tells suspensions from closures', () => {
    const cal = buildCalendar('lfpa-art28', {
      overlays: [closure(), closure({ id: 'test-suspension', kind: 'suspension', start: '2026-03-16', end: '2026-03-17' })],
      agency: 'COMAR',
    });
    expect(cal.isSuspended('2026-03-11')).toBe(false);
    expect(cal.isBusinessDay('2026-03-11')).toBe(false);
    expect(cal.isSuspended('2026-03-16')).toBe(true);
    expect(cal.nonBusinessReason('2026-03-16')).toMatch(/^suspension: COMAR/);
  });

  it('lets a later overlay replace an earlier one with the same id', () => {
    const corrected = closure({ start: '2026-03-20', end: '2026-03-20' });
    const cal = buildCalendar('lfpa-art28', { overlays: [closure(), corrected], agency: 'COMAR' });
    expect(cal.isBusinessDay('2026-03-11')).toBe(true);
    expect(cal.isBusinessDay('2026-03-20')).toBe(false);
  });

  it('moves addBusinessDays past a closure', () => {
    const cal = buildCalendar('lfpa-art28', { overlays: [closure()], agency: 'COMAR' });
    // Mon 2026-03-09 + 3: Tue 10–Thu 12 closed; Fri 13 (1), Mon 16 (2), Tue 17 (3).
    expect(cal.addBusinessDays('2026-03-09', 3)).toBe('2026-03-17');
  });
});

describe('business calendar: properties', () => {
  const day = fc.integer({ min: 0, max: 365 * 25 }).map((n) => addDays('2010-01-01', n));
  const calendar = fc.record({
    id: fc.constantFrom(...CALENDAR_IDS),
    transmissionReading: fc.constantFrom('as-written' as const, 'actual' as const),
  });
  const cals = new Map<string, ReturnType<typeof buildCalendar>>();
  const calOf = (c: { id: (typeof CALENDAR_IDS)[number]; transmissionReading: 'as-written' | 'actual' }) => {
    const key = `${c.id}|${c.transmissionReading}`;
    if (!cals.has(key)) cals.set(key, buildCalendar(c.id, { transmissionReading: c.transmissionReading }));
    return cals.get(key)!;
  };

  it('addBusinessDays always lands on a business day', () => {
    fc.assert(
      fc.property(calendar, day, fc.integer({ min: -90, max: 90 }).filter((n) => n !== 0), (c, d, n) => {
        expect(calOf(c).isBusinessDay(calOf(c).addBusinessDays(d, n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('adding n business days and counting back gives n', () => {
    fc.assert(
      fc.property(calendar, day, fc.integer({ min: -90, max: 90 }), (c, d, n) => {
        const cal = calOf(c);
        expect(cal.businessDaysBetween(d, cal.addBusinessDays(d, n))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
