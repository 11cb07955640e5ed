import { DateTime } from 'luxon';
import { agendaDateOf, agendaRange } from '../../app/agendaSchema';
import { nextDaysWindow } from './deadlineWindows';

const MX = 'America/Mexico_City';
// Sunday 6 Dec 2026, 14:00 in Mexico City: a child detained at 04:00 has their 36 hours end Monday 16:00.
const sunday = DateTime.fromISO('2026-12-06T14:00', { zone: MX }).toJSDate();
const limit = DateTime.fromISO('2026-12-07T16:00', { zone: MX });

test('on a Sunday, the next 7 days hold the 36-hour limit of the next day, and the default agenda shows it', () => {
  const w = nextDaysWindow(sunday);
  expect(w.from).toEqual(sunday);
  expect(limit.toJSDate() > w.from && limit.toJSDate() <= w.to).toBe(true);
  const r = agendaRange('week', undefined, sunday);
  expect(r).toMatchObject({ from: '2026-12-06', to: '2026-12-13', nextDays: true, previous: '2026-11-29', next: '2026-12-14' });
  const day = agendaDateOf({ unit: 'hours', due: '2026-12-07', dueInstant: limit.toUTC().toISO()! });
  expect(day >= r.from && day <= r.to).toBe(true);
  // A week asked for by date is still that calendar week, Monday to Sunday.
  expect(agendaRange('week', '2026-12-06', sunday)).toMatchObject({ from: '2026-11-30', to: '2026-12-06', nextDays: false, next: '2026-12-07' });
});

test('at any hour of any day of a year, whatever is due in the next 7 days falls in the window and on the default agenda', () => {
  for (let t = DateTime.fromISO('2026-01-01T00:00', { zone: MX }); t.year === 2026; t = t.plus({ hours: 5 })) {
    const now = t.toJSDate();
    const w = nextDaysWindow(now);
    const last = t.plus({ days: 7 });
    expect(last.toJSDate() <= w.to).toBe(true);
    const r = agendaRange('week', undefined, now);
    expect(r.from).toBe(t.toISODate());
    expect(last.toISODate()! <= r.to).toBe(true);
  }
});
