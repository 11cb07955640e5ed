/**
 * Mexico City's day and clock on the IANA zone (America/Mexico_City): UTC−6, and UTC−5 in the
 * daylight-saving summers Mexico kept until Oct 2022 — never a fixed offset. Read straight from Intl
 * (no luxon) because the workflow runs this: the case model reads days with it.
 */
const MX_ZONE = 'America/Mexico_City';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WALL = new Intl.DateTimeFormat('en-US', { timeZone: MX_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Mexico City's wall clock at an instant, written as if it were UTC (epoch ms). */
function wallMs(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of WALL.formatToParts(ms)) p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (((ms % 1000) + 1000) % 1000);
}

/** The instant at which Mexico City's clock showed a wall time (written as UTC ms); the offset is read twice, across a change. */
function fromWallMs(wall: number): number {
  const guess = wall - (wallMs(wall) - wall);
  return wall - (wallMs(guess) - guess);
}

/** The Mexico City day (YYYY-MM-DD) an instant falls on. */
export function mexicoDayOf(at: Date | number): string {
  return new Date(wallMs(typeof at === 'number' ? at : at.getTime())).toISOString().slice(0, 10);
}

/** Today in Mexico City as of `now` (the one "today" of pages, emails, the CLI and the workflow's checks). */
export const todayInMexico = (now: Date | number): string => mexicoDayOf(now);

/** A Mexico City wall time ('2026-03-10', '09:00') as epoch ms; NaN for a day that does not exist (2026-02-30). */
export function mexicoTimeMs(date: string, time: string): number {
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  // Date.parse rolls 2026-02-30 over into March.
  return Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date ? Number.NaN : fromWallMs(wall);
}

/** Epoch ms of a date (the start of that day in Mexico City) or of an ISO instant; NaN when it is neither. */
export function whenToMs(when: string): number {
  return DATE_ONLY.test(when) ? mexicoTimeMs(when, '00:00') : Date.parse(when);
}

/** Epoch ms of the start of the Mexico City day a date or an instant falls on. */
export function mexicoDayStartMs(when: string): number {
  const ms = whenToMs(when);
  return Number.isNaN(ms) ? Number.NaN : mexicoTimeMs(mexicoDayOf(ms), '00:00');
}
