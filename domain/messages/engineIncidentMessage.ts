/** The alarm when a case's workflow stops (or is reset) while the case is open: to the admins and the case's supervisor. */
import { STOPPED_KINDS, type EngineIncidentKind } from '../engine/caseEngineCheck';
import { instantInWords } from './dateWords';
import { emailWords, type Lang } from './catalogue';

export interface EngineIncidentMessageInput {
  lang: Lang;
  zone?: string;
  caseId: string;
  workflowId: string;
  kind: EngineIncidentKind;
  /** ISO instant the workflow stopped (or was reset). */
  since: string;
  recipientName: string;
  /** Admins are told how to set it running again; the supervisor to tell them and keep the deadlines by hand. */
  admin: boolean;
  link: string;
}

export function renderEngineIncidentMessage(m: EngineIncidentMessageInput): { subject: string; body: string } {
  const w = emailWords(m.lang);
  const stopped = STOPPED_KINDS.includes(m.kind);
  const since = instantInWords(m.since, m.lang, m.zone);
  const todo = !stopped ? w.engineTodoReset : m.admin ? w.engineTodoAdmin(m.workflowId) : w.engineTodoSupervisor;
  const lines = [
    w.hello(m.recipientName),
    '',
    `${w.case} ${m.caseId}: ${stopped ? w.engineStopped(since) : w.engineReset(since)}`,
    `${w.engineCause}: ${(w.engineKinds as Record<string, string>)[m.kind] ?? m.kind}`,
    '',
    `${w.whatToDo}: ${todo}`,
    '',
    `${w.openCase}: ${m.link}`,
  ];
  return { subject: w.engineSubject(m.caseId, stopped), body: lines.join('\n') };
}
