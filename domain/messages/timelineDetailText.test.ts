/**
 * Every kind of timeline entry recorded as data, in Spanish and in English: words from the catalogue,
 * people by name, dates by fmtWhen on Mexico City's clock, the value a correction replaced marked as
 * the old one. Entries without data keep the English-text reading (the legacy path).
 */
import type { TimelineDetail, TimelineDetailKind } from '../case/timelineDetail';
import { TimelineDetailSchema } from '../case/timelineDetail';
import { otherLabel, roleLabel, words, type Lang } from './catalogue';
import { fmtWhen } from './dateWords';
import { detailPieces, piecesText, recountedOpeningPieces } from './timelineDetailText';
import { legacyCorrection, timelineText } from './timelineText';

const NAMES: Record<string, string> = { 'cw-ana': 'Ana Pérez', 'sup-beto': 'Roberto Díaz', 'adm-eva': 'Eva Ruiz' };
const ctx = (lang: Lang) => ({ nameOf: (id: string) => NAMES[id] ?? id, label: (v: string) => otherLabel(v, lang), role: (r: string) => roleLabel(r, words(lang)), when: (v: string) => fmtWhen(v, lang) });
const render = (detail: TimelineDetail, lang: Lang, deadlineId: string | null = null, summary = '') => piecesText(detailPieces({ summary, deadlineId, detail }, lang, ctx(lang)), lang);

const filed = { type: 'asylum_claim_filed' as const, occurredAt: '2026-11-16', recordedBy: 'cw-ana', byRepresentative: false };

