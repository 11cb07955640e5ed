/**
 * A count across every weekday holiday of 2024–2031, under both calendars, worked out by hand.
 * Rule: ratify_representative_filing (3 business days); trigger: the calendar day before the holiday.
 * Which calendars keep the holiday: A = LFPA art. 28 as written, B = LFPA with the transmission day on
 * 1 Oct, C = LFT art. 74. The table gives the earliest and latest of the three counts (worked by hand).
 *
 * Since issue 12 `due` is the GOVERNING calendar's date (the earlier of A and B — the LFPA governs COMAR
 * and INM, and C only ever dropped LFPA's fixed days), and `dueLatest` is the count on the union of A, B,
 * C and the usual closures (Holy Thursday/Friday, 16–31 Dec). So: due = the A/B count (the table's later
 * date when both A and B keep the holiday, else its earlier date); dueLatest = the table's later date,
 * except across the December vacation (DEC_VACATION below).
 */
import { lfpaHolidays } from './calendar/lfpaArt28';
import { lftHolidays } from './calendar/lftArt74';
import { computeDeadline } from './deadlines';
import { isWeekend } from './time/localDate';

type Case = [holiday: string, keptBy: 'ABC' | 'AB' | 'BC' | 'C', due: string, latest: string, count: string];

const CASES: Case[] = [
  // 2024
  ['2024-01-01', 'ABC', '2024-01-04', '2024-01-04', 'Mon hol; Tue 2, Wed 3, Thu 4'],
  ['2024-02-05', 'ABC', '2024-02-08', '2024-02-08', 'Mon hol (fixed 5 Feb = first Monday); Tue 6, Wed 7, Thu 8'],
  ['2024-03-18', 'C', '2024-03-20', '2024-03-21', 'AB: Mon 18, Tue 19, Wed 20 | C: 18 hol; 19, 20, Thu 21'],
  ['2024-03-21', 'AB', '2024-03-25', '2024-03-26', 'AB: Thu hol; Fri 22, Mon 25, Tue 26 | C: 21, 22, 25'],
  ['2024-05-01', 'ABC', '2024-05-06', '2024-05-06', 'Wed hol; Thu 2, Fri 3, Mon 6 (5 May is a Sunday)'],
  ['2024-09-16', 'ABC', '2024-09-19', '2024-09-19', 'Mon hol; Tue 17, Wed 18, Thu 19'],
  ['2024-10-01', 'BC', '2024-10-03', '2024-10-04', 'A: Tue 1, Wed 2, Thu 3 | BC: 1 hol; 2, 3, Fri 4'],
  ['2024-11-18', 'C', '2024-11-21', '2024-11-21', 'AB: Mon 18, Tue 19, (Wed 20 hol), Thu 21 | C: 18 hol; 19, 20, 21'],
  ['2024-11-20', 'AB', '2024-11-22', '2024-11-25', 'AB: Wed hol; Thu 21, Fri 22, Mon 25 | C: 20, 21, 22'],
  ['2024-12-25', 'ABC', '2024-12-30', '2024-12-30', 'Wed hol; Thu 26, Fri 27, Mon 30'],
  // 2025
  ['2025-01-01', 'ABC', '2025-01-06', '2025-01-06', 'Wed hol; Thu 2, Fri 3, Mon 6'],
  ['2025-02-03', 'C', '2025-02-06', '2025-02-06', 'AB: Mon 3, Tue 4, (Wed 5 hol), Thu 6 | C: 3 hol; 4, 5, 6'],
  ['2025-02-05', 'AB', '2025-02-07', '2025-02-10', 'AB: Wed hol; Thu 6, Fri 7, Mon 10 | C: 5, 6, 7'],
  ['2025-03-17', 'C', '2025-03-19', '2025-03-20', 'AB: Mon 17, 18, Wed 19 | C: 17 hol; 18, 19, Thu 20'],
  ['2025-03-21', 'AB', '2025-03-25', '2025-03-26', 'AB: Fri hol; Mon 24, 25, Wed 26 | C: 21, 24, 25'],
  ['2025-05-01', 'ABC', '2025-05-06', '2025-05-07', 'Thu hol. AB: Fri 2, (Mon 5 hol), Tue 6, Wed 7 | C: 2, 5, 6'],
  ['2025-05-05', 'AB', '2025-05-07', '2025-05-08', 'AB: Mon hol; Tue 6, Wed 7, Thu 8 | C: 5, 6, 7'],
  ['2025-09-01', 'AB', '2025-09-03', '2025-09-04', 'AB: Mon hol; Tue 2, Wed 3, Thu 4 | C: 1, 2, 3'],
  ['2025-09-16', 'ABC', '2025-09-19', '2025-09-19', 'Tue hol; Wed 17, Thu 18, Fri 19'],
  ['2025-11-17', 'C', '2025-11-19', '2025-11-20', 'AB: Mon 17, 18, Wed 19 | C: 17 hol; 18, 19, Thu 20'],
  ['2025-11-20', 'AB', '2025-11-24', '2025-11-25', 'AB: Thu hol; Fri 21, Mon 24, Tue 25 | C: 20, 21, 24'],
  ['2025-12-25', 'ABC', '2025-12-30', '2025-12-30', 'Thu hol; Fri 26, Mon 29, Tue 30'],
  // 2026
  ['2026-01-01', 'ABC', '2026-01-06', '2026-01-06', 'Thu hol; Fri 2, Mon 5, Tue 6'],
  ['2026-02-02', 'C', '2026-02-04', '2026-02-05', 'AB: Mon 2, 3, Wed 4 | C: 2 hol; 3, 4, Thu 5'],
  ['2026-02-05', 'AB', '2026-02-09', '2026-02-10', 'AB: Thu hol; Fri 6, Mon 9, Tue 10 | C: 5, 6, 9'],
  ['2026-03-16', 'C', '2026-03-18', '2026-03-19', 'AB: Mon 16, 17, Wed 18 | C: 16 hol; 17, 18, Thu 19'],
  ['2026-05-01', 'ABC', '2026-05-06', '2026-05-07', 'Fri hol. AB: Mon 4, (Tue 5 hol), Wed 6, Thu 7 | C: 4, 5, 6'],
  ['2026-05-05', 'AB', '2026-05-07', '2026-05-08', 'AB: Tue hol; Wed 6, Thu 7, Fri 8 | C: 5, 6, 7'],
  ['2026-09-01', 'AB', '2026-09-03', '2026-09-04', 'AB: Tue hol; Wed 2, Thu 3, Fri 4 | C: 1, 2, 3'],
  ['2026-09-16', 'ABC', '2026-09-21', '2026-09-21', 'Wed hol; Thu 17, Fri 18, Mon 21'],
  ['2026-11-16', 'C', '2026-11-18', '2026-11-19', 'AB: Mon 16, 17, Wed 18 | C: 16 hol; 17, 18, Thu 19'],
  ['2026-11-20', 'AB', '2026-11-24', '2026-11-25', 'AB: Fri hol; Mon 23, 24, Wed 25 | C: 20, 23, 24'],
  ['2026-12-25', 'ABC', '2026-12-30', '2026-12-30', 'Fri hol; Mon 28, Tue 29, Wed 30'],
  // 2027 (1 May, 20 Nov and 25 Dec fall on Saturdays; 21 Mar on a Sunday)
  ['2027-01-01', 'ABC', '2027-01-06', '2027-01-06', 'Fri hol; Mon 4, Tue 5, Wed 6'],
  ['2027-02-01', 'C', '2027-02-03', '2027-02-04', 'AB: Mon 1, 2, Wed 3 | C: 1 hol; 2, 3, Thu 4'],
  ['2027-02-05', 'AB', '2027-02-09', '2027-02-10', 'AB: Fri hol; Mon 8, 9, Wed 10 | C: 5, 8, 9'],
  ['2027-03-15', 'C', '2027-03-17', '2027-03-18', 'AB: Mon 15, 16, Wed 17 | C: 15 hol; 16, 17, Thu 18'],
  ['2027-05-05', 'AB', '2027-05-07', '2027-05-10', 'AB: Wed hol; Thu 6, Fri 7, Mon 10 | C: 5, 6, 7'],
  ['2027-09-01', 'AB', '2027-09-03', '2027-09-06', 'AB: Wed hol; Thu 2, Fri 3, Mon 6 | C: 1, 2, 3'],
  ['2027-09-16', 'ABC', '2027-09-21', '2027-09-21', 'Thu hol; Fri 17, Mon 20, Tue 21'],
  ['2027-11-15', 'C', '2027-11-17', '2027-11-18', 'AB: Mon 15, 16, Wed 17 | C: 15 hol; 16, 17, Thu 18'],
  // 2028 (1 Jan, 5 Feb and 16 Sep fall on Saturdays)
  ['2028-02-07', 'C', '2028-02-09', '2028-02-10', 'AB: Mon 7, 8, Wed 9 | C: 7 hol; 8, 9, Thu 10'],
  ['2028-03-20', 'C', '2028-03-23', '2028-03-23', 'AB: Mon 20, (Tue 21 hol), Wed 22, Thu 23 | C: 20 hol; 21, 22, 23'],
  ['2028-03-21', 'AB', '2028-03-23', '2028-03-24', 'AB: Tue hol; Wed 22, Thu 23, Fri 24 | C: 21, 22, 23'],
  ['2028-05-01', 'ABC', '2028-05-04', '2028-05-04', 'Mon hol; Tue 2, Wed 3, Thu 4 (5 May is day 4)'],
  ['2028-05-05', 'AB', '2028-05-09', '2028-05-10', 'AB: Fri hol; Mon 8, 9, Wed 10 | C: 5, 8, 9'],
  ['2028-09-01', 'AB', '2028-09-05', '2028-09-06', 'AB: Fri hol; Mon 4, 5, Wed 6 | C: 1, 4, 5'],
  ['2028-11-20', 'ABC', '2028-11-23', '2028-11-23', 'Mon hol (fixed 20 Nov = third Monday); Tue 21, Wed 22, Thu 23'],
  ['2028-12-25', 'ABC', '2028-12-28', '2028-12-28', 'Mon hol; Tue 26, Wed 27, Thu 28'],
  // 2029 (5 May and 1 Sep fall on Saturdays; 16 Sep on a Sunday)
  ['2029-01-01', 'ABC', '2029-01-04', '2029-01-04', 'Mon hol; Tue 2, Wed 3, Thu 4'],
  ['2029-02-05', 'ABC', '2029-02-08', '2029-02-08', 'Mon hol (fixed 5 Feb = first Monday); Tue 6, Wed 7, Thu 8'],
  ['2029-03-19', 'C', '2029-03-22', '2029-03-22', 'AB: Mon 19, Tue 20, (Wed 21 hol), Thu 22 | C: 19 hol; 20, 21, 22'],
  ['2029-03-21', 'AB', '2029-03-23', '2029-03-26', 'AB: Wed hol; Thu 22, Fri 23, Mon 26 | C: 21, 22, 23'],
  ['2029-05-01', 'ABC', '2029-05-04', '2029-05-04', 'Tue hol; Wed 2, Thu 3, Fri 4'],
  ['2029-11-19', 'C', '2029-11-22', '2029-11-22', 'AB: Mon 19, (Tue 20 hol), Wed 21, Thu 22 | C: 19 hol; 20, 21, 22'],
  ['2029-11-20', 'AB', '2029-11-22', '2029-11-23', 'AB: Tue hol; Wed 21, Thu 22, Fri 23 | C: 20, 21, 22'],
  ['2029-12-25', 'ABC', '2029-12-28', '2029-12-28', 'Tue hol; Wed 26, Thu 27, Fri 28'],
  // 2030 (transmission year; 5 May, 1 Sep and 1 Dec fall on Sundays)
  ['2030-01-01', 'ABC', '2030-01-04', '2030-01-04', 'Tue hol; Wed 2, Thu 3, Fri 4'],
  ['2030-02-04', 'C', '2030-02-07', '2030-02-07', 'AB: Mon 4, (Tue 5 hol), Wed 6, Thu 7 | C: 4 hol; 5, 6, 7'],
  ['2030-02-05', 'AB', '2030-02-07', '2030-02-08', 'AB: Tue hol; Wed 6, Thu 7, Fri 8 | C: 5, 6, 7'],
  ['2030-03-18', 'C', '2030-03-20', '2030-03-21', 'AB: Mon 18, 19, Wed 20 | C: 18 hol; 19, 20, Thu 21'],
  ['2030-03-21', 'AB', '2030-03-25', '2030-03-26', 'AB: Thu hol; Fri 22, Mon 25, Tue 26 | C: 21, 22, 25'],
  ['2030-05-01', 'ABC', '2030-05-06', '2030-05-06', 'Wed hol; Thu 2, Fri 3, Mon 6'],
  ['2030-09-16', 'ABC', '2030-09-19', '2030-09-19', 'Mon hol; Tue 17, Wed 18, Thu 19'],
  ['2030-10-01', 'BC', '2030-10-03', '2030-10-04', 'A: Tue 1, Wed 2, Thu 3 | BC: 1 hol; 2, 3, Fri 4'],
  ['2030-11-18', 'C', '2030-11-21', '2030-11-21', 'AB: Mon 18, Tue 19, (Wed 20 hol), Thu 21 | C: 18 hol; 19, 20, 21'],
  ['2030-11-20', 'AB', '2030-11-22', '2030-11-25', 'AB: Wed hol; Thu 21, Fri 22, Mon 25 | C: 20, 21, 22'],
  ['2030-12-25', 'ABC', '2030-12-30', '2030-12-30', 'Wed hol; Thu 26, Fri 27, Mon 30'],
  // 2031
  ['2031-01-01', 'ABC', '2031-01-06', '2031-01-06', 'Wed hol; Thu 2, Fri 3, Mon 6'],
  ['2031-02-03', 'C', '2031-02-06', '2031-02-06', 'AB: Mon 3, Tue 4, (Wed 5 hol), Thu 6 | C: 3 hol; 4, 5, 6'],
  ['2031-02-05', 'AB', '2031-02-07', '2031-02-10', 'AB: Wed hol; Thu 6, Fri 7, Mon 10 | C: 5, 6, 7'],
  ['2031-03-17', 'C', '2031-03-19', '2031-03-20', 'AB: Mon 17, 18, Wed 19 | C: 17 hol; 18, 19, Thu 20'],
  ['2031-03-21', 'AB', '2031-03-25', '2031-03-26', 'AB: Fri hol; Mon 24, 25, Wed 26 | C: 21, 24, 25'],
  ['2031-05-01', 'ABC', '2031-05-06', '2031-05-07', 'Thu hol. AB: Fri 2, (Mon 5 hol), Tue 6, Wed 7 | C: 2, 5, 6'],
  ['2031-05-05', 'AB', '2031-05-07', '2031-05-08', 'AB: Mon hol; Tue 6, Wed 7, Thu 8 | C: 5, 6, 7'],
  ['2031-09-01', 'AB', '2031-09-03', '2031-09-04', 'AB: Mon hol; Tue 2, Wed 3, Thu 4 | C: 1, 2, 3'],
  ['2031-09-16', 'ABC', '2031-09-19', '2031-09-19', 'Tue hol; Wed 17, Thu 18, Fri 19'],
  ['2031-11-17', 'C', '2031-11-19', '2031-11-20', 'AB: Mon 17, 18, Wed 19 | C: 17 hol; 18, 19, Thu 20'],
  ['2031-11-20', 'AB', '2031-11-24', '2031-11-25', 'AB: Thu hol; Fri 21, Mon 24, Tue 25 | C: 20, 21, 24'],
  ['2031-12-25', 'ABC', '2031-12-30', '2031-12-30', 'Thu hol; Fri 26, Mon 29, Tue 30'],
];

