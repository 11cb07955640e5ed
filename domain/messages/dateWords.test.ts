import { fmtWhen } from './dateWords';

test("an instant on a page is on the reader's clock, named when it is not Mexico City's; a day stays the law's day", () => {
  // Mon 7 Dec 2026, 16:00 in Mexico City (UTC−6) = 22:00Z; Tijuana is UTC−8 in December, Cancún UTC−5.
  const instant = '2026-12-07T22:00:00.000Z';
  expect(fmtWhen(instant, 'es')).toBe('lun 7 dic 2026, 16:00');
  expect(fmtWhen(instant, 'es', 'page', 'America/Mexico_City')).toBe('lun 7 dic 2026, 16:00');
  expect(fmtWhen(instant, 'es', 'page', 'America/Tijuana')).toBe('lun 7 dic 2026, 14:00 (hora de Tijuana)');
  expect(fmtWhen(instant, 'en', 'page', 'America/Cancun')).toBe('Mon 7 Dec 2026, 17:00 (Cancún time)');
  expect(fmtWhen(instant, 'es', 'cli')).toBe('lun 2026-12-07 16:00 (Ciudad de México)');
  expect(fmtWhen('2026-12-07', 'es', 'page', 'America/Tijuana')).toBe('lun 7 dic 2026');
});