/** One entry of each kind, with what it reads in each language. */
const CASES: { kind: TimelineDetailKind; detail: TimelineDetail; deadlineId?: string; es: string; en: string }[] = [
  { kind: 'case_opened', detail: { kind: 'case_opened', rulePack: 'mx-2027.1' }, es: 'con las reglas mx-2027.1', en: 'under rule pack mx-2027.1' },
  {
    kind: 'event',
    detail: { kind: 'event', event: { type: 'detention_started', occurredAt: '2026-11-20T15:00:00Z', recordedBy: 'cw-ana', place: 'Estación Siglo XXI', note: 'con su hermano' } },
    es: 'en Estación Siglo XXI — con su hermano',
    en: 'at Estación Siglo XXI — con su hermano',
  },
  {
    kind: 'event',
    detail: { kind: 'event', event: { type: 'assignment_changed', occurredAt: '2026-11-20', recordedBy: 'sup-beto', role: 'caseworker', userId: 'cw-ana' } },
    es: 'Trabajador(a) social ahora es Ana Pérez',
    en: 'Caseworker is now Ana Pérez',
  },
  {
    kind: 'event',
    detail: { kind: 'event', event: { type: 'interview_scheduled', occurredAt: '2026-11-20', recordedBy: 'cw-ana', interviewAt: '2026-12-01T16:30:00Z' } },
    es: 'para el mar 1 dic 2026, 10:30',
    en: 'for Tue 1 Dec 2026, 10:30',
  },
  { kind: 'event', detail: { kind: 'event', event: { type: 'decision_notified', occurredAt: '2026-11-20', recordedBy: 'cw-ana', outcome: 'denied' } }, es: 'negado', en: 'denied' },
  {
    kind: 'deadline_opened',
    detail: { kind: 'deadline_opened', due: '2027-01-25', dueLatest: '2027-01-26', citation: 'LRPCAP art. 24', trigger: '2026-11-16' },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: vence lun 25 ene 2027 (fecha más tardía posible mar 26 ene 2027) (LRPCAP art. 24), contado desde lun 16 nov 2026',
    en: 'COMAR decision: due Mon 25 Jan 2027 (latest plausible Tue 26 Jan 2027) (LRPCAP art. 24), counted from Mon 16 Nov 2026',
  },
  {
    kind: 'deadline_opened',
    detail: { kind: 'deadline_opened', due: '2027-01-20', dueLatest: '2027-01-20', citation: 'LRPCAP art. 24', trigger: '2026-11-11', byCorrection: true },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: vence mié 20 ene 2027 (LRPCAP art. 24), contado desde mié 11 nov 2026, abierto por la corrección',
    en: 'COMAR decision: due Wed 20 Jan 2027 (LRPCAP art. 24), counted from Wed 11 Nov 2026, opened by the correction',
  },
  { kind: 'deadline_resolved', detail: { kind: 'deadline_resolved', status: 'met', late: true, eventSeq: 4 }, deadlineId: 'comar_decision', es: 'Resolución de la COMAR: cumplido fuera de plazo', en: 'COMAR decision: met late' },
  {
    kind: 'deadline_resolved',
    detail: { kind: 'deadline_resolved', status: 'suspended', eventSeq: 7 },
    deadlineId: 'weekly_signature#2',
    es: 'Firma semanal: suspendido mientras la niña, niño o adolescente está detenido',
    en: 'Weekly signature: suspended while the child is detained',
  },
  { kind: 'deadline_resolved', detail: { kind: 'deadline_resolved', status: 'cancelled', byCorrection: true }, deadlineId: 'comar_decision', es: 'Resolución de la COMAR: ya no aplica tras la corrección', en: 'COMAR decision: no longer applies after the correction' },
  { kind: 'deadline_missed', detail: { kind: 'deadline_missed', due: '2027-01-25', dueLatest: '2027-01-25' }, deadlineId: 'comar_decision', es: 'Resolución de la COMAR: vencido (vencía lun 25 ene 2027)', en: 'COMAR decision: missed (was due Mon 25 Jan 2027)' },
  {
    kind: 'deadline_moved',
    detail: { kind: 'deadline_moved', because: 'correction', from: { due: '2027-01-25', dueLatest: '2027-01-25' }, to: { due: '2027-01-20', dueLatest: '2027-01-20' }, trigger: '2026-11-11', statusFrom: 'missed', statusTo: 'open' },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: abierto (antes: vencido), vence mié 20 ene 2027 (antes: lun 25 ene 2027), contado desde mié 11 nov 2026, tras la corrección',
    en: 'COMAR decision: open (before: missed), due Wed 20 Jan 2027 (before: Mon 25 Jan 2027), counted from Wed 11 Nov 2026, after the correction',
  },
  {
    kind: 'deadline_moved',
    detail: { kind: 'deadline_moved', because: 'overlays', from: { due: '2027-01-20', dueLatest: '2027-01-20' }, to: { due: '2027-01-22', dueLatest: '2027-01-22' }, overlays: [{ citation: 'DOF 2026-12-20', withdrawn: false }, { citation: 'DOF 2026-11-30', withdrawn: true }] },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: vence vie 22 ene 2027 (antes: mié 20 ene 2027) por DOF 2026-12-20; DOF 2026-11-30 que ya no aplica (retirado o corregido)',
    en: 'COMAR decision: due Fri 22 Jan 2027 (before: Wed 20 Jan 2027) because of DOF 2026-12-20; DOF 2026-11-30 no longer applying (withdrawn or corrected)',
  },
  {
    kind: 'not_sent',
    detail: { kind: 'not_sent', steps: ['reminder-10bd', 'due'] },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: no enviado: era antes de que el caso estuviera en Plazo (recordatorio 10 días hábiles antes, vence hoy)',
    en: 'COMAR decision: not sent: before the case was in Plazo (reminder 10 business days before, due)',
  },
  {
    kind: 'delivery',
    detail: { kind: 'delivery', what: 'alarm-0', to: [{ role: 'caseworker', userId: 'cw-ana' }, { role: 'supervisor', userId: 'sup-beto' }], unreachable: ['lawyer'] },
    es: 'alerta 1 enviado a Ana Pérez (Trabajador(a) social), Roberto Díaz (Supervisor(a)); no hay a quién avisar como Abogado(a)',
    en: 'alarm 1 sent to Ana Pérez (Caseworker), Roberto Díaz (Supervisor); nobody to tell as Lawyer',
  },
  { kind: 'delivery', detail: { kind: 'delivery', what: 'summary', beforePlazoSummary: true, to: [], unreachable: [] }, es: 'resumen de lo que no se envió antes de que el caso estuviera en Plazo enviado a nadie', en: 'summary of what was not sent before the case was in Plazo sent to nobody' },
  { kind: 'no_summary', detail: { kind: 'no_summary' }, es: 'sin resumen: nada de lo no enviado sigue abierto', en: 'no summary: nothing not sent is still open' },
  { kind: 'import_summary', detail: { kind: 'import_summary', importRun: 'abc123' }, es: 'sin resumen propio: lo cubre el resumen por persona de la importación', en: "no summary of its own: the import's summary per person covers it" },
  {
    kind: 'acknowledged',
    detail: { kind: 'acknowledged', series: 'overdue', for: 'cw-ana' },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: vencido: «me encargo»: las repeticiones se detienen solo para Ana Pérez',
    en: 'COMAR decision: overdue: "I\'m on it": its repeats stop for Ana Pérez only',
  },
  {
    kind: 'acknowledgement_withdrawn',
    detail: { kind: 'acknowledgement_withdrawn', series: 'overdue', for: 'cw-ana', reason: 'sigue sin presentarse' },
    deadlineId: 'comar_decision',
    es: 'Resolución de la COMAR: se retiró el «me encargo» de Ana Pérez (vencido): sigue sin presentarse',
    en: 'COMAR decision: Ana Pérez\'s "I\'m on it" (overdue) withdrawn: sigue sin presentarse',
  },
  { kind: 'escalated', detail: { kind: 'escalated', reason: 'la niña fue trasladada' }, es: 'escalado a mano: la niña fue trasladada', en: 'escalated by hand: la niña fue trasladada' },
  {
    kind: 'event_corrected',
    detail: { kind: 'event_corrected', eventSeq: 4, was: filed, now: { ...filed, occurredAt: '2026-11-11' }, reason: 'fecha mal capturada' },
    es: '#4 Solicitud de refugio presentada corregido: mié 11 nov 2026 (antes: lun 16 nov 2026) — motivo: fecha mal capturada',
    en: '#4 Asylum claim filed corrected: Wed 11 Nov 2026 (before: Mon 16 Nov 2026) — reason: fecha mal capturada',
  },
  {
    kind: 'event_corrected',
    detail: { kind: 'event_corrected', eventSeq: 9, was: { type: 'decision_notified', occurredAt: '2026-11-20', recordedBy: 'cw-ana', outcome: 'denied' }, now: { type: 'decision_notified', occurredAt: '2026-11-20', recordedBy: 'cw-ana', outcome: 'recognized' }, reason: 'era positiva' },
    es: '#9 Resolución notificada corregido: vie 20 nov 2026 · reconocido (antes: negado) — motivo: era positiva',
    en: '#9 Decision notified corrected: Fri 20 Nov 2026 · recognized (before: denied) — reason: era positiva',
  },
  {
    kind: 'event_voided',
    detail: { kind: 'event_voided', eventSeq: 4, was: filed, reason: 'caso equivocado' },
    es: '#4 Solicitud de refugio presentada (lun 16 nov 2026) anulado — motivo: caso equivocado',
    en: '#4 Asylum claim filed (Mon 16 Nov 2026) voided — reason: caso equivocado',
  },
];

