/**
 * The email of one ladder step or escalation, in the recipient's language: what to do and by when (in
 * words, in the reader's zone), who holds the case, a link to it and a one-click "I'm on it" link.
 * No child's name: case id only.
 */
import type { DueClose } from '../case/state';
import { dayInWords, dueInWords, instantInWords } from './dateWords';
import { catalogue, emailWords, ruleText, type Lang } from './catalogue';
import { countText } from './computationText';
import { citationText, titleWithCitation } from './computationText';

export interface StepMessageInput {
  lang: Lang;
  caseId: string;
  link: string;
  kind: 'reminder' | 'alarm' | 'due' | 'overdue' | 'director' | 'escalation' | 'delivery_failed' | 'summary' | 'rule_pack_moved';
  deadline?: {
    ruleId: string;
    title: string;
    citation: string;
    due: string;
    dueLatest: string;
    /** With the unit, lets an hour-counted term be written at its hour in the reader's zone. */
    dueInstant?: string;
    unit?: string;
    reason?: string;
    /** Term, governing calendar, skipped days, closures used (issue 12): shown on the case page, not in the email. */
    explanation?: string;
    kind: 'law' | 'program_target';
  };
  /** "faltan 3 días hábiles" / "3 business days left", computed by the caller. */
  remaining?: string;
  reason?: string;
  /** An escalation of a breach (rule `breach`): the reason is the rule's, in the reader's words. */
  breach?: boolean;
  /** Who escalated, by name. */
  by?: string;
  /** kind 'summary': the open deadlines whose earlier notices were not sent (due before the case was in Plazo). */
  summary?: { ruleId: string; title: string; citation: string; due: string; missed: boolean }[];
  /** The reader: greeted by name, dates written in their zone (IANA; Mexico City when absent). */
  recipient?: { name: string; zone?: string };
  /** Who holds the case, by name. */
  people?: { caseworker?: string; supervisor?: string; lawyer?: string };
  /** The one-click "I'm on it" link for this reader and this series, and when it stops working (ISO). */
  ack?: { link: string; expiresAt: string };
  /** A manual escalation without a deadline: the case's live deadlines, so the body says what is at stake. */
  liveDeadlines?: { ruleId: string; title: string; citation: string; due: string; dueInstant?: string; unit?: string; filing?: DueClose | null; missed: boolean }[];
}

export function renderStepMessage(m: StepMessageInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const lines: string[] = [];
  if (m.recipient) lines.push(w.hello(m.recipient.name), '');
  lines.push(...stepLines(m));
  if (m.summary) {
    lines.push(w.summaryLead);
    for (const d of m.summary) {
      lines.push(`- ${titleWithCitation(d, m.lang)}: ${w.due.toLowerCase()} ${dayInWords(d.due, m.lang)}${d.missed ? ` — ${w.overdue}` : ''}`);
    }
  }
  lines.push(...reasonLines(m));
  if (m.liveDeadlines && !m.deadline) {
    lines.push('', m.liveDeadlines.length ? `${w.liveDeadlines}:` : w.noLiveDeadlines);
    for (const d of m.liveDeadlines) {
      lines.push(`- ${titleWithCitation(d, m.lang)}: ${dueInWords(d, m.lang, m.recipient?.zone)}${d.missed ? ` — ${w.overdue}` : ''}`);
    }
  }
  lines.push(...closingLines(m));
  lines.push(...ackLines(m));
  return { subject: stepSubject(m), body: lines.join('\n') };
}

/** "[Plazo] ALERTA · Caso C-1 · <title>". */
export function stepSubject(m: StepMessageInput): string {
  const w = emailWords(m.lang);
  const title = m.deadline ? ` · ${ruleText(m.deadline.ruleId, m.lang, m.deadline.title).title}` : '';
  return `[Plazo] ${w.head[m.kind]} · ${w.case} ${m.caseId}${title}`;
}

