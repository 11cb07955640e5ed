/**
 * The "constancia de cómputo": what a lawyer attaches to a filing to show how a term was counted — the
 * term, its legal basis, what triggered it, the governing calendar, every non-business day skipped and
 * why, the declared (DOF) closures counted with, the due date and the latest plausible one, and the
 * timeline. One deadline, or every deadline of a case. Drawn on the server by pdfkit (a maintained PDF
 * library: text stays text, so it can be searched, copied and checked), in the reader's language.
 * The standard Helvetica font keeps the file small and needs nothing installed; it covers Spanish
 * (WinAnsi), and anything outside it is transliterated by `pdfSafe`.
 */
import { calendarName, citationText, disagreementText, reasonText, termLengthText } from '../../domain/messages/computationText';
import type { Piece } from '../../domain/messages/timelineDetailText';
import { timelineContext, timelineRowText } from '../../app/timelineRowText';
import PDFDocument from 'pdfkit';
import { getRule, getRulePack, type Rule } from '../../domain';
import { recipientsOf } from '../../domain/ladder/policy';
import { catalogue, ruleText, type Lang, eventLabel, roleLabel, statusLabel, words } from '../../domain/messages/catalogue';
import type { CaseView, DeadlineView, TimelineEntryView } from '../../app/schemas';
import { caseTimeline, deadlineStates } from '../../app/caseTimeline';
import { childRecordRows, placementRows } from '../../app/childRecordText';
import { closingInWords, closingTime, fmtWhen, stateTrailText } from '../../domain/messages/dateWords';

export interface ConstanciaInput {
  lang: Lang;
  view: CaseView;
  timeline: TimelineEntryView[];
  /** One deadline's record, or (null) the whole case. */
  deadlineId: string | null;
  issuedBy: { name: string; role: string };
  issuedAt: Date;
  /** Names of the people in the timeline ("by"). */
  nameOf: (userId: string) => string;
}