/**
 * dueLatest when the December vacation (16–31 Dec, unverified) and 1 Jan fall inside the count: the three
 * business days come after 1 Jan. E.g. 2024: trigger Tue 24; 25–31 Dec and Wed 1 Jan closed; Thu 2 (1),
 * Fri 3 (2), Mon 6 (3). 2025: Fri 2 (1), Mon 5, Tue 6. 2026: Mon 4, Tue 5, Wed 6. 2028: trigger Sun 24;
 * Tue 2, Wed 3, Thu 4. 2029: Wed 2, Thu 3, Fri 4. 2030: Thu 2, Fri 3, Mon 6. 2031: Fri 2, Mon 5, Tue 6.
 */
const DEC_VACATION: Record<string, string> = {
  '2024-12-25': '2025-01-06',
  '2025-12-25': '2026-01-06',
  '2026-12-25': '2027-01-06',
  '2028-12-25': '2029-01-04',
  '2029-12-25': '2030-01-04',
  '2030-12-25': '2031-01-06',
  '2031-12-25': '2032-01-06',
};

/**
 * dueLatest when an LFT Monday and an LFPA fixed day fall in the same count: the union closes both, so
 * it runs one day past either calendar alone. E.g. 2024-03-18: trigger Sun 17; Mon 18 (LFT) closed; Tue 19
 * (1), Wed 20 (2); Thu 21 (LFPA) closed; Fri 22 (3). 2028-03-20: Mon 20 and Tue 21 closed; 22, 23, Fri 24.
 */
