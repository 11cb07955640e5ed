/**
 * A timeline entry recorded as data (domain/case/timelineDetail.ts), in the reader's language: rule
 * titles and words from the catalogue, people by name, dates by the one formatter the context brings
 * (fmtWhen, Mexico City time). A value a correction replaced comes as a `{ was }` piece: the page strikes
 * it through, the PDF strikes it and writes "antes:" before it, plain text keeps "(antes: …)".
 * Entries without data (recorded before) are read by the legacy path, timelineText.ts.
 */
import type { CaseEvent } from '../case/events';
import type { DetailOf, TimelineDetail, TimelineDetailKind } from '../case/timelineDetail';
import { catalogue, eventLabel, ruleText, statusLabel, type Lang } from './catalogue';
import { citationText, countText, stepName } from './computationText';
import type { TimelineTextContext } from './timelineText';

/** Text, or an old value shown struck through beside the new one. */
export type Piece = string | { was: string };

interface Ctx extends TimelineTextContext {
  lang: Lang;
}

type Render<K extends TimelineDetailKind> = (d: DetailOf<K>, c: Ctx) => Piece[];

const words = (c: Ctx) => catalogue(c.lang).timelineEntry;
const due = (d: { due: string; dueLatest: string }, c: Ctx) => (d.dueLatest !== d.due ? words(c).dueLatest(c.when(d.due), c.when(d.dueLatest)) : c.when(d.due));

/** An event's own fields in words (its type is the row's label already); the note as typed, after a dash. */
export function eventText(e: CaseEvent, c: TimelineTextContext & { lang: Lang }): string {
  const t = catalogue(c.lang).timeline;
  const extra =
    e.type === 'decision_notified' ? c.label(e.outcome)
    : e.type === 'detention_started' ? `${t.at} ${e.place}`
    : e.type === 'placement_changed' ? e.placement
    : e.type === 'assignment_changed' ? t.nowHolds(c.role(e.role), c.nameOf(e.userId))
    : e.type === 'case_closed' ? c.label(e.reason)
    : e.type === 'interview_scheduled' ? `${t.for} ${c.when(e.interviewAt)}`
    : e.type === 'asylum_claim_filed' && e.byRepresentative ? t.byRepresentative
    : e.type === 'removal_or_incommunicado' ? c.label(e.ground)
    : (e.type === 'detention_ended' || e.type === 'child_returned_to_origin') && e.exit ? c.label(e.exit)
    : e.type === 'breach_followed_up' ? c.label(e.followUp)
    : e.type === 'comar_extension_notified' && e.days !== undefined ? countText(e.days, 'business_days', c.lang)
    : '';
  return [extra, e.note ?? ''].filter(Boolean).join(' — ');
}

/** The corrected event: its date with the old one struck, then its fields, the old ones struck where they changed. */
function correctedEventPieces(was: CaseEvent, now: CaseEvent, c: Ctx): Piece[] {
  const pieces: Piece[] = [c.when(now.occurredAt)];
  if (was.occurredAt !== now.occurredAt) pieces.push(' ', { was: c.when(was.occurredAt) });
  const [before, after] = [eventText(was, c), eventText(now, c)];
  if (after) pieces.push(` · ${after}`);
  if (before !== after && before) pieces.push(' ', { was: before });
  return pieces;
}

