/**
 * The steps of a case due at the same instant, to one reader, in one email: each step says what its own
 * email said (what to do, by when, the basis, its own one-click link), the most pressing first.
 */
import { renderStepMessage, type StepMessageInput } from './stepMessage';
import { mostPressingFirst, renderStepsMessage } from './stepsMessage';

const base = {
  caseId: 'C-9',
  link: 'https://plazo.example/cases/C-9',
  recipient: { name: 'Ana' },
  people: { caseworker: 'Ana', supervisor: 'Beto', lawyer: 'Carla' },
} as const;

// A detained child at 09:00: the detention notice (LM art. 98, due in hours) and the amparo (due later).
const detention = (lang: 'es' | 'en'): StepMessageInput => ({
  ...base,
  lang,
  kind: 'alarm',
  deadline: { ruleId: 'child_detention_notice', title: 'Detention notice', citation: 'LM art. 98', due: '2026-12-07', dueLatest: '2026-12-07', dueInstant: '2026-12-07T13:00:00-06:00', unit: 'hours', kind: 'law' },
  remaining: lang === 'es' ? 'faltan 4 horas' : '4 hours left',
  ack: { link: 'https://plazo.example/ack/plzack_DETENTION', expiresAt: '2026-12-14T09:00:00-06:00' },
});
const amparo = (lang: 'es' | 'en'): StepMessageInput => ({
  ...base,
  lang,
  kind: 'alarm',
  deadline: { ruleId: 'amparo_now', title: 'Amparo', citation: 'Ley de Amparo art. 17 fr. IV', due: '2026-12-07', dueLatest: '2026-12-07', dueInstant: '2026-12-07T23:59:59-06:00', unit: 'hours', kind: 'law' },
  ack: { link: 'https://plazo.example/ack/plzack_AMPARO', expiresAt: '2026-12-14T09:00:00-06:00' },
});

test('one step is its own email, word for word', () => {
  expect(renderStepsMessage([detention('es')])).toEqual(renderStepMessage(detention('es')));
});

test('two steps: one greeting, each step numbered with its own link, the sooner due first, the case named once at the end', () => {
  const { subject, body } = renderStepsMessage([amparo('es'), detention('es')]);
  expect(subject).toMatch(/^\[Plazo\] ALERTA · Caso C-9 · .+ \+ .+$/);
  const lines = body.split('\n');
  expect(lines[0]).toBe('Hola, Ana:');
  expect(lines[2]).toBe('2 avisos de este caso le llegan a la vez; el más urgente primero:');
  const one = lines.findIndex((l) => l.startsWith('1. ALERTA · Caso C-9'));
  const two = lines.findIndex((l) => l.startsWith('2. ALERTA · Caso C-9'));
  expect(one).toBeGreaterThan(0);
  expect(two).toBeGreaterThan(one);
  // Each step's own link sits in its own part: the detention's (due 13:00) before the amparo's (23:59).
  const detLink = lines.indexOf('https://plazo.example/ack/plzack_DETENTION');
  const ampLink = lines.indexOf('https://plazo.example/ack/plzack_AMPARO');
  expect(one).toBeLessThan(detLink);
  expect(detLink).toBeLessThan(two);
  expect(two).toBeLessThan(ampLink);
  // Each part keeps its basis and its time left; the holders and the case link once.
  expect(body).toContain('Fundamento: LM art. 98 (plazo legal)');
  expect(body).toContain('Fundamento: Ley de Amparo art. 17 fr. IV (plazo legal)');
  expect(body).toContain('Tiempo restante: faltan 4 horas');
  expect(body.match(/Ver el caso: /g)).toHaveLength(1);
  expect(body.match(/Personas del caso: /g)).toHaveLength(1);
  expect(body.match(/Hola, Ana:/g)).toHaveLength(1);
});

test('in English too', () => {
  const { subject, body } = renderStepsMessage([detention('en'), amparo('en')]);
  expect(subject).toMatch(/^\[Plazo\] ALERT · Case C-9 · /);
  expect(body).toContain('2 notices of this case reach you at once; the most urgent first:');
  expect(body).not.toMatch(/avisos|Fundamento/);
});

