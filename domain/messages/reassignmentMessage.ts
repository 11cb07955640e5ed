/** The email to a case's new holder and to the previous one: who changed it, why, and what is at stake. */
import type { DueClose } from '../case/state';
import { dueInWords } from './dateWords';
import { emailWords, type Lang } from './catalogue';
import { titleWithCitation } from './computationText';

export interface ReassignmentMessageInput {
  lang: Lang;
  zone?: string;
  caseId: string;
  link: string;
  /** 'to': the new holder; 'from': the person who held it. */
  side: 'to' | 'from';
  recipientName: string;
  newHolderName: string;
  byName: string;
  reason?: string;
  liveDeadlines: { ruleId: string; title: string; citation: string; due: string; dueInstant?: string; unit?: string; filing?: DueClose | null; missed: boolean }[];
}

export function renderReassignmentMessage(m: ReassignmentMessageInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const lines = [w.hello(m.recipientName), ''];
  lines.push(m.side === 'to' ? w.reassignedToYou(m.caseId, m.byName) : w.reassignedFromYou(m.caseId, m.newHolderName, m.byName));
  if (m.reason) lines.push(`${w.reason}: ${m.reason}`);
  lines.push('', `${w.whatToDo}: ${m.side === 'to' ? w.reassignedTodo : w.reassignedHandOver}`);
  lines.push('', m.liveDeadlines.length ? `${w.liveDeadlines}:` : w.noLiveDeadlines);
  for (const d of m.liveDeadlines) {
    lines.push(`- ${titleWithCitation(d, m.lang)}: ${dueInWords(d, m.lang, m.zone)}${d.missed ? ` — ${w.overdue}` : ''}`);
  }
  lines.push('', `${w.openCase}: ${m.link}`);
  return { subject: w.reassignedSubject(m.caseId), body: lines.join('\n') };
}
