import { remainingContext, remainingOf } from './remaining';

// A detention's 36 hours ending on Sunday 6 Dec 2026, 14:00 in Mexico City: the clock is passed in.
const due = '2026-12-06T20:00:00.000Z';
const term = { status: 'open', unit: 'hours', calendar: 'lft-art74', ruleId: 'detention_36h', due: '2026-12-06', dueInstant: due, office: null };
const at = (minutesFromDue: number) => remainingContext([], new Date(Date.parse(due) + minutesFromDue * 60_000));
const text = (minutesFromDue: number, lang: 'es' | 'en' = 'es') => remainingOf(at(minutesFromDue), term, lang)!.text;

test('the time left on an hour-counted term rounds down, never up', () => {
  expect(text(-110)).toBe('falta 1 hora'); // 1 h 50 min left
  expect(text(-110, 'en')).toBe('1 hour left');
  expect(text(-121)).toBe('faltan 2 horas');
  expect(text(-59)).toBe('vence en menos de una hora');
});

test('the first hour past reads in minutes, then whole hours past', () => {
  expect(text(16)).toBe('venció hace 16 minutos');
  expect(text(16, 'en')).toBe('overdue by 16 minutes');
  expect(text(0.5)).toBe('venció hace 1 minuto');
  expect(text(59.9)).toBe('venció hace 59 minutos');
  expect(text(60)).toBe('venció hace 1 hora');
  expect(text(130)).toBe('venció hace 2 horas');
  // Still overdue for the urgency and the API's value.
  expect(remainingOf(at(16), term, 'es')!.value).toBeLessThan(0);
});