/** One renderer per kind: a kind without one does not type-check. */
const DETAIL_TEXT: { [K in TimelineDetailKind]: Render<K> } = {
  case_opened: (d, c) => [catalogue(c.lang).timeline.underRulePack(d.rulePack)],
  event: (d, c) => [eventText(d.event, c)],
  deadline_opened: (d, c) => {
    const w = words(c);
    return [`${w.due(due(d, c))} (${citationText(d.citation, c.lang)}), ${w.countedFrom(c.when(d.trigger))}${d.byCorrection ? `, ${w.openedByCorrection}` : ''}`];
  },
  deadline_resolved: (d, c) => {
    const w = words(c);
    if (d.status === 'met') return [d.late ? w.metLate : w.met];
    if (d.status === 'cancelled') return [d.byCorrection ? w.cancelledByCorrection : w.cancelled];
    return [w[d.status]];
  },
  deadline_missed: (d, c) => [words(c).missed(due(d, c))],
  deadline_moved: (d, c) => {
    const w = words(c);
    const status = d.statusFrom && d.statusTo ? [statusLabel(d.statusTo, c.lang), ' ', { was: statusLabel(d.statusFrom, c.lang) }, ', '] : [];
    const moved: Piece[] = [...status, w.due(due(d.to, c)), ' ', { was: due(d.from, c) }];
    if (d.because === 'correction') return [...moved, `, ${d.trigger ? `${w.countedFrom(c.when(d.trigger))}, ` : ''}${w.afterCorrection}`];
    const why = (d.overlays ?? []).map((o) => (o.withdrawn ? w.overlayWithdrawn(o.citation) : o.citation)).join('; ') || w.overlaysChanged;
    return [...moved, ` ${w.because(why)}`];
  },
  not_sent: (d, c) => [words(c).notSent(d.steps.map((x) => stepName(x, c.lang)).join(', '))],
  delivery: (d, c) => {
    const t = catalogue(c.lang).timeline;
    const what = d.beforePlazoSummary ? t.notSentSummary : stepName(d.what, c.lang) === d.what ? c.label(d.what) : stepName(d.what, c.lang);
    const to = d.to.length === 0 ? t.nobody : d.to.map((x) => `${c.nameOf(x.userId)} (${c.role(x.role)})`).join(', ');
    return [`${t.sentTo(what, to)}${d.unreachable.length ? t.nobodyToTellAs(d.unreachable.map(c.role).join(', ')) : ''}`];
  },
  no_summary: (_d, c) => [catalogue(c.lang).timeline.noSummary],
  import_summary: (_d, c) => [catalogue(c.lang).timeline.importSummary],
  acknowledged: (d, c) => {
    const w = words(c);
    return [[w.acknowledged(c.label(d.series)), d.for ? w.ackScope(c.nameOf(d.for)) : ''].filter(Boolean).join(': ')];
  },
  acknowledgement_withdrawn: (d, c) => [words(c).ackWithdrawn(c.nameOf(d.for), c.label(d.series), d.reason)],
  escalated: (d, c) => [words(c).escalated(d.reason)],
  event_corrected: (d, c) => [`${words(c).corrected(d.eventSeq, eventLabel(d.now.type, c.lang))}: `, ...correctedEventPieces(d.was, d.now, c), ` — ${words(c).reason(d.reason)}`],
  event_voided: (d, c) => [`${words(c).voided(d.eventSeq, eventLabel(d.was.type, c.lang), c.when(d.was.occurredAt))} — ${words(c).reason(d.reason)}`],
};

/** Kinds about one deadline: their text starts with its title. */
const ABOUT_A_DEADLINE = new Set<TimelineDetailKind>(['deadline_opened', 'deadline_resolved', 'deadline_missed', 'deadline_moved', 'not_sent', 'acknowledged', 'acknowledgement_withdrawn']);

export interface DetailEntry {
  summary: string;
  deadlineId?: string | null;
  detail: TimelineDetail;
}

/** The entry in pieces; `summary` gives the deadline's recorded title when the catalogue has none for its rule. */
export function detailPieces(e: DetailEntry, lang: Lang, c: TimelineTextContext): Piece[] {
  const ctx: Ctx = { ...c, lang };
  const render = DETAIL_TEXT[e.detail.kind] as Render<TimelineDetailKind>;
  const pieces = render(e.detail, ctx);
  if (!ABOUT_A_DEADLINE.has(e.detail.kind)) return pieces;
  return withTitle(e, lang, pieces);
}

/** A deadline's title before its entry's words (the recorded one when the catalogue has none for its rule). */
function withTitle(e: { summary: string; deadlineId?: string | null }, lang: Lang, pieces: Piece[]): Piece[] {
  if (!e.deadlineId) return pieces;
  const recorded = e.summary.includes(': ') ? e.summary.slice(0, e.summary.indexOf(': ')) : undefined;
  return [`${ruleText(e.deadlineId.replace(/#.*$/, ''), lang, recorded).title}: `, ...pieces];
}

/** A deadline's opening a correction recounted: the count now, each first value struck beside it. */
export function recountedOpeningPieces(e: DetailEntry & { detail: DetailOf<'deadline_opened'> }, now: { due: string; dueLatest: string; trigger?: string }, lang: Lang, c: TimelineTextContext): Piece[] {
  const ctx: Ctx = { ...c, lang };
  const w = words(ctx);
  const d = e.detail;
  const trigger = now.trigger ?? d.trigger;
  const pieces: Piece[] = [w.due(due(now, ctx))];
  if (due(now, ctx) !== due(d, ctx)) pieces.push(' ', { was: due(d, ctx) });
  pieces.push(` (${citationText(d.citation, lang)}), ${w.countedFrom(c.when(trigger))}`);
  if (trigger !== d.trigger) pieces.push(' ', { was: c.when(d.trigger) });
  return withTitle(e, lang, pieces);
}

/** Pieces as plain text: an old value as "(antes: …)". */
export function piecesText(pieces: Piece[], lang: Lang): string {
  return pieces.map((p) => (typeof p === 'string' ? p : `(${catalogue(lang).timelineEntry.before}: ${p.was})`)).join('');
}
