import { metLate } from './metOnTime';

// Due Mon 26 Oct 2026, the day closing at 23:59:59 in Mexico City (05:59:59Z the next day).
const due = { dueInstant: '2026-10-27T05:59:59.000Z' };

test('late follows when the meeting event happened, not whether the case had counted it missed meanwhile', () => {
  expect(metLate({ ...due, status: 'met', resolvedAt: '2026-10-20', late: true })).toBe(false);
  expect(metLate({ ...due, status: 'met', resolvedAt: '2026-10-26' })).toBe(false);
  expect(metLate({ ...due, status: 'met', resolvedAt: '2026-10-26T23:30:00-06:00' })).toBe(false);
  expect(metLate({ ...due, status: 'met', resolvedAt: '2026-10-27T00:10:00-06:00' })).toBe(true);
  expect(metLate({ ...due, status: 'met', resolvedAt: '2026-10-27' })).toBe(true);
});

test('only a met deadline is late or not; one without the moment it was met keeps what was recorded', () => {
  expect(metLate({ ...due, status: 'missed' })).toBe(false);
  expect(metLate({ ...due, status: 'cancelled', resolvedAt: '2026-11-01' })).toBe(false);
  expect(metLate({ ...due, status: 'met', late: true })).toBe(true);
});
