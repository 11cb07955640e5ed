/**
 * A person's deadlines as an iCalendar feed (ical-generator, RFC 5545).
 * - Hour-counted terms (a detention's 36 hours) are instants written in UTC (`…Z`): every client shows
 *   them at the right local time. No calendar-wide timezone is set on purpose: with one, ical-generator
 *   writes native Dates as floating local times of the server's zone (the "six hours off" bug).
 * - Day-counted terms are all-day events on the due date (Mexico City's calendar day).
 * - UID never changes; SEQUENCE is the read model's counter, which grows on every change the event shows
 *   (activities/readModel.ts); DTSTAMP and LAST-MODIFIED are when the read model last changed the row.
 * - Live deadlines carry two VALARMs from the reminder ladder (feedAlarms), not one per step: a detention's
 *   4-hourly overdue steps made ~45 alarms ringing through the night; those repeats stay in the email.
 * - Met deadlines stay, marked as met; extended, suspended and dropped ones are STATUS:CANCELLED.
 * Summaries carry the case id and the rule, never the child's name: feeds end up in third-party calendars.
 * All text goes through the library's escaping and folding; control characters are dropped first.
 */
import { citationText } from '../../domain/messages/computationText';
import ical, { escape, ICalAlarmType, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { MX_ZONE } from '../../domain';
import { catalogue, ruleText, statusLabel, type Lang } from '../../domain/messages/catalogue';
import { closingInWords, zoneWords } from '../../domain/messages/dateWords';
import { isLive } from '../../domain/case/upcoming';
import type { FeedDeadline } from '../../app/calendar/feedDeadlines';
import type { LadderStep } from '../../domain/ladder/ladder';

export type { FeedDeadline };

export interface FeedOptions {
  ownerName: string;
  lang: Lang;
  /** The owner's zone: the text says an hour-counted limit's time on their clock (the event itself is UTC). */
  zone?: string;
  publicUrl: string;
}

const CANCELLED = new Set(['extended', 'suspended', 'cancelled']);

export const eventUid = (caseId: string, deadlineId: string) => `${caseId}/${deadlineId}@plazo`;

/** RFC 5545 TEXT may not hold control characters; CR/LF become spaces here (the library escapes the rest). */
export const feedText = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

/**
 * The ladder steps a person's calendar rings for: the first and the last of their steps up to the limit
 * (the first warning, and the limit itself); one whose steps all come after the limit (a director) gets
 * its first.
 */
export function feedAlarms(d: Pick<FeedDeadline, 'steps' | 'roles' | 'dueInstant'>): LadderStep[] {
  const mine = (d.steps ?? []).filter((s) => s.recipients.some((r) => d.roles.includes(r))).sort((a, b) => a.at - b.at);
  const upToLimit = mine.filter((s) => s.at <= d.dueInstant.getTime());
  const picked = upToLimit.length ? [upToLimit[0]!, upToLimit[upToLimit.length - 1]!] : mine.slice(0, 1);
  return [...new Set(picked)];
}

export function renderIcsFeed(deadlines: FeedDeadline[], opts: FeedOptions): string {
  const cw = catalogue(opts.lang);
  const w = cw.page;
  const cal = ical({
    // NAME and X-WR-CALNAME/CALDESC are written by ical-generator without TEXT escaping: escape them here.
    name: escape(feedText(`Plazo · ${opts.ownerName}`), false),
    description: escape(cw.feed.description, false),
    prodId: { company: 'plazo', product: 'plazo', language: opts.lang.toUpperCase() },
    ttl: 15 * 60,
  });
  for (const d of deadlines) {
    const t = ruleText(d.ruleId, opts.lang, d.title);
    const link = `${opts.publicUrl.replace(/\/$/, '')}/cases/${encodeURIComponent(d.caseId)}`;
    const hours = d.unit === 'hours';
    const status = statusLabel(d.status, opts.lang) + (d.late ? ` (${w.late})` : '');
    const mark = d.status === 'open' ? '' : `${status.toUpperCase()} · `;
    const dueText = hours
      ? `${DateTime.fromJSDate(d.dueInstant, { zone: opts.zone ?? MX_ZONE }).toFormat('yyyy-LL-dd HH:mm')} ${zoneWords(opts.zone ?? MX_ZONE, opts.lang)}`
      : `${d.due}${d.filing ? `, ${closingInWords({ due: d.due, dueInstant: d.dueInstant.toISOString(), filing: d.filing }, opts.lang)}` : ''}`;
    const lines = [
      `${w.case} ${d.caseId} · ${t.title}`,
      `${w.due}: ${dueText}${d.dueLatest !== d.due ? ` (${cw.feed.latest}: ${d.dueLatest})` : ''}`,
      `${citationText(d.citation, opts.lang)}${d.kind === 'program_target' ? ` · ${w.programTarget}` : ''}`,
      `${w.status}: ${status}`,
      t.action,
      link,
    ];
    const event = cal.createEvent({
      id: eventUid(d.caseId, d.deadlineId),
      sequence: d.sequence,
      stamp: d.updatedAt,
      lastModified: d.updatedAt,
      ...(hours
        ? { start: d.dueInstant }
        : { start: DateTime.fromISO(d.due.slice(0, 10), { zone: MX_ZONE }), allDay: true }),
      summary: feedText(`${mark}${d.caseId} · ${t.title}`),
      description: lines.map(feedText).join('\n'),
      url: link,
      status: CANCELLED.has(d.status) ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A deadline does not make anyone busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      x: [{ key: 'X-PLAZO-STATUS', value: d.status }],
    });
    if (!isLive(d)) continue;
    for (const step of feedAlarms(d)) {
      const word = cw.feed.series[step.series];
      event.createAlarm({ type: ICalAlarmType.display, trigger: new Date(step.at), description: feedText(`${word}: ${d.caseId} · ${t.title}`) });
    }
  }
  return cal.toString();
}
