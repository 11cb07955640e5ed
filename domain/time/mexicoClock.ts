/**
 * A zone's day and clock on its IANA zone, read straight from Intl — never a fixed offset: Mexico City
 * (America/Mexico_City) was UTC−6, and UTC−5 in the daylight-saving summers Mexico kept until Oct 2022;
 * an office in Tijuana keeps Pacific time with daylight saving. No luxon because the workflow runs this:
 * the case model reads days with it. Mexico City is the default zone, the one of the law's days.
 */
const MX_ZONE = 'America/Mexico_City';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function wallFormat(zone: string): Intl.DateTimeFormat {
  let f = FORMATS.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    FORMATS.set(zone, f);
  }
  return f;
}

/** Whether Intl knows an IANA zone ('America/Tijuana'); a made-up name is false. */
export function isKnownZone(zone: string): boolean {
  try {
    wallFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** A zone's wall clock at an instant, written as if it were UTC (epoch ms). */
function wallMs(ms: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of wallFormat(zone).formatToParts(ms)) p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (((ms % 1000) + 1000) % 1000);
}

/** The instant at which a zone's clock showed a wall time (written as UTC ms); the offset is read twice, across a change. */
function fromWallMs(wall: number, zone: string): number {
  const guess = wall - (wallMs(wall, zone) - wall);
  return wall - (wallMs(guess, zone) - guess);
}

/** The day (YYYY-MM-DD) an instant falls on in a zone (Mexico City by default). */
export function zoneDayOf(at: Date | number, zone: string = MX_ZONE): string {
  return new Date(wallMs(typeof at === 'number' ? at : at.getTime(), zone)).toISOString().slice(0, 10);
}

/** A zone's wall time ('2027-01-25', '18:00'; '24:00' is the end of that day) as epoch ms; NaN for a day that does not exist. */
export function zoneTimeMs(date: string, time: string, zone: string = MX_ZONE): number {
  if (time === '24:00') {
    const start = zoneTimeMs(date, '00:00', zone);
    return Number.isNaN(start) ? start : zoneTimeMs(new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), '00:00', zone);
  }
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  // Date.parse rolls 2026-02-30 over into March.
  return Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date ? Number.NaN : fromWallMs(wall, zone);
}

/** The Mexico City day (YYYY-MM-DD) an instant falls on. */
export function mexicoDayOf(at: Date | number): string {
  return zoneDayOf(at, MX_ZONE);
}

/** Today in Mexico City as of `now` (the one "today" of pages, emails, the CLI and the workflow's checks). */
export const todayInMexico = (now: Date | number): string => mexicoDayOf(now);

/** A Mexico City wall time ('2026-03-10', '09:00') as epoch ms; NaN for a day that does not exist (2026-02-30). */
export function mexicoTimeMs(date: string, time: string): number {
  return zoneTimeMs(date, time, MX_ZONE);
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
