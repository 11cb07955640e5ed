/**
 * Dates as a person reads them: "lunes 30 de noviembre de 2026, 14:36 (hora de la Ciudad de México)" /
 * "Monday, November 30, 2026, 2:36 PM (Mexico City time)". luxon's Intl-backed month and weekday names,
 * so no table of names is written here; the zone's name comes from the email catalogue for the zones
 * Plazo's offices use, and from Intl's generic zone name for any other.
 */
import { DateTime } from 'luxon';
import { MX_ZONE } from '../time/instant';
import { type Lang, emailWords } from './catalogue';

const DAY_FORMAT: Record<Lang, string> = { es: "cccc d 'de' LLLL 'de' yyyy", en: 'cccc, LLLL d, yyyy' };
const TIME_FORMAT: Record<Lang, string> = { es: 'HH:mm', en: 'h:mm a' };

/** The zone's name in the reader's language: "hora de la Ciudad de México" / "Mexico City time". */
export function zoneWords(zone: string, lang: Lang): string {
  const known = emailWords(lang).zones[zone];
  if (known) return known;
  const part = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date(0)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** A day (YYYY-MM-DD, a day of the law in Mexico City) in words: "lunes 30 de noviembre de 2026". */
export function dayInWords(day: string, lang: Lang): string {
  const d = DateTime.fromISO(day, { zone: MX_ZONE, locale: lang });
  return d.isValid ? d.toFormat(DAY_FORMAT[lang]) : day;
}

/** An instant in words in the reader's zone, with the zone named. */
export function instantInWords(instant: string | number, lang: Lang, zone: string = MX_ZONE): string {
  const base = typeof instant === 'number' ? DateTime.fromMillis(instant) : DateTime.fromISO(instant, { setZone: true });
  if (!base.isValid) return String(instant);
  const d = base.setZone(zone).setLocale(lang);
  return `${d.toFormat(DAY_FORMAT[lang])}, ${d.toFormat(TIME_FORMAT[lang])} (${zoneWords(zone, lang)})`;
}

/**
 * By when a deadline must be met, in words: an hour-counted term at its instant in the reader's zone; a
 * day-counted term on its day, which ends at midnight in Mexico City whatever the reader's zone.
 */
export function dueInWords(d: { due: string; dueInstant?: string; unit?: string }, lang: Lang, zone: string = MX_ZONE): string {
  if (d.unit === 'hours' && d.dueInstant) return instantInWords(d.dueInstant, lang, zone);
  return `${dayInWords(d.due, lang)} (${emailWords(lang).endOfDayIn} ${zoneWords(MX_ZONE, lang)})`;
}
