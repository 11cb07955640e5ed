/**
 * A timeline entry's detail in the reader's language. Entries recorded as data (`detail`) are rendered
 * from it (timelineDetailText.ts). Entries recorded before (runs not patched 'timeline-as-data', rows
 * projected before it) have only their summary, in one fixed English grammar (replayed histories hold
 * it, so it cannot change): the legacy path below reads that grammar back: the rule's title from the
 * catalogue, people by name, enum values by their words, the rest in Spanish. Whatever the person typed
 * (a note, a reason, a place) is kept as typed.
 */
import type { TimelineDetail } from '../case/timelineDetail';
import { catalogue, eventLabel, ruleText, type Lang } from './catalogue';
import { citationText, stepName } from './computationText';
import { detailPieces, piecesText, type Piece } from './timelineDetailText';

export interface TimelineTextContext {
  /** A person's name from their id ('cw-ana' → 'Ana'); the id itself when unknown. */
  nameOf(id: string): string;
  /** An enum value (an outcome, a close reason, a series) in words. */
  label(value: string): string;
  /** A role in words. */
  role(role: string): string;
  /** A date or instant as people read it. */
  when(value: string): string;
}

interface Entry {
  type: string;
  summary: string;
  deadlineId: string | null;
  detail?: TimelineDetail | null;
}

const EVENT_EXTRA: [RegExp, (m: string[], c: TimelineTextContext, lang: Lang) => string][] = [
  [/^: (\w+) is now (.+)$/, (m, c, l) => `: ${catalogue(l).timeline.nowHolds(c.role(m[1]!), c.nameOf(m[2]!))}`],
  [/^ at (.+)$/, (m, _c, l) => ` ${catalogue(l).timeline.at} ${m[1]}`],
  [/^ for (\S+)$/, (m, c, l) => ` ${catalogue(l).timeline.for} ${c.when(m[1]!)}`],
  [/^ by a representative$/, (_m, _c, l) => ` ${catalogue(l).timeline.byRepresentative}`],
  [/^: ([a-z_0-9]+)$/, (m, c) => `: ${c.label(m[1]!)}`],
  [/^: (.+)$/, (m) => `: ${m[1]}`],
];

/** describe(e) of recordEvent.ts: '<type in words><extra>[ — note]'; the page shows the type's label already. */
function eventDetail(type: string, summary: string, c: TimelineTextContext, lang: Lang): string {
  const prefix = type.replace(/_/g, ' ');
  if (!summary.startsWith(prefix)) return summary;
  const rest = summary.slice(prefix.length);
  const dash = rest.indexOf(' — ');
  const [extra, note] = dash < 0 ? [rest, ''] : [rest.slice(0, dash), rest.slice(dash)];
  if (!extra) return note.replace(/^ — /, '');
  for (const [re, f] of EVENT_EXTRA) {
    const m = re.exec(extra);
    if (m) return `${f(m, c, lang).replace(/^: /, '').trim()}${note}`;
  }
  return `${extra}${note}`;
}

/** '2026-10-26 (latest plausible 2026-10-27)' → words. */
const dueEs = (s: string, c: TimelineTextContext) =>
  s.replace(/(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?)(?: \(latest plausible ([^)]+)\))?/g, (_m, d: string, l?: string) => `${c.when(d)}${l ? ` (fecha más tardía posible ${c.when(l)})` : ''}`);
const dueEn = (s: string, c: TimelineTextContext) =>
  s.replace(/(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?)(?: \(latest plausible ([^)]+)\))?/g, (_m, d: string, l?: string) => `${c.when(d)}${l ? ` (latest plausible ${c.when(l)})` : ''}`);

const STATUS_ES: Record<string, string> = { open: 'abierto', missed: 'vencido', met: 'cumplido', extended: 'ampliado', suspended: 'suspendido', cancelled: 'cancelado' };

