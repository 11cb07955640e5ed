/**
 * The one summary an import sends each person (issue 27 item 2): their imported cases, and on each what
 * is still open and when it is due. Reminders due before the cases were in Plazo were not sent; this
 * message stands for all of them, instead of one summary per case.
 */
import type { DueClose } from '../case/state';
import { dueInWords } from './dateWords';
import { emailWords, type Lang } from './catalogue';
import { titleWithCitation } from './computationText';

export interface ImportSummaryInput {
  lang: Lang;
  zone?: string;
  name: string;
  publicUrl: string;
  /** The person's imported cases, each with its live deadlines (earliest due first). */
  cases: { caseId: string; fileNumber: string | null; childName: string; deadlines: { ruleId: string; title: string; citation: string; due: string; dueInstant: string; unit: string; filing?: DueClose | null; missed: boolean }[] }[];
}

export function renderImportSummary(m: ImportSummaryInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const lines = [w.hello(m.name), '', w.importSummaryLead];
  for (const c of m.cases) {
    lines.push('', `${w.case} ${c.caseId}${c.fileNumber ? ` (${c.fileNumber})` : ''} · ${c.childName}`);
    if (c.deadlines.length === 0) lines.push(`  ${w.importSummaryNothingOpen}`);
    for (const d of c.deadlines) lines.push(`  ${d.missed ? `${w.overdue} · ` : ''}${titleWithCitation(d, m.lang)}: ${w.byWhen} ${dueInWords(d, m.lang, m.zone)}`);
    lines.push(`  ${w.openCase}: ${m.publicUrl}/cases/${encodeURIComponent(c.caseId)}`);
  }
  return { subject: w.importSummarySubject(m.cases.length), body: lines.join('\n') };
}
