/** The email to a case's people when a recount moved one of its deadlines: from what, to what, and which acuerdo. */
import { dayInWords, dueInWords } from './dateWords';
import { emailWords, ruleText, type Lang } from './catalogue';
import { citationText } from './computationText';

export interface MovedMessageInput {
  lang: Lang;
  zone?: string;
  caseId: string;
  link: string;
  recipientName: string;
  /** The deadline as it is now. */
  deadline: { ruleId: string; title: string; citation: string; due: string; dueLatest: string; dueInstant?: string; unit?: string };
  moved: { fromDue: string; fromDueLatest: string; added: string[]; removed: string[] };
}

export function renderMovedMessage(m: MovedMessageInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const title = ruleText(m.deadline.ruleId, m.lang, m.deadline.title).title;
  const hours = m.deadline.unit === 'hours';
  const day = (d: string) => (hours ? d : dayInWords(d, m.lang));
  const latest = (due: string, dueLatest: string) => (dueLatest !== due ? ` (${w.latest.toLowerCase()}: ${day(dueLatest)})` : '');
  const lines = [w.hello(m.recipientName), '', `${w.movedLead(title)} · ${w.case} ${m.caseId}`, ''];
  lines.push(`${w.movedFrom}: ${day(m.moved.fromDue)}${latest(m.moved.fromDue, m.moved.fromDueLatest)}`);
  lines.push(`${w.movedTo}: ${dueInWords(m.deadline, m.lang, m.zone)}${latest(m.deadline.due, m.deadline.dueLatest)}`);
  const why = [...m.moved.added, ...m.moved.removed.map(w.movedNoLonger)];
  lines.push(`${w.movedWhy}: ${why.length ? why.join('; ') : w.movedCalendar}`);
  lines.push(`${w.basis}: ${citationText(m.deadline.citation, m.lang)}`);
  lines.push('', `${w.whatToDo}: ${w.movedTodo}`, '', `${w.openCase}: ${m.link}`);
  return { subject: w.movedSubject(m.caseId, title), body: lines.join('\n') };
}
