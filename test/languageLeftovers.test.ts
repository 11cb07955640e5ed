/** The leftover detector catches what issue 15 found on the Spanish pages, and lets Spanish and citations be. */
import { englishLeftovers, spanishLeftovers, visibleText } from './languageLeftovers';

test.each([
  ['a status with an English qualifier', 'cumplido (late)', 'late'],
  ['a skipped-day reason', 'sáb 12 sep 2026 — Saturday', 'Saturday'],
  ['a zod message', 'child.name: Too small: expected string to have >=1 characters', 'child.name'],
  ['a timeline detail', 'asylum claim filed', 'asylum'],
  ['a rule title', 'Refugee claim filing window: due 2026-10-26', 'Refugee'],
  ['a unit enum value', '30 business_days', 'business_days'],
  ['a calendar id', 'Calendario lfpa-art28', 'lfpa-art28'],
  ['a rule id', 'Regla asylum_filing_window', 'asylum_filing_window'],
  ['a role name', 'Ana · caseworker', 'caseworker'],
  ['a wrong plural', 'faltan 1 días', '1 días'],
  ['a camelCase field', 'la fecha dueLatest', 'dueLatest'],
])('on a Spanish page it finds %s', (_what, text, word) => {
  expect(englishLeftovers(text)).toContain(word);
});

test('Spanish, proper names and citations are not leftovers', () => {
  const text = 'Vence: lun 26 oct 2026 · faltan 2 días hábiles · 1 día hábil · LRPCAP art. 18 · COMAR avisó al INM · DOF 2026-01-12 · Ley de Amparo art. 19 · Plazo';
  expect(englishLeftovers(text)).toEqual([]);
});

test('on an English page it finds Spanish left in', () => {
  expect(spanishLeftovers('Due Monday · faltan 3 días hábiles')).toEqual(expect.arrayContaining(['faltan', 'hábiles']));
  expect(spanishLeftovers('Due Monday · 3 business days left · LRPCAP art. 18 · amparo')).toEqual([]);
});

test('the visible text leaves scripts, styles and markup out and keeps labels people read', () => {
  const text = visibleText('<html><head><style>.late{}</style><script>var due = 1;</script></head><body><p>Vence &amp; sigue</p><input placeholder="Motivo"><button aria-label="Me encargo">✓</button></body></html>');
  expect(text).toContain('Vence & sigue');
  expect(text).toContain('Motivo');
  expect(text).toContain('Me encargo');
  expect(text).not.toContain('late');
  expect(text).not.toContain('due');
});

test("a ladder step's id is a leftover in either language", () => {
  expect(englishLeftovers('no enviado (reminder-10bd)')).toContain('reminder-10bd');
  expect(spanishLeftovers('not sent (overdue-3)')).toContain('overdue-3');
});
