/** Both languages say everything: en.ts declares the shape and es.ts is typed by it. */
import { en, type Catalogue } from './en';
import { es } from './es';
import { catalogue, eventLabel, ruleText, statusLabel } from '.';
import { CASE_EVENT_TYPES } from '../../case/events';
import { RULE_PACKS } from '../../rules/rulePack';

/** Every key path of a catalogue, with the kind of value it holds. */
const shape = (v: unknown, path = ''): string[] =>
  v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => shape(x, `${path}.${k}`)) : [`${path}: ${typeof v}`];

test('a language without one of the keys is not a catalogue (tsc refuses it)', () => {
  const { feed: _feed, ...withoutFeed } = es;
  // @ts-expect-error the feed's words are missing
  const missing: Catalogue = withoutFeed;
  expect(Object.keys(missing)).not.toContain('feed');
});

test('Spanish and English have the same keys, each a string or a function in both', () => {
  expect(shape(es)).toEqual(shape(en));
  expect(shape(en).filter((s) => !/: (string|function)$/.test(s))).toEqual([]);
});

test('words are picked by key, with the key itself for one the catalogue does not hold', () => {
  expect([eventLabel('detention_started', 'es'), eventLabel('detention_started', 'en'), eventLabel('constructor', 'es')]).toEqual(['Inicio de detención', 'Detention started', 'constructor']);
  expect([statusLabel('met', 'es'), statusLabel('met', 'en')]).toEqual(['cumplido', 'met']);
  expect(catalogue('es').page.myCases).toBe('Mis casos');
});

test('every event a form records and every rule of every pack has its words in both languages', () => {
  for (const lang of ['es', 'en'] as const) {
    expect(CASE_EVENT_TYPES.filter((t) => eventLabel(t, lang) === t)).toEqual([]);
    expect(RULE_PACKS.flatMap((p) => p.rules).filter((r) => ruleText(r.id, lang).action === '').map((r) => r.id)).toEqual([]);
  }
});