/** What follows '<title>: ' in a deadline's entry, in Spanish. */
const DEADLINE_ES: [RegExp, (m: string[], c: TimelineTextContext) => string][] = [
  [/^met \(late\)$/, () => 'cumplido fuera de plazo'],
  // A breach (rule pack mx-2027.2): the event that breached it, and who was told at once.
  [/^breached by ([a-z_]+)$/, (m) => `incumplido: ${eventLabel(m[1]!, 'es')}`],
  [/^escalated at once to ([a-z, ]+)$/, (m, c) => `escalado de inmediato a ${m[1]!.split(', ').map((r) => c.role(r)).join(', ')}`],
  [/^met$/, () => 'cumplido'],
  [/^extended$/, () => 'ampliado'],
  [/^suspended while the child is detained$/, () => 'suspendido mientras la niña, niño o adolescente está detenido'],
  [/^no longer applies after the correction$/, () => 'ya no aplica tras la corrección'],
  [/^no longer applies$/, () => 'ya no aplica'],
  [/^missed \(was due (.+)\)$/, (m, c) => `vencido (vencía ${dueEs(m[1]!, c)})`],
  [/^due (\S+(?: \(latest plausible [^)]+\))?) \((.+)\), counted from (\S+), opened by the correction$/, (m, c) => `vence ${dueEs(m[1]!, c)} (${citationText(m[2]!, 'es')}), contado desde ${c.when(m[3]!)}, abierto por la corrección`],
  [/^due (\S+(?: \(latest plausible [^)]+\))?) \((.+)\), counted from (\S+)$/, (m, c) => `vence ${dueEs(m[1]!, c)} (${citationText(m[2]!, 'es')}), contado desde ${c.when(m[3]!)}`],
  [
    /^(?:(\w+) → (\w+), )?due (.+?) → (.+?), counted from (\S+), after the correction$/,
    (m, c) => `${m[1] ? `${STATUS_ES[m[1]] ?? m[1]} → ${STATUS_ES[m[2]!] ?? m[2]}, ` : ''}vencía ${dueEs(m[3]!, c)} → vence ${dueEs(m[4]!, c)}, contado desde ${c.when(m[5]!)}, tras la corrección`,
  ],
  [/^due (.+?) → (.+?) because of (.+)$/, (m, c) => `vencía ${dueEs(m[1]!, c)} → vence ${dueEs(m[2]!, c)} por ${m[3]!.replace(/ no longer applying \(withdrawn or corrected\)/g, ' que ya no aplica (retirado o corregido)').replace(/^calendar overlays changed$/, 'cambios en los cierres del calendario')}`],
  [/^not sent: before the case was in Plazo \((.*)\)$/, (m, c) => `no enviado: era antes de que el caso estuviera en Plazo (${m[1]!.split(', ').map((x) => stepName(x, 'es')).join(', ')})`],
  [
    /^(\w+) acknowledged \("I'm on it"\)(?: for (\S+))?(?:: its repeats stop for (\S+) only)?$/,
    (m, c) => `${c.label(m[1]!)}: «me encargo»${m[2] ? ` por ${c.nameOf(m[2])}` : ''}${m[3] ? `: las repeticiones se detienen solo para ${c.nameOf(m[3])}` : ''}`,
  ],
  [/^(\S+)'s acknowledgement of (\w+) withdrawn: ([\s\S]*)$/, (m, c) => `se retiró el «me encargo» de ${c.nameOf(m[1]!)} (${c.label(m[2]!)}): ${m[3]}`],
];

