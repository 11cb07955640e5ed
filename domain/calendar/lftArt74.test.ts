import { libraryPublicHolidays, lftHolidays } from './lftArt74';

/**
 * LFT art. 74 holidays worked out by hand from printed calendars: 1 Jan; first Monday of February;
 * third Monday of March; 1 May; 16 Sep; 1 Oct in a transmission year (since DOF 30-09-2024);
 * third Monday of November; 25 Dec.
 */
const HAND: Record<number, string[]> = {
  // Feb Mondays 5,12 → 5; Mar Mondays 4,11,18 → 18; Nov Mondays 4,11,18 → 18; 1 Oct is a Tuesday.
  2024: ['2024-01-01', '2024-02-05', '2024-03-18', '2024-05-01', '2024-09-16', '2024-10-01', '2024-11-18', '2024-12-25'],
  // Feb 3; Mar 3,10,17 → 17; Nov 3,10,17 → 17.
  2025: ['2025-01-01', '2025-02-03', '2025-03-17', '2025-05-01', '2025-09-16', '2025-11-17', '2025-12-25'],
  // Feb 2; Mar 2,9,16 → 16; Nov 2,9,16 → 16.
  2026: ['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25'],
  // Feb 1; Mar 1,8,15 → 15; Nov 1,8,15 → 15.
  2027: ['2027-01-01', '2027-02-01', '2027-03-15', '2027-05-01', '2027-09-16', '2027-11-15', '2027-12-25'],
  // Feb 7; Mar 6,13,20 → 20; Nov 6,13,20 → 20.
  2028: ['2028-01-01', '2028-02-07', '2028-03-20', '2028-05-01', '2028-09-16', '2028-11-20', '2028-12-25'],
  // Feb 5; Mar 5,12,19 → 19; Nov 5,12,19 → 19.
  2029: ['2029-01-01', '2029-02-05', '2029-03-19', '2029-05-01', '2029-09-16', '2029-11-19', '2029-12-25'],
  // Feb 4; Mar 4,11,18 → 18; Nov 4,11,18 → 18; 1 Oct is a Tuesday.
  2030: ['2030-01-01', '2030-02-04', '2030-03-18', '2030-05-01', '2030-09-16', '2030-10-01', '2030-11-18', '2030-12-25'],
  // Feb 3; Mar 3,10,17 → 17; Nov 3,10,17 → 17.
  2031: ['2031-01-01', '2031-02-03', '2031-03-17', '2031-05-01', '2031-09-16', '2031-11-17', '2031-12-25'],
};

describe('LFT art. 74 from date-holidays, patched', () => {
  it.each(Object.keys(HAND).map(Number))('matches the hand-worked list for %i', (year) => {
    expect(lftHolidays(year).map((h) => h.date)).toEqual(HAND[year]);
  });

  it('fixes the library: it puts the transmission day on 1 Dec, the law says 1 Oct since 2024', () => {
    // What the library itself says (the bug we patch):
    expect(libraryPublicHolidays(2024).map((h) => h.date)).toContain('2024-12-01');
    expect(libraryPublicHolidays(2030).map((h) => h.date)).toContain('2030-12-01');
    expect(libraryPublicHolidays(2030).map((h) => h.date)).not.toContain('2030-10-01');
    // What we use:
    expect(lftHolidays(2030).map((h) => h.date)).toContain('2030-10-01');
    expect(lftHolidays(2030).map((h) => h.date)).not.toContain('2030-12-01');
    expect(lftHolidays(2030).find((h) => h.date === '2030-10-01')?.source).toBe('LFT art. 74 fr. VII (DOF 30-09-2024)');
  });

  it('keeps 1 Dec for transmissions before the 2024 reform (2018)', () => {
    expect(lftHolidays(2018).map((h) => h.date)).toContain('2018-12-01');
    expect(lftHolidays(2018).map((h) => h.date)).not.toContain('2018-10-01');
  });

  it('takes only the legal holidays, not the bank days or observances the library also lists', () => {
    // Holy Thursday/Friday 2026 (2, 3 Apr), 2 Nov, 12 Dec and Mother's Day are not LFT rest days.
    const all = lftHolidays(2026).map((h) => h.date);
    for (const d of ['2026-04-02', '2026-04-03', '2026-11-02', '2026-12-12', '2026-05-10']) expect(all).not.toContain(d);
  });

  it('cites the fraction of art. 74 for each day', () => {
    expect(lftHolidays(2026).map((h) => h.source)).toEqual([
      'LFT art. 74 fr. I', 'LFT art. 74 fr. II', 'LFT art. 74 fr. III', 'LFT art. 74 fr. IV',
      'LFT art. 74 fr. V', 'LFT art. 74 fr. VI', 'LFT art. 74 fr. VIII',
    ]);
  });
});