const UNION: Record<string, string> = {
  '2024-03-18': '2024-03-22', // 18 c; 19, 20; 21 c; 22
  '2024-11-18': '2024-11-22', // 18 c; 19; 20 c; 21, 22
  '2025-02-03': '2025-02-07', // 3 c; 4; 5 c; 6, 7
  '2025-11-17': '2025-11-21', // 17 c; 18, 19; 20 c; 21
  '2026-02-02': '2026-02-06', // 2 c; 3, 4; 5 c; 6
  '2028-03-20': '2028-03-24', // 20, 21 c; 22, 23, 24
  '2029-03-19': '2029-03-23', // 19 c; 20; 21 c; 22, 23
  '2029-11-19': '2029-11-23', // 19, 20 c; 21, 22, 23
  '2030-02-04': '2030-02-08', // 4, 5 c; 6, 7, 8
  '2030-03-18': '2030-03-22', // 18 c; 19, 20; 21 c; 22
  '2030-11-18': '2030-11-22', // 18 c; 19; 20 c; 21, 22
  '2031-02-03': '2031-02-07', // 3 c; 4; 5 c; 6, 7
  '2031-11-17': '2031-11-21', // 17 c; 18, 19; 20 c; 21
};

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('3 business days from the day before each weekday holiday of 2024–2031', () => {
  it.each(CASES)('%s (kept by %s): earliest %s, latest %s — %s', (holiday, keptBy, earliest, latest) => {
    const r = computeDeadline({ ruleId: 'ratify_representative_filing', trigger: dayBefore(holiday) });
    const due = keptBy.includes('A') && keptBy.includes('B') ? latest : earliest;
    const dueLatest = DEC_VACATION[holiday] ?? UNION[holiday] ?? latest;
    expect([r.due, r.dueLatest]).toEqual([due, dueLatest]);
    // The holiday is skipped exactly by the LFPA readings that keep it, and always by the union.
    const skippedBy = r.readings.filter((x) => x.skipped.some((s) => s.date === holiday)).map((x) => x.id);
    const expected = [
      ...(keptBy.includes('A') ? ['lfpa-art28/as-written'] : []),
      ...(keptBy.includes('B') ? ['lfpa-art28/actual-transmission'] : []),
      'latest',
    ];
    expect(skippedBy).toEqual(expected);
    if (due === dueLatest) expect(r.reason).toBeUndefined();
    // The day that made the difference: the LFT-only holiday, or the December vacation (unverified).
    else expect(r.reason).toContain(DEC_VACATION[holiday] ? '(December vacation, not loaded as DOF data)' : holiday);
  });

  it('covers every weekday holiday of both calendars in 2024–2031', () => {
    const all = new Set<string>();
    for (let y = 2024; y <= 2031; y++) {
      for (const h of [...lfpaHolidays(y, 'as-written'), ...lfpaHolidays(y, 'actual'), ...lftHolidays(y)]) {
        if (!isWeekend(h.date)) all.add(h.date);
      }
    }
    expect(CASES.map((c) => c[0]).sort()).toEqual([...all].sort());
  });
});
