/**
 * One timeline row in words, as the case page and the constancia both show it: when it happened (the
 * corrected date, with the date first recorded struck through beside it), what it says (the corrected
 * event's fields, the replaced ones struck), and the mark of the correction naming who made it.
 */
import { catalogue, otherLabel, roleLabel, words, type Lang } from '../domain/messages/catalogue';
import { fmtWhen } from '../domain/messages/dateWords';
import { eventText, recountedOpeningPieces, type Piece } from '../domain/messages/timelineDetailText';
import { timelinePieces, type TimelineTextContext } from '../domain/messages/timelineText';
import type { TimelineRow } from './caseTimeline';

export interface RowText {
  when: Piece[];
  what: Piece[];
  /** "corregido (#12, Eva Ruiz)" / "anulado (#12, Eva Ruiz)". */
  mark: string | null;
  voided: boolean;
}

/** The words every timeline reads with: people by name, values and roles in words, dates by fmtWhen (Mexico City; `form` 'cli' on a terminal). */
export function timelineContext(lang: Lang, nameOf: (id: string) => string, form: Parameters<typeof fmtWhen>[2] = 'page'): TimelineTextContext {
  return { nameOf, label: (v) => otherLabel(v, lang), role: (r) => roleLabel(r, words(lang)), when: (v) => fmtWhen(v, lang, form) };
}

export function timelineRowText(r: TimelineRow, lang: Lang, c: TimelineTextContext): RowText {
  const e = r.entry;
  const fix = r.correction;
  const when: Piece[] = [c.when(r.happenedAt)];
  if (fix?.nowAt && fix.wasAt !== r.happenedAt) when.push(' ', { was: c.when(fix.wasAt) });
  let what = timelinePieces(e, lang, c);
  if (fix?.event && e.detail?.kind === 'event') {
    const [before, after] = [eventText(e.detail.event, { ...c, lang }), eventText(fix.event, { ...c, lang })];
    if (before !== after) what = [after, ...(before ? [' ', { was: before }] : [])];
  }
  // A deadline's opening counted before the correction: the count now, the first one beside it.
  const recount = fix?.recount && e.detail?.kind === 'deadline_opened' ? fix.recount : undefined;
  if (recount && e.detail?.kind === 'deadline_opened') what = recountedOpeningPieces({ ...e, detail: e.detail }, recount, lang, c);
  const w = catalogue(lang).timelineEntry;
  const mark = fix ? (fix.how === 'voided' ? w.rowVoided(fix.seq, c.nameOf(fix.by)) : w.rowCorrected(fix.seq, c.nameOf(fix.by))) : null;
  // Voided, or a count the correction replaced without the new one to show: struck through whole.
  return { when, what, mark, voided: fix?.how === 'voided' || (fix?.how === 'recounted' && !recount) };
}