test('kinds differ: each named once in the subject; a general escalation (no deadline) comes last', () => {
  const reminder: StepMessageInput = { ...detention('es'), kind: 'reminder', ack: undefined };
  const escalation: StepMessageInput = { ...base, lang: 'es', kind: 'escalation', reason: 'revisar', by: 'Beto' };
  expect(mostPressingFirst([escalation, amparo('es'), reminder]).map((m) => m.kind)).toEqual(['reminder', 'alarm', 'escalation']);
  const { subject, body } = renderStepsMessage([escalation, amparo('es'), reminder]);
  expect(subject.startsWith('[Plazo] Recordatorio + ALERTA + ESCALAMIENTO · Caso C-9')).toBe(true);
  expect(body).toContain('3. ESCALAMIENTO · Caso C-9');
  expect(body).toContain('Motivo: revisar');
  expect(body).toContain('Escalado por: Beto');
});

test('a subject never passes the ledger\'s bound of 300 characters', () => {
  const long = (i: number): StepMessageInput => ({ ...amparo('es'), deadline: { ...amparo('es').deadline!, ruleId: `unknown_${i}`, title: 'T'.repeat(120) + i } });
  const { subject } = renderStepsMessage([long(1), long(2), long(3)]);
  expect(subject.length).toBe(300);
  expect(subject.endsWith('…')).toBe(true);
});

test('a deadline kept without its instant (an old state) counts as due at the end of its day in Mexico City', () => {
  const old: StepMessageInput = { ...amparo('es'), deadline: { ...amparo('es').deadline!, dueInstant: undefined, due: '2026-12-07' } };
  const nextMorning: StepMessageInput = { ...detention('es'), deadline: { ...detention('es').deadline!, due: '2026-12-08', dueInstant: '2026-12-08T05:00:00Z' } };
  // 23:59 of 7 Dec in Mexico City is 05:59 UTC on 8 Dec: after 05:00 UTC.
  expect(mostPressingFirst([old, nextMorning])).toEqual([nextMorning, old]);
  expect(mostPressingFirst([old, detention('es')])).toEqual([detention('es'), old]);
});

test("steps of several cases (the dispatcher's email): the cases counted in the subject and the lead, each step followed by its own case's people and link", () => {
  const other = (lang: 'es' | 'en'): StepMessageInput => ({ ...detention(lang), caseId: 'C-10', link: 'https://plazo.example/cases/C-10', people: { caseworker: 'Dora', supervisor: 'Beto', lawyer: 'Carla' }, ack: { link: 'https://plazo.example/ack/plzack_OTHER', expiresAt: '2026-12-14T09:00:00-06:00' } });
  for (const lang of ['es', 'en'] as const) {
    const { subject, body } = renderStepsMessage([amparo(lang), other(lang), detention(lang)]);
    expect(subject).toMatch(lang === 'es' ? /^\[Plazo\] ALERTA · 2 casos · / : /^\[Plazo\] ALERT · 2 cases · /);
    expect(body).toContain(lang === 'es' ? '3 avisos de 2 casos le llegan a la vez' : '3 notices of 2 cases reach you at once');
    // Each numbered step, then its case's link before the next step.
    const at = (s: string) => body.indexOf(s);
    const steps = [1, 2, 3].map((n) => at(`\n${n}. `));
    expect(steps.every((i) => i > 0)).toBe(true);
    const links = ['https://plazo.example/cases/C-9', 'https://plazo.example/cases/C-10'];
    for (const [i, start] of steps.entries()) {
      const block = body.slice(start, steps[i + 1] ?? body.length);
      expect(links.filter((l) => block.includes(l))).toHaveLength(1);
      expect(block).toMatch(/plzack_(DETENTION|AMPARO|OTHER)/);
    }
    expect(body).toContain('Dora');
    expect(body.endsWith('\n')).toBe(false);
  }
});
