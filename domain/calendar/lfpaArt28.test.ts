import { lfpaHolidays } from './lfpaArt28';
import { isTransmissionYear } from './transmission';

const dates = (year: number, t: 'as-written' | 'actual' = 'as-written') => lfpaHolidays(year, t).map((h) => h.date);

describe('LFPA art. 28 (fixed dates, never moved to Mondays)', () => {
  it('lists the fixed dates of an ordinary year', () => {
    // 2026: 5 Feb is a Thursday and 20 Nov a Friday; LFPA keeps them where they fall.
    expect(dates(2026)).toEqual([
      '2026-01-01', '2026-02-05', '2026-03-21', '2026-05-01', '2026-05-05',
      '2026-09-01', '2026-09-16', '2026-11-20', '2026-12-25',
    ]);
  });

  it('adds 1 Dec in a transmission year as written, and 1 Oct when read as the actual transmission day', () => {
    expect(dates(2024)).toContain('2024-12-01');
    expect(dates(2024)).not.toContain('2024-10-01');
    expect(dates(2024, 'actual')).toContain('2024-10-01');
    expect(dates(2024, 'actual')).not.toContain('2024-12-01');
    expect(dates(2030)).toContain('2030-12-01');
    expect(dates(2030, 'actual')).toContain('2030-10-01');
  });

  it('keeps 1 Dec under both readings before 2024, when power did change hands on 1 Dec', () => {
    expect(dates(2018, 'as-written')).toContain('2018-12-01');
    expect(dates(2018, 'actual')).toContain('2018-12-01');
  });

  it('has no transmission day outside transmission years', () => {
    expect(dates(2026).length).toBe(9);
    expect([2012, 2018, 2024, 2030, 2036].every(isTransmissionYear)).toBe(true);
    expect([2025, 2026, 2027, 2028, 2029, 2031].some(isTransmissionYear)).toBe(false);
  });
});
