/**
 * One email to one person for the steps of a case that fell due at the same instant (at 09:00 a detained
 * child's case has the detention notice's alarm and the amparo's): each step as its own email would say it,
 * with its own one-click link, the most pressing first; who holds the case and its link once.
 */
import { mexicoTimeMs } from '../time/mexicoClock';
import { emailWords, ruleText } from './catalogue';
import { MESSAGE_SUBJECT_MAX } from './messageBounds';
import { ackLines, closingLines, reasonLines, renderStepMessage, stepLines, type StepMessageInput } from './stepMessage';


/** Earliest due first; steps without a deadline (a general escalation) after those with one. Stable. */
export function mostPressingFirst<T extends Pick<StepMessageInput, 'deadline'>>(ms: T[]): T[] {
  // A state without an instant (an old one) is due by the end of its day in Mexico City.
  const at = (m: T) => (m.deadline ? (m.deadline.dueInstant ? Date.parse(m.deadline.dueInstant) : mexicoTimeMs(m.deadline.due, '23:59')) : Infinity);
  return ms.map((m, i) => ({ m, i })).sort((a, b) => at(a.m) - at(b.m) || a.i - b.i).map((x) => x.m);
}

/**
 * The steps (to one reader, in their language and zone) in one message. One step is renderStepMessage's
 * email, word for word. Steps of one case: who holds it and its link once, at the end. Steps of several
 * cases (the dispatcher's, workflows/stepDispatcher.ts): each step with its case's people and link.
 */
export function renderStepsMessage(steps: StepMessageInput[]): { subject: string; body: string } {
  if (steps.length === 0) throw new Error('renderStepsMessage: no step');
  if (steps.length === 1) return renderStepMessage(steps[0]!);
  const ordered = mostPressingFirst(steps);
  const first = ordered[0]!;
  const w = emailWords(first.lang);
  const cases = new Set(ordered.map((m) => m.caseId)).size;
  const lines: string[] = [];
  if (first.recipient) lines.push(w.hello(first.recipient.name), '');
  lines.push(cases > 1 ? w.togetherLeadCases(ordered.length, cases) : w.togetherLead(ordered.length), '');
  ordered.forEach((m, i) => {
    const [heading, ...rest] = stepLines(m);
    lines.push(`${i + 1}. ${heading ?? ''}`, ...rest, ...reasonLines(m), ...ackLines(m), ...(cases > 1 ? closingLines(m) : []), '');
  });
  if (cases === 1) lines.push(...closingLines(first).slice(1));
  return { subject: togetherSubject(ordered, cases), body: lines.join('\n').trimEnd() };
}

/**
 * "[Plazo] ALERTA · Caso C-1 · Aviso de detención + Amparo" (or "· 12 casos ·" for several): each kind and
 * title once, cut to the schema's bound.
 */
function togetherSubject(ordered: StepMessageInput[], cases: number): string {
  const first = ordered[0]!;
  const w = emailWords(first.lang);
  const heads = [...new Set(ordered.map((m) => w.head[m.kind]))].join(' + ');
  const titles = [...new Set(ordered.flatMap((m) => (m.deadline ? [ruleText(m.deadline.ruleId, m.lang, m.deadline.title).title] : [])))].join(' + ');
  const which = cases > 1 ? w.casesCount(cases) : `${w.case} ${first.caseId}`;
  const subject = `[Plazo] ${heads} · ${which}${titles ? ` · ${titles}` : ''}`;
  return subject.length <= MESSAGE_SUBJECT_MAX ? subject : `${subject.slice(0, MESSAGE_SUBJECT_MAX - 1)}…`;
}
