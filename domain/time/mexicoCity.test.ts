/**
 * Mexico City kept daylight saving until Oct 2022: a summer event of 2019 happened at UTC−5. Every reading
 * of Mexico City's day and clock (today, a date's start, an hour-counted term, the words) takes the IANA
 * zone, so older events are neither an hour early nor on the wrong day.
 */
import { LEGACY_FIXED_OFFSET } from '../case/legacyOffset';
import { MEXICO_CITY_TIME } from '../case/transitions';
import { computeDeadline } from '../deadlines';
import { fmtWhen } from '../messages/dateWords';
import { DateTime } from 'luxon';
import { mexicoDayOf, mexicoTimeMs, MX_ZONE, todayInMexico, whenToMs } from './instant';

test('a 36-hour term from a detention at 22:00 on 10 Jul 2019 (UTC−5) ends at 10:00 on 12 Jul, Mexico City time', () => {
  const c = computeDeadline({ ruleId: 'detention_36h', trigger: '2019-07-10T22:00' });
  expect(Date.parse(c.dueInstant)).toBe(Date.parse('2019-07-11T03:00:00Z') + 36 * 3_600_000);
  expect(new Date(c.dueInstant).toISOString()).toBe('2019-07-12T15:00:00.000Z');
  expect(fmtWhen(c.dueInstant, 'es')).toBe('vie 12 jul 2019, 10:00');
  expect(fmtWhen(c.dueInstant, 'en', 'cli')).toBe('Fri 2019-07-12 10:00 (Mexico City)');
});

test('today in Mexico City: 00:30 on 11 Jul 2019 there is 05:30 UTC; in winter and since Oct 2022, UTC−6', () => {
  expect(todayInMexico(new Date('2019-07-11T05:30:00Z'))).toBe('2019-07-11');
  expect(todayInMexico(new Date('2019-07-11T04:30:00Z'))).toBe('2019-07-10');
  expect(mexicoDayOf(Date.parse('2019-01-11T05:30:00Z'))).toBe('2019-01-10');
  expect(todayInMexico(new Date('2026-07-11T05:30:00Z'))).toBe('2026-07-10');
  expect(mexicoTimeMs('2019-07-10', '22:00')).toBe(Date.parse('2019-07-11T03:00:00Z'));
  expect(mexicoTimeMs('2026-07-10', '22:00')).toBe(Date.parse('2026-07-11T04:00:00Z'));
});

test("the case model reads a 2019 summer day from 00:00 at UTC−5; runs recorded before the zone keep their fixed UTC−6", () => {
  expect(whenToMs('2019-07-11')).toBe(Date.parse('2019-07-11T05:00:00Z'));
  expect(MEXICO_CITY_TIME.dayStartMs('2019-07-11T04:30:00Z')).toBe(Date.parse('2019-07-10T05:00:00Z'));
  expect(MEXICO_CITY_TIME.dayStartMs('2019-07-11T05:30:00Z')).toBe(Date.parse('2019-07-11T05:00:00Z'));
  expect(LEGACY_FIXED_OFFSET.dayStartMs('2019-07-11T05:30:00Z')).toBe(Date.parse('2019-07-10T06:00:00Z'));
  // Since Oct 2022 both readings agree: recorded runs and new ones decide alike.
  for (const when of ['2029-03-05', '2029-03-05T05:59:00Z', '2029-07-05T06:00:00Z']) {
    expect([MEXICO_CITY_TIME.whenToMs(when), MEXICO_CITY_TIME.dayStartMs(when)]).toEqual([LEGACY_FIXED_OFFSET.whenToMs(when), LEGACY_FIXED_OFFSET.dayStartMs(when)]);
  }
});

test("the workflow's Intl reading of the zone and luxon's (pages, emails) agree on every hour from 2007 to 2045", () => {
  const differ: string[] = [];
  for (let ms = Date.parse('2007-01-01T00:00:00Z'); ms < Date.parse('2046-01-01T00:00:00Z'); ms += 3_600_000 * 37) {
    const day = DateTime.fromMillis(ms, { zone: MX_ZONE });
    if (mexicoDayOf(ms) !== day.toISODate()) differ.push(`day of ${new Date(ms).toISOString()}`);
    if (whenToMs(day.toISODate()!) !== day.startOf('day').toMillis()) differ.push(`start of ${day.toISODate()}`);
  }
  expect(differ).toEqual([]);
  expect(whenToMs('2026-02-30')).toBeNaN();
});