/** The step's heading and, for a deadline, what to do, by when, the time left and the legal basis. */
export function stepLines(m: StepMessageInput): string[] {
  const w = emailWords(m.lang);
  const zone = m.recipient?.zone;
  const lines: string[] = [];
  if (m.deadline) {
    const t = ruleText(m.deadline.ruleId, m.lang, m.deadline.title);
    lines.push(`${w.head[m.kind]} · ${w.case} ${m.caseId} · ${t.title}`, '');
    if (t.action) lines.push(`${w.whatToDo}: ${t.action}`);
    lines.push(`${w.byWhen}: ${dueInWords(m.deadline, m.lang, zone)}`);
    if (m.deadline.dueLatest !== m.deadline.due) lines.push(`${w.latest}: ${m.deadline.unit === 'hours' ? instantInWords(m.deadline.dueLatest, m.lang, zone) : dayInWords(m.deadline.dueLatest, m.lang)}`);
    if (m.remaining) lines.push(`${w.timeLeft}: ${m.remaining}`);
    lines.push(`${w.basis}: ${citationText(m.deadline.citation, m.lang)} (${m.deadline.kind === 'program_target' ? w.programTarget : w.law})`);
    // The full computation (skipped days, closures, ISO instants) is on the case page and its constancia:
    // the email keeps to what to do and by when.
    lines.push(`${w.howComputed}: ${w.onCasePage}`);
  } else if (m.kind === 'escalation') {
    lines.push(`${w.head.escalation} · ${w.case} ${m.caseId}`, '', w.escalationNoDeadline, `${w.whatToDo}: ${w.escalationTodo}`);
  }
  return lines;
}

/** Why (a breach's reason in the reader's words, or the one given) and who escalated. */
export function reasonLines(m: StepMessageInput): string[] {
  const w = emailWords(m.lang);
  const lines: string[] = [];
  if (m.breach) lines.push('', `${w.reason}: ${(m.deadline && w.breach[m.deadline.ruleId]) ?? w.breachOther}`);
  else if (m.reason) lines.push('', `${w.reason}: ${m.reason}`);
  if (m.by) lines.push(`${w.escalatedBy}: ${m.by}`);
  return lines;
}

/** Who holds the case and the link to it. */
export function closingLines(m: Pick<StepMessageInput, 'lang' | 'people' | 'link'>): string[] {
  const w = emailWords(m.lang);
  const lines: string[] = [];
  const people = m.people;
  if (people && (people.caseworker || people.supervisor || people.lawyer)) {
    const who = (['caseworker', 'supervisor', 'lawyer'] as const).filter((r) => people[r]).map((r) => `${w[r]}: ${people[r]}`);
    lines.push('', `${w.people}: ${who.join(' · ')}`);
  }
  lines.push('', `${w.openCase}: ${m.link}`);
  return lines;
}

/** The one-click "I'm on it" link of this step for this reader, or where else to say it. */
export function ackLines(m: StepMessageInput): string[] {
  const w = emailWords(m.lang);
  if (m.ack) return ['', `${w.ackLead}:`, m.ack.link, `${w.ackValidUntil} ${instantInWords(m.ack.expiresAt, m.lang, m.recipient?.zone)}.`];
  if (m.kind !== 'delivery_failed' && m.kind !== 'summary' && m.kind !== 'escalation') return ['', w.ackOnCasePage];
  return [];
}

/** Beyond this many hours, hours read in whole days ("venció hace 137 días", not "3288 horas"). */
const HOURS_IN_WORDS = 72;

/**
 * "faltan 3 días hábiles" / "vence hoy" / "venció hace 1 día hábil": the count's plural form from countText.
 * Hours beyond 72 read in whole days, rounded down.
 */
export function remainingText(lang: Lang, value: number, unit: 'business_days' | 'hours' | 'minutes' | 'days' = 'business_days'): string {
  const w = catalogue(lang).remaining;
  if (value === 0) return unit === 'hours' ? w.withinHour : w.today;
  const inDays = unit === 'hours' && Math.abs(value) > HOURS_IN_WORDS;
  const n = inDays ? Math.floor(Math.abs(value) / 24) : Math.abs(value);
  const count = countText(n, inDays ? 'days' : unit, lang);
  return value > 0 ? w.left(n, count) : w.overdueBy(count);
}
