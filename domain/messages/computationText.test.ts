/**
 * The computation's words in Spanish: every rule's title, every reason a calendar gives for a day in
 * 2026–2027, and the explanation and readings paragraph of every rule of the newest pack (with the DOF
 * closures Plazo ships), leave no English word nor internal id behind (test/languageLeftovers.ts).
 */
import { englishLeftovers } from '../../test/languageLeftovers';
import { buildCalendar, buildUnionCalendar } from '../calendar/businessCalendar';
import { CALENDAR_IDS } from '../calendar/types';
import { nonBusinessDaysOf } from '../calendar/yearListing';
import { computeDeadline } from '../deadlines';
import { RULE_PACKS } from '../rules/rulePack';
import { SEED_OVERLAYS } from '../seedOverlays';
import { countText, disagreementText, explanationText, reasonText, stepName } from './computationText';
import { catalogue } from './catalogue';
import { remainingText } from './stepMessage';

test('counts take their plural form from Intl.PluralRules', () => {
  expect(countText(1, 'days', 'es')).toBe('1 día');
  expect(countText(2, 'days', 'es')).toBe('2 días');
  expect(countText(1, 'business_days', 'es')).toBe('1 día hábil');
  expect(countText(0, 'hours', 'es')).toBe('0 horas');
  expect(countText(1, 'hours', 'en')).toBe('1 hour');
  expect(stepName('reminder-1bd', 'es')).toBe('recordatorio 1 día hábil antes');
  expect(stepName('alarm-0', 'es')).toBe('alerta 1');
});

test('every rule of every pack has a title and an action in Spanish and English', () => {
  for (const rule of RULE_PACKS.flatMap((p) => p.rules)) {
    const [es, en] = [catalogue('es').rules, catalogue('en').rules].map((rules) => (rules as Record<string, { title: string; action: string } | undefined>)[rule.id]);
    expect([rule.id, es?.title, es?.action, en?.title, en?.action]).toEqual([rule.id, expect.any(String), expect.any(String), expect.any(String), expect.any(String)]);
    expect(englishLeftovers(`${es!.title}. ${es!.action}`)).toEqual([]);
  }
});

test('every reason a calendar gives for a day reads in Spanish', () => {
  const left = new Set<string>();
  for (const id of CALENDAR_IDS) {
    for (const cal of [buildCalendar(id, { overlays: SEED_OVERLAYS, agency: 'TFJA' }), buildCalendar(id, { overlays: SEED_OVERLAYS, agency: 'COMAR', transmissionReading: 'actual' })]) {
      for (const year of [2026, 2027]) for (const d of nonBusinessDaysOf(cal, year, true)) for (const w of englishLeftovers(reasonText(d.reason, 'es'))) left.add(`${w} ← ${d.reason}`);
    }
  }
  const union = buildUnionCalendar('lfpa-art28', [{ id: 'lfpa-art28', transmission: 'as-written' }, { id: 'lft-art74', transmission: 'as-written' }], 'COMAR' as never, { overlays: SEED_OVERLAYS, agency: 'COMAR' });
  for (const d of nonBusinessDaysOf(union, 2027, true)) for (const w of englishLeftovers(reasonText(d.reason, 'es'))) left.add(`${w} ← ${d.reason}`);
  expect([...left]).toEqual([]);
  expect(reasonText('Saturday', 'es')).toBe('sábado');
});

test("every rule's explanation and readings paragraph read in Spanish, whatever the trigger", () => {
  const pack = RULE_PACKS[RULE_PACKS.length - 1]!;
  const left = new Set<string>();
  // Triggers chosen to cross September's holidays, the year's end and Holy Week.
  for (const trigger of ['2026-08-21', '2026-11-27', '2027-03-19', '2024-09-20']) {
    for (const rule of pack.rules) {
      const c = computeDeadline({ ruleId: rule.id, trigger: rule.unit === 'hours' ? `${trigger}T10:00` : trigger, pack, overlays: SEED_OVERLAYS, birthDate: '2010-05-01' } as never);
      for (const w of englishLeftovers(explanationText(c.explanation, 'es'))) left.add(`${rule.id}: ${w}`);
      if (c.reason) for (const w of englishLeftovers(disagreementText(c.reason, 'es'))) left.add(`${rule.id} (reason): ${w}`);
    }
  }
  // mx-2027.1's two readings of a 29 Feb birthday (born 29 Feb 2012: 28 Feb or 1 Mar 2030).
  const leap = computeDeadline({ ruleId: 'age_of_majority', trigger: '2012-02-29', pack });
  expect(disagreementText(leap.reason!, 'es')).toContain('Nació un 29 de febrero y 2030 no lo tiene: vence el 2030-02-28');
  for (const w of englishLeftovers(`${explanationText(leap.explanation, 'es')} ${disagreementText(leap.reason!, 'es')}`)) left.add(`age_of_majority 29 Feb: ${w}`);
  expect([...left]).toEqual([]);
});

test('the time left says its count in the right plural form', () => {
  expect(remainingText('es', 1, 'days')).toBe('falta 1 día');
  expect(remainingText('es', 2, 'business_days')).toBe('faltan 2 días hábiles');
  expect(remainingText('es', -1, 'business_days')).toBe('venció hace 1 día hábil');
  expect(remainingText('en', 1, 'hours')).toBe('1 hour left');
  expect(remainingText('en', -3, 'days')).toBe('overdue by 3 days');
  // Hours up to 72 read in hours; beyond, in whole days rounded down.
  expect(remainingText('es', -72, 'hours')).toBe('venció hace 72 horas');
  expect(remainingText('es', -3288, 'hours')).toBe('venció hace 137 días');
  expect(remainingText('es', 73, 'hours')).toBe('faltan 3 días');
  expect(remainingText('en', -100, 'hours')).toBe('overdue by 4 days');
});
