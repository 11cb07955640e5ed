/** The moved-deadline email says from what to what and why, in the reader's language, also when an acuerdo stops applying. */
import { renderMovedMessage } from './movedMessage';

const base = {
  caseId: 'C-9',
  link: 'http://plazo.test/cases/C-9',
  recipientName: 'Carla',
  deadline: { ruleId: 'nulidad_term', title: 'Juicio de nulidad', citation: 'LFPCA art. 13', due: '2032-01-14', dueLatest: '2032-01-14', unit: 'business_days' },
};

test('a withdrawn acuerdo: the earlier date, in Spanish, with the acuerdo named', () => {
  const m = renderMovedMessage({ ...base, lang: 'es', moved: { fromDue: '2032-01-21', fromDueLatest: '2032-02-09', added: [], removed: ['Acuerdo SS/1/2032 (DOF 2031-12-03)'] } });
  expect(m.subject).toBe('[Plazo] Caso C-9: plazo movido · Juicio de nulidad contra la resolución (30 días hábiles)');
  expect(m.body).toContain('Vencía: miércoles 21 de enero de 2032 (fecha más tardía posible: lunes 9 de febrero de 2032)');
  expect(m.body).toContain('Ahora vence: miércoles 14 de enero de 2032 (hasta las 23:59, hora de la Ciudad de México)');
  expect(m.body).toContain('Por qué: Acuerdo SS/1/2032 (DOF 2031-12-03) ya no aplica (retirado o corregido)');
});

test('in English, with both a new and a withdrawn acuerdo', () => {
  const m = renderMovedMessage({ ...base, lang: 'en', moved: { fromDue: '2032-01-13', fromDueLatest: '2032-01-13', added: ['A (DOF 2031-12-03)'], removed: ['B (DOF 2031-11-02)'] } });
  expect(m.subject).toMatch(/^\[Plazo\] Case C-9: deadline moved · /);
  expect(m.body).toContain('It was due: Tuesday, January 13, 2032\n');
  expect(m.body).toContain('Why: A (DOF 2031-12-03); B (DOF 2031-11-02) no longer applies (withdrawn or corrected)');
});