/** WinAnsi (Helvetica's encoding) holds Spanish; arrows and other symbols are written in words or ASCII. */
export function pdfSafe(s: string): string {
  return s
    .replace(/→/g, '->')
    .replace(/←/g, '<-')
    .replace(/[✓✔]/g, '')
    .normalize('NFC')
    .replace(/[^\u0009\u000a\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, (c) => c.normalize('NFD').replace(/[^\u0020-\u007e]/g, '') || '?');
}

/** The rule as the pack the deadline counts under has it (a case keeps its pack; a moved deadline names the new one). */
const ruleOf = (id: string, pack: string): Rule | null => {
  try {
    return getRule(id, getRulePack(pack));
  } catch {
    return null;
  }
};

/** The rule as the deadline's own pack has it (who is told follows the pack it was counted under). */
const packRuleOf = (id: string, version: string): Rule | null => {
  try {
    return getRule(id, getRulePack(version));
  } catch {
    return null;
  }
};
const SERIES = ['reminder', 'alarm', 'due', 'overdue', 'director'] as const;


export async function renderConstancia(input: ConstanciaInput): Promise<Buffer> {
  const { lang, view: c } = input;
  const w = catalogue(lang).constancia;
  const deadlines = input.deadlineId === null ? c.deadlines : c.deadlines.filter((d) => d.deadlineId === input.deadlineId);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    lang: lang === 'es' ? 'es-MX' : 'en',
    info: { Title: pdfSafe(`${input.deadlineId === null ? w.titleCase : w.titleOne} · ${w.case} ${c.id}`), Author: 'Plazo', Subject: pdfSafe(deadlines.map((d) => ruleText(d.ruleId, lang, d.title).title).join('; ')) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(s), opts);
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(9.5);
    text(`${label}: `, { continued: true });
    doc.font('Helvetica');
    text(value);
  };

  doc.font('Helvetica-Bold').fontSize(15);
  text(input.deadlineId === null ? w.titleCase : w.titleOne);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  text(`${w.case} ${c.id} · ${w.child}: ${c.child.name}${c.office ? ` · ${w.office}: ${c.office}` : ''}`);
  doc.fontSize(8.5).fillColor('#444');
  text(`${w.issued}: ${fmtWhen(input.issuedAt.toISOString(), lang)} (${catalogue(lang).dates.mexicoCity}) ${w.by} ${input.issuedBy.name} (${roleLabel(input.issuedBy.role, words(lang))}) · ${w.rulePack} ${c.rulePack}`);
  doc.fillColor('#000').moveDown(0.8);
  recordSection();
  doc.moveDown(0.8);

  for (const d of deadlines) {
    deadlineSection(d);
    doc.moveDown(0.8);
  }
  if (input.deadlineId === null) timelineSection(w.timelineCase, input.timeline);
  doc.moveDown(1).font('Helvetica-Oblique').fontSize(8).fillColor('#444');
  text(w.note);

  // Footers, now that the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#444');
    doc.text(pdfSafe(`Plazo · ${w.case} ${c.id} · ${w.page(i + 1, range.count)}`), 56, doc.page.height - 40, { width: doc.page.width - 112, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;

  function deadlineSection(d: DeadlineView): void {
    const t = ruleText(d.ruleId, lang, d.title);
    const pack = d.rulePack ?? c.rulePack;
    const rule = ruleOf(d.ruleId, pack);
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#1f3a5f');
    text(t.title);
    doc.fillColor('#000').moveDown(0.2);
    field(w.term, `${rule ? termLengthText(rule.length, rule.unit, lang) : d.unit} · ${d.kind === 'program_target' ? w.kindTarget : w.kindLaw}`);
    field(w.basis, rule ? `${citationText(rule.citation.text, lang)} — ${rule.citation.lawName}` : citationText(d.citation, lang));
    // The rule pack describes triggers in English: Spanish readers get the event's name.
    if (rule) field(w.trigger, lang === 'es' ? eventLabel(rule.trigger.event, lang) : rule.trigger.description);
    field(w.rulePack, pack);
    field(w.countedFrom, `${fmtWhen(d.trigger, lang)} (${d.trigger})`);
    field(w.calendar, w.calendars[d.calendar as keyof typeof w.calendars] ?? calendarName(d.calendar, lang));
    const dueText = d.unit === 'hours' ? `${fmtWhen(d.dueInstant, lang)}, ${w.dueHour}` : `${fmtWhen(d.due, lang)}, ${d.filing ? closingInWords(d, lang, true) : w.dueDay(closingTime(d, lang, true))}`;
    field(w.due, dueText);
    const latest = d.dueLatest === d.due ? w.sameLatest : `${fmtWhen(d.dueLatest, lang)}${d.reason ? ` — ${disagreementText(d.reason, lang)}` : ''}`;
    field(w.latest, latest);
    const p = d.pendingPack;
    if (p) field(w.rulePack, w.pendingPack(p.rulePack, p.action === 'delete' ? w.pendingPackDrop : w.pendingPackLater(fmtWhen(p.due ?? '', lang))));
    // Missed and then suspended reads as both, in order.
    const states = deadlineStates(input.timeline, d.deadlineId);
    // Who is told at each step of the ladder, by role, as the rule pack says (issue 23 item 2).
    const own = packRuleOf(d.ruleId, c.rulePack);
    if (own) {
      const to = recipientsOf(own.id, own.unit, own.length, own.recipients, own.cadence);
      const page = words(lang);
      field(w.told, SERIES.filter((x) => to[x]).map((x) => `${catalogue(lang).ladder.series[x]}: ${to[x]!.map((r) => roleLabel(r, page)).join(', ')}`).join(' · '));
    }
    field(w.status, `${states.length > 1 ? stateTrailText(states, lang) : statusLabel(d.status, lang)}${d.late ? ` (${words(lang).late})` : ''}`);

    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9.5);
    text(w.skipped(d.skipped.length));
    doc.font('Helvetica').fontSize(8.5);
    if (d.skipped.length === 0) text(w.noneSkipped);
    // One column: pdfkit's columns do not carry over a page break cleanly.
    else text(d.skipped.map((s) => `${fmtWhen(s.date, lang)} — ${reasonText(s.reason, lang)}`).join('\n'));

    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9.5);
    text(w.closures);
    doc.font('Helvetica').fontSize(8.5);
    text(d.overlaysApplied.length === 0 ? w.noClosures : d.overlaysApplied.map((o) => o.citation).join('\n'));

    if (input.deadlineId !== null) {
      doc.moveDown(0.3);
      timelineSection(w.timelineOne, input.timeline.filter((e) => e.deadlineId === d.deadlineId));
    }
  }

  /** The child's record a best-interests determination needs, and each placement with its dates (as the case page shows them). */
  function recordSection(): void {
    const r = catalogue(lang).record;
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#1f3a5f');
    text(`${r.heading}${c.child.ageDisputed ? ` · ${r.ageDisputedFlag}` : ''}`);
    doc.fillColor('#000').moveDown(0.2);
    for (const row of childRecordRows(c, lang)) field(row.label, row.value);
    const placements = placementRows(c, lang);
    field(r.placements, placements.length === 0 ? r.noPlacements : placements.map((p) => `${p.place} · ${p.rest}`).join('; '));
  }

  function timelineSection(title: string, entries: TimelineEntryView[]): void {
    doc.font('Helvetica-Bold').fontSize(input.deadlineId === null ? 12 : 9.5).fillColor(input.deadlineId === null ? '#1f3a5f' : '#000');
    text(title);
    doc.fillColor('#000').font('Helvetica').fontSize(8.5);
    if (entries.length === 0) text(w.noTimeline);
    // Timeline entries carry the correction's words; what a correction replaced is struck through.
    const context = timelineContext(lang, input.nameOf);
    for (const r of caseTimeline(entries, c.deadlines)) {
      const e = r.entry;
      const row = timelineRowText(r, lang, context);
      // When it was recorded, beside when it happened, unless that was the same moment.
      const recorded = r.recordedApart ? ` (${w.recorded} ${fmtWhen(e.recordedAt, lang)})` : '';
      const about = r.deadline && input.deadlineId === null ? ` · ${ruleText(r.deadline.ruleId, lang, r.deadline.title).title}` : '';
      doc.font('Helvetica-Bold');
      pieces(row.when, row.voided);
      text(`${recorded} · ${eventLabel(e.type, lang)}${about}`, { continued: true, strike: false });
      doc.font('Helvetica');
      const said = row.what.some((p) => typeof p !== 'string' || p !== '');
      text(` · ${e.by === 'system' ? 'Plazo' : input.nameOf(e.by)}${said ? ' — ' : ''}`, { continued: true, strike: false });
      pieces(row.what, row.voided);
      text(row.mark ? ` · ${row.mark}` : ' ', { strike: false });
    }
  }

  /** Continued text; an old value reads "antes: " and is struck through (the text keeps both, the strike marks which is old). */
  function pieces(ps: Piece[], struck: boolean): void {
    for (const p of ps) {
      if (typeof p === 'string') text(p, { continued: true, strike: struck });
      else {
        text(`(${catalogue(lang).timelineEntry.before}: `, { continued: true, strike: false });
        text(p.was, { continued: true, strike: true });
        text(')', { continued: true, strike: false });
      }
    }
  }
}
