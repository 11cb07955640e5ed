import { DomainInputError } from '../errors';
import {
  addDays,
  isValidLocalDate,
  nthWeekdayOfMonth,
  parseCalendarDate,
  parseLocalDate,
  weekdayOf,
} from './localDate';
import { endOfDayInstant, parseTrigger } from './instant';

describe('local dates', () => {
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-05', '26-01-05', ''])(
    'rejects %p',
    (s) => expect(isValidLocalDate(s)).toBe(false),
  );

  it.each(['2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts %p', (s) => expect(isValidLocalDate(s)).toBe(true));

  it('names the field when a date does not exist', () => {
    expect(() => parseLocalDate('2026-02-30', 'trigger')).toThrow(new DomainInputError('trigger', '2026-02-30 is not a date that exists'));
  });

  it('limits calendar dates to the years the calendars cover', () => {
    expect(() => parseCalendarDate('2006-05-01', 'date')).toThrow(DomainInputError);
    expect(parseCalendarDate('2007-01-01', 'date')).toBe('2007-01-01');
  });

  it('knows weekdays and adds days across month and year ends', () => {
    expect(weekdayOf('2026-09-16')).toBe('Wednesday');
    expect(weekdayOf('2024-10-01')).toBe('Tuesday');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the n-th weekday of a month', () => {
    expect(nthWeekdayOfMonth(2026, 2, 'Monday', 1)).toBe('2026-02-02');
    expect(nthWeekdayOfMonth(2026, 3, 'Monday', 3)).toBe('2026-03-16');
    expect(nthWeekdayOfMonth(2028, 11, 'Monday', 3)).toBe('2028-11-20');
  });
});

describe('triggers and instants', () => {
  it('reads an instant without offset as Mexico City time', () => {
    expect(parseTrigger('2026-01-31T20:00')).toEqual({
      kind: 'instant',
      iso: '2026-01-31T20:00:00.000-06:00',
      utc: '2026-02-01T02:00:00.000Z',
      date: '2026-01-31',
    });
  });

  it('takes the Mexico City date of a UTC instant', () => {
    // 2026-03-01T03:00Z is 21:00 on 28 Feb in Mexico City (UTC-6).
    expect(parseTrigger('2026-03-01T03:00:00Z')).toMatchObject({ kind: 'instant', date: '2026-02-28' });
  });

  it.each(['2026-02-30', '2026-02-30T10:00', '2026-02-03T25:00', 'tomorrow', '2026/02/03'])('rejects %p naming trigger', (s) => {
    expect(() => parseTrigger(s)).toThrow(expect.objectContaining({ field: 'trigger' }));
  });

  it('ends a day at 23:59:59.999 in Mexico City, with the offset of that date', () => {
    expect(endOfDayInstant('2026-10-26')).toBe('2026-10-27T05:59:59.999Z'); // UTC-6, no DST since 2022
    expect(endOfDayInstant('2021-07-15')).toBe('2021-07-16T04:59:59.999Z'); // summer time then: UTC-5
  });
});
