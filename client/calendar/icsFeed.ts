/**
 * A person's deadlines as an iCalendar feed (RFC 5545; ical-generator's escaping, date format and folding).
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
import { escape, foldLines, formatDate } from 'ical-generator';
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

/** A property line: `NAME:value` with the value TEXT-escaped (RFC 5545 3.3.11). */
const textLine = (name: string, value: string) => `${name}:${escape(feedText(value), false)}`;
/** UTC date-time as RFC 5545 writes it (`20260312T161500Z`), seconds kept, milliseconds dropped. */
const utc = (d: Date) => formatDate(null, d);

/**
 * The feed's text, written line by line with ical-generator's escaping, dates and folding (75 octets):
 * its object model (an event object, its validation, luxon per date) cost ~0.15 ms and a few kB of garbage
 * per deadline, 1 s for a supervisor's 6,600 (issue 28). The output is what ical-generator wrote.
 */
export function renderIcsFeed(deadlines: FeedDeadline[], opts: FeedOptions): string {
  const cw = catalogue(opts.lang);
  const w = cw.page;
  const zone = opts.zone ?? MX_ZONE;
  const zoneText = zoneWords(zone, opts.lang);
  const base = opts.publicUrl.replace(/\/$/, '');
  // The few rules, statuses and citations of a feed, worded once each.
  const rules = memo((key: string) => ruleText(key.slice(key.indexOf('\u0000') + 1), opts.lang, key.slice(0, key.indexOf('\u0000'))));
  const statuses = memo((status: string) => statusLabel(status, opts.lang));
  const citations = memo((citation: string) => citationText(citation, opts.lang));
  const name = escape(feedText(`Plazo · ${opts.ownerName}`), false);
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//plazo//plazo//${opts.lang.toUpperCase()}`,
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    `X-WR-CALDESC:${escape(cw.feed.description, false)}`,
    // Calendar apps poll this often (and send If-None-Match: client/calendar/calendarRoutes.ts).
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    'X-PUBLISHED-TTL:PT15M',
  ];
  const parts = [foldLines(head.join('\r\n'))];
  for (const d of deadlines) {
    const t = rules(`${d.title}\u0000${d.ruleId}`);
    const link = `${base}/cases/${encodeURIComponent(d.caseId)}`;
    const hours = d.unit === 'hours';
    const status = statuses(d.status) + (d.late ? ` (${w.late})` : '');
    const mark = d.status === 'open' ? '' : `${status.toUpperCase()} · `;
    const dueText = hours
      ? `${DateTime.fromJSDate(d.dueInstant, { zone }).toFormat('yyyy-LL-dd HH:mm')} ${zoneText}`
      : `${d.due}${d.filing ? `, ${closingInWords({ due: d.due, dueInstant: d.dueInstant.toISOString(), filing: d.filing }, opts.lang)}` : ''}`;
    const description = [
      `${w.case} ${d.caseId} · ${t.title}`,
      `${w.due}: ${dueText}${d.dueLatest !== d.due ? ` (${cw.feed.latest}: ${d.dueLatest})` : ''}`,
      `${citations(d.citation)}${d.kind === 'program_target' ? ` · ${w.programTarget}` : ''}`,
      `${w.status}: ${status}`,
      t.action,
      link,
    ];
    const lines = [
      'BEGIN:VEVENT',
      `UID:${eventUid(d.caseId, d.deadlineId)}`,
      `SEQUENCE:${d.sequence}`,
      `DTSTAMP:${utc(d.updatedAt)}`,
      // Day-counted terms: an all-day event on the due date, Mexico City's calendar day (`due` is that day).
      ...(hours ? [`DTSTART:${utc(d.dueInstant)}`] : [`DTSTART;VALUE=DATE:${d.due.slice(0, 10).replaceAll('-', '')}`, 'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE', 'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE']),
      textLine('SUMMARY', `${mark}${d.caseId} · ${t.title}`),
      // A deadline does not make anyone busy.
      'TRANSP:TRANSPARENT',
      `DESCRIPTION:${description.map((l) => escape(feedText(l), false)).join('\\n')}`,
    ];
    if (isLive(d)) {
      for (const step of feedAlarms(d)) {
        const word = cw.feed.series[step.series];
        lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER;VALUE=DATE-TIME:${utc(new Date(step.at))}`, textLine('DESCRIPTION', `${word}: ${d.caseId} · ${t.title}`), 'END:VALARM');
      }
    }
    lines.push(
      `URL;VALUE=URI:${escape(link, false)}`,
      `STATUS:${CANCELLED.has(d.status) ? 'CANCELLED' : 'CONFIRMED'}`,
      `X-PLAZO-STATUS:${escape(d.status, false)}`,
      `LAST-MODIFIED:${utc(d.updatedAt)}`,
      'END:VEVENT',
    );
    parts.push(foldLines(lines.join('\r\n')));
  }
  parts.push('END:VCALENDAR');
  return parts.join('\r\n');
}

function memo<T>(f: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) seen.set(key, (v = f(key)));
    return v;
  };
}