const DEADLINE_EN: [RegExp, (m: string[], c: TimelineTextContext) => string][] = [
  [/^breached by ([a-z_]+)$/, (m) => `not met: ${eventLabel(m[1]!, 'en')}`],
  [/^escalated at once to ([a-z, ]+)$/, (m, c) => `escalated at once to ${m[1]!.split(', ').map((r) => c.role(r)).join(', ')}`],
  [/^not sent: before the case was in Plazo \((.*)\)$/, (m) => `not sent: before the case was in Plazo (${m[1]!.split(', ').map((x) => stepName(x, 'en')).join(', ')})`],
  [/^missed \(was due (.+)\)$/, (m, c) => `missed (was due ${dueEn(m[1]!, c)})`],
  [/^(\w+) acknowledged \("I'm on it"\)(?: for (\S+))?(?:: its repeats stop for (\S+) only)?$/, (m, c) => `${c.label(m[1]!)} acknowledged ("I'm on it")${m[2] ? ` for ${c.nameOf(m[2])}` : ''}${m[3] ? `: its repeats stop for ${c.nameOf(m[3])} only` : ''}`],
  [/^(\S+)'s acknowledgement of (\w+) withdrawn: ([\s\S]*)$/, (m, c) => `${c.nameOf(m[1]!)}'s acknowledgement of ${c.label(m[2]!)} withdrawn: ${m[3]}`],
];

/** 'alarm-0 sent to caseworker cw-ana, supervisor sup-sofia[; nobody to tell as lawyer]'. */
function deliveryText(summary: string, c: TimelineTextContext, lang: Lang): string {
  const m = /^(.+?) sent to (.+?)(?:; nobody to tell as (.+))?$/.exec(summary);
  if (!m) return summary;
  const t = catalogue(lang).timeline;
  const what = m[1] === 'summary of what was not sent before the case was in Plazo'
    ? t.notSentSummary
    : stepName(m[1]!, lang) === m[1] ? c.label(m[1]!) : stepName(m[1]!, lang);
  const to = m[2] === 'nobody' ? t.nobody : m[2]!.split(', ').map((x) => { const [role, id] = x.split(' '); return `${c.nameOf(id ?? '')} (${c.role(role!)})`; }).join(', ');
  const missing = m[3] ? t.nobodyToTellAs(m[3].split(', ').map(c.role).join(', ')) : '';
  return `${t.sentTo(what, to)}${missing}`;
}

/** The entry in pieces: an old value a correction replaced is a `{ was }` piece (struck through where shown). */
export function timelinePieces(e: Entry, lang: Lang, c: TimelineTextContext): Piece[] {
  return e.detail ? detailPieces({ ...e, detail: e.detail }, lang, c) : [legacyText(e, lang, c)];
}

/** The entry as plain text; an old value reads "(antes: …)". */
export function timelineText(e: Entry, lang: Lang, c: TimelineTextContext): string {
  return piecesText(timelinePieces(e, lang, c), lang);
}

const LEGACY_CORRECTION = /^#(\d+) ([a-z_ ]+?)(?:: ([a-z_0-9]+)| [^(]*)? \((\S+)\) (voided|corrected to [a-z_ ]+?(?:: [a-z_0-9]+| [^(]*)? \((\S+)\)): ([\s\S]*)$/;

/** A correction recorded as English text: which event, its date before and after (none: voided). */
export function legacyCorrection(summary: string): { eventSeq: number; was: string; now: string | null } | null {
  const m = LEGACY_CORRECTION.exec(summary);
  return m ? { eventSeq: Number(m[1]), was: m[4]!, now: m[5] === 'voided' ? null : m[6]! } : null;
}

/** An entry recorded as English text (before 'timeline-as-data'), read back. */
function legacyText(e: Entry, lang: Lang, c: TimelineTextContext): string {
  const s = e.summary;
  const t = catalogue(lang).timeline;
  if (e.type === 'notification_sent') return deliveryText(s, c, lang);
  if (e.type === 'case_opened') {
    const m = /^case opened under rule pack (\S+)$/.exec(s);
    return m ? t.underRulePack(m[1]!) : s;
  }
  // A breach's escalation (mx-2027.2) is worded as a deadline's entry, below.
  if (e.type === 'escalated' && !/: escalated at once to [a-z, ]+$/.test(s)) return s.replace(/^escalated by hand: /, t.escalatedByHand);
  if (e.type === 'summary_sent' && s === 'no summary: nothing not sent is still open') return t.noSummary;
  if (e.type === 'event_corrected' || e.type === 'event_voided') {
    const m = LEGACY_CORRECTION.exec(s);
    if (m) {
      const was = c.when(m[4]!);
      return m[5] === 'voided' ? t.voided(m[1]!, was, m[7]!) : t.correctedTo(m[1]!, was, c.when(m[6]!), m[7]!);
    }
    return s;
  }
  if (e.deadlineId) {
    const ruleId = e.deadlineId.replace(/#.*$/, '');
    const cut = s.indexOf(': ');
    if (cut > 0) {
      const title = ruleText(ruleId, lang, s.slice(0, cut)).title;
      const rest = s.slice(cut + 2);
      for (const [re, f] of lang === 'es' ? DEADLINE_ES : DEADLINE_EN) {
        const m = re.exec(rest);
        if (m) return `${title}: ${f(m, c)}`;
      }
      return `${title}: ${lang === 'en' ? dueEn(rest, c) : rest}`;
    }
  }
  return eventDetail(e.type, s, c, lang);
}