test.each(CASES.map((c) => [c.kind, c.es.slice(0, 40), c] as const))('%s (%s…) in Spanish and English', (_kind, _start, c) => {
  expect(TimelineDetailSchema.parse(c.detail)).toEqual(c.detail);
  expect(render(c.detail, 'es', c.deadlineId ?? null)).toBe(c.es);
  expect(render(c.detail, 'en', c.deadlineId ?? null)).toBe(c.en);
});

test('every kind of the union has a case above', () => {
  const kinds = TimelineDetailSchema.options.map((o) => o.shape.kind.value);
  expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(kinds));
});

test('a value a correction replaced is a piece of its own: the page strikes it, plain text marks it "antes:"', () => {
  const d = CASES.find((c) => c.kind === 'event_corrected')!.detail;
  const pieces = detailPieces({ summary: '', deadlineId: null, detail: d }, 'es', ctx('es'));
  expect(pieces).toContainEqual({ was: 'lun 16 nov 2026' });
  expect(pieces.filter((p) => typeof p === 'string').join('')).toContain('mié 11 nov 2026');
});

test("a rule the catalogue does not know keeps the title recorded in the entry's summary", () => {
  expect(render({ kind: 'deadline_resolved', status: 'met' }, 'es', 'brand_new_rule', 'A brand new rule: met')).toBe('A brand new rule: cumplido');
});

test('entries without data (recorded before) are read from their English text as before', () => {
  const legacy = { type: 'event_corrected', deadlineId: null, summary: '#4 asylum claim filed (2026-11-16) corrected to asylum claim filed (2026-11-11): fecha mal capturada' };
  expect(timelineText(legacy, 'es', ctx('es'))).toBe('#4 (lun 16 nov 2026) corregido al mié 11 nov 2026: fecha mal capturada');
  expect(legacyCorrection(legacy.summary)).toEqual({ eventSeq: 4, was: '2026-11-16', now: '2026-11-11' });
  expect(legacyCorrection('#4 asylum claim filed (2026-11-16) voided: caso equivocado')).toEqual({ eventSeq: 4, was: '2026-11-16', now: null });
  expect(timelineText({ type: 'deadline_met', deadlineId: 'comar_decision', summary: 'COMAR decision: met (late)' }, 'es', ctx('es'))).toBe('Resolución de la COMAR: cumplido fuera de plazo');
  // The same entry with data reads the same.
  expect(timelineText({ type: 'deadline_met', deadlineId: 'comar_decision', summary: 'COMAR decision: met (late)', detail: { kind: 'deadline_resolved', status: 'met', late: true } }, 'es', ctx('es'))).toBe('Resolución de la COMAR: cumplido fuera de plazo');
});

test("a deadline's opening a correction recounted reads the count now, each first value struck beside it", () => {
  const e = { summary: 'COMAR decision: due …', deadlineId: 'comar_decision', detail: { kind: 'deadline_opened' as const, due: '2027-01-25', dueLatest: '2027-01-25', citation: 'LRPCAP art. 24', trigger: '2026-11-16' } };
  const now = { due: '2027-01-20', dueLatest: '2027-01-20', trigger: '2026-11-11' };
  expect(piecesText(recountedOpeningPieces(e, now, 'es', ctx('es')), 'es')).toBe('Resolución de la COMAR: vence mié 20 ene 2027 (antes: lun 25 ene 2027) (LRPCAP art. 24), contado desde mié 11 nov 2026 (antes: lun 16 nov 2026)');
  expect(piecesText(recountedOpeningPieces(e, now, 'en', ctx('en')), 'en')).toBe('COMAR decision: due Wed 20 Jan 2027 (before: Mon 25 Jan 2027) (LRPCAP art. 24), counted from Wed 11 Nov 2026 (before: Mon 16 Nov 2026)');
});
