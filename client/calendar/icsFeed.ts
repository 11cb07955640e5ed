/**
 * A person's deadlines as an iCalendar feed (ical-generator). Each deadline is one event whose UID never
 * changes; SEQUENCE is the read model's counter, which grows whenever the due date or the status moves,
 * so calendar clients replace the old copy; a deadline met, extended, suspended or dropped is sent as
 * STATUS:CANCELLED. Summaries carry the case id and the rule, never the child's name: feeds end up in
 * third-party calendars.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { MX_ZONE } from '../../domain';
import { ruleText } from '../../domain/messages/ruleTexts';

export interface FeedDeadline {
  caseId: string;
  deadlineId: string;
  ruleId: string;
  title: string;
  status: string;
  unit: string;
  due: string;
  dueLatest: string;
  dueInstant: Date;
  citation: string;
  kind: string;
  sequence: number;
  updatedAt: Date;
}

export interface FeedOptions {
  ownerName: string;
  lang: 'es' | 'en';
  publicUrl: string;
}

const LIVE = new Set(['open', 'missed']);

export const eventUid = (caseId: string, deadlineId: string) => `${caseId}/${deadlineId}@plazo`;

export function renderIcsFeed(deadlines: FeedDeadline[], opts: FeedOptions): string {
  const es = opts.lang === 'es';
  const cal = ical({
    name: `Plazo · ${opts.ownerName}`,
    description: es ? 'Plazos legales de los casos asignados' : 'Legal deadlines of the assigned cases',
    prodId: { company: 'plazo', product: 'plazo', language: opts.lang.toUpperCase() },
    timezone: MX_ZONE,
    ttl: 15 * 60,
  });
  for (const d of deadlines) {
    const t = ruleText(d.ruleId, opts.lang, d.title);
    const missed = d.status === 'missed';
    const statusWord = missed ? (es ? 'VENCIDO · ' : 'OVERDUE · ') : '';
    const link = `${opts.publicUrl.replace(/\/$/, '')}/cases/${encodeURIComponent(d.caseId)}`;
    const lines = [
      `${es ? 'Caso' : 'Case'} ${d.caseId} · ${t.title}`,
      `${es ? 'Vence' : 'Due'}: ${d.due}${d.dueLatest !== d.due ? ` (${es ? 'lectura más tardía' : 'latest reading'}: ${d.dueLatest})` : ''}`,
      `${d.citation}${d.kind === 'program_target' ? (es ? ' · meta del programa' : ' · program target') : ''}`,
      `${es ? 'Estado' : 'Status'}: ${d.status}`,
      t.action,
      link,
    ];
    const hours = d.unit === 'hours';
    const dueAt = DateTime.fromJSDate(d.dueInstant, { zone: MX_ZONE });
    cal.createEvent({
      id: eventUid(d.caseId, d.deadlineId),
      sequence: d.sequence,
      stamp: d.updatedAt,
      lastModified: d.updatedAt,
      ...(hours
        ? { start: dueAt.minus({ minutes: 30 }).toJSDate(), end: dueAt.toJSDate() }
        : { start: DateTime.fromISO(d.due.slice(0, 10), { zone: MX_ZONE }), allDay: true }),
      summary: `${statusWord}${d.caseId} · ${t.title}`,
      description: lines.join('\n'),
      url: link,
      status: LIVE.has(d.status) ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    });
  }
  return cal.toString();
}
