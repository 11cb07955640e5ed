/** The daily 09:00 digest: the person's live deadlines, most dangerous first, each with what and by when. */
import type { DueClose } from '../case/state';
import { dayInWords, dueInWords } from './dateWords';
import { emailWords, ruleText, type Lang } from './catalogue';
import { titleWithCitation } from './computationText';

export interface DigestInput {
  lang: Lang;
  zone?: string;
  /** The day it is for (YYYY-MM-DD, Mexico City). */
  day: string;
  name: string;
  publicUrl: string;
  /** Already in danger order: earliest due instant first, so what is overdue leads. */
  deadlines: { caseId: string; ruleId: string; title: string; citation: string; due: string; dueInstant: string; unit: string; filing?: DueClose | null; missed: boolean; remaining?: string }[];
}

export function renderDigest(m: DigestInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const lines = [w.hello(m.name), '', m.deadlines.length ? w.digestLead(m.deadlines.length) : w.digestNone];
  for (const d of m.deadlines) {
    const t = ruleText(d.ruleId, m.lang, d.title);
    lines.push(
      '',
      `${d.missed ? `${w.overdue} · ` : ''}${w.case} ${d.caseId} · ${titleWithCitation(d, m.lang)}`,
      `  ${w.byWhen}: ${dueInWords(d, m.lang, m.zone)}${d.remaining ? ` · ${d.remaining}` : ''}`,
      ...(t.action ? [`  ${w.whatToDo}: ${t.action}`] : []),
      `  ${w.openCase}: ${m.publicUrl}/cases/${encodeURIComponent(d.caseId)}`,
    );
  }
  lines.push('', `${w.digestWhy} ${m.publicUrl}/preferences`);
  return { subject: w.digestSubject(dayInWords(m.day, m.lang)), body: lines.join('\n') };
}
