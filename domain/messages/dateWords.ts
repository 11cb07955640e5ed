/**
 * Dates as a person reads them: "lunes 30 de noviembre de 2026, 14:36 (hora de la Ciudad de México)" /
 * "Monday, November 30, 2026, 2:36 PM (Mexico City time)". luxon's Intl-backed month and weekday names,
 * so no table of names is written here; the zone's name comes from the email catalogue for the zones
 * Plazo's offices use, and from Intl's generic zone name for any other. `fmtWhen` is the short form the
 * pages, the PDF and the command line show.
 */
import { DateTime } from 'luxon';
import { MX_ZONE, todayInMexico } from '../time/instant';
import type { DueClose } from '../case/state';
import { catalogue, statusLabel, type Lang, emailWords } from './catalogue';

export { todayInMexico };

const DAY_FORMAT: Record<Lang, string> = { es: "cccc d 'de' LLLL 'de' yyyy", en: 'cccc, LLLL d, yyyy' };
const TIME_FORMAT: Record<Lang, string> = { es: 'HH:mm', en: 'h:mm a' };

/** The zone's name in the reader's language: "hora de la Ciudad de México" / "Mexico City time". */
export function zoneWords(zone: string, lang: Lang): string {
  return emailWords(lang).zones[zone] ?? genericZoneName(zone, lang);
}

/** Intl's generic name of a zone at an instant (Cancún was Central time until 2015): "Pacific Time" / "hora del Pacífico" for America/Tijuana. */
export function genericZoneName(zone: string, lang: Lang, at: Date | number = 0): string {
  const part = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
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
 * day-counted term on its day, until the hour it closes in the zone it closes in whatever the reader's
 * (the office's: 18:00 where the filing must be in office hours, in Tijuana's zone for a Tijuana office;
 * 24:00 for an amparo; 23:59 otherwise in Mexico City), and why.
 */
export function dueInWords(d: { due: string; dueInstant?: string; unit?: string; filing?: DueClose | null }, lang: Lang, zone: string = MX_ZONE): string {
  if (d.unit === 'hours' && d.dueInstant) return instantInWords(d.dueInstant, lang, zone);
  return `${dayInWords(d.due, lang)} (${closingInWords(d, lang)})`;
}

/** "hasta las 18:00, hora de Tijuana, horario de la oficina, LFPA art. 30": the hour, its zone and why (the why only where the rule says). */
export function closingInWords(d: { due: string; dueInstant?: string; filing?: DueClose | null }, lang: Lang, seconds = false): string {
  const why = d.filing ? `, ${emailWords(lang).closesBecause[d.filing.filing]}` : '';
  return `${emailWords(lang).endOfDayIn(closingTime(d, lang, seconds))} ${zoneWords(closingZone(d), lang)}${why}`;
}

/** The zone a day-counted term's last day closes in: the office's for office-hours filings, else Mexico City. */
export const closingZone = (d: { filing?: DueClose | null }): string => d.filing?.zone ?? MX_ZONE;

/**
 * When a day-counted term's last day closes, on its zone's clock: its due instant's hour ('23:59', '18:00';
 * '11:59 PM' in English), '24:00' for filings until midnight, or with seconds for the constancia
 * ('23:59:59'). Without an instant, the end of the day.
 */
export function closingTime(d: { due: string; dueInstant?: string; filing?: DueClose | null }, lang: Lang, seconds = false): string {
  if (d.filing?.filing === 'until-midnight') return seconds ? '24:00:00' : '24:00';
  const zone = closingZone(d);
  const at = d.dueInstant ? DateTime.fromISO(d.dueInstant, { zone }) : DateTime.fromISO(d.due, { zone }).endOf('day');
  return at.setLocale(lang).toFormat(seconds ? 'HH:mm:ss' : TIME_FORMAT[lang]);
}

/** The short forms: a page's ('lun 26 oct 2026', 'lun 26 oct 2026, 14:36') and the command line's, with the zone named. */
const SHORT = {
  page: { day: 'ccc d LLL yyyy', instant: 'ccc d LLL yyyy, HH:mm', zone: false },
  cli: { day: 'ccc yyyy-LL-dd', instant: 'ccc yyyy-LL-dd HH:mm', zone: true },
} as const;
const SHORT_LOCALE: Record<Lang, string> = { es: 'es-MX', en: 'en-US' };

/**
 * A day (YYYY-MM-DD) or an instant, short: 'lun 26 oct 2026' / 'lun 26 oct 2026, 14:36' on a page;
 * 'lun 2026-10-26' / 'lun 2026-11-30 18:19 (Ciudad de México)' on the command line. A day is a Mexico City
 * day of the law; an instant is on the reader's clock (`zone`, Mexico City unless they chose another),
 * named when it is not Mexico City's: 'lun 26 oct 2026, 12:36 (hora de Tijuana)'. What is neither comes
 * back as it was.
 */
export function fmtWhen(value: string | null | undefined, lang: Lang, form: keyof typeof SHORT = 'page', zone: string = MX_ZONE): string {
  if (!value) return '';
  const f = SHORT[form];
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dt = day ? DateTime.fromISO(value, { zone: MX_ZONE }) : DateTime.fromISO(value, { setZone: false }).setZone(zone);
  if (!dt.isValid) return value;
  const text = dt.setLocale(SHORT_LOCALE[lang]).toFormat(day ? f.day : f.instant);
  if (day) return text;
  if (zone !== MX_ZONE) return `${text} (${zoneWords(zone, lang)})`;
  return f.zone ? `${text} (${catalogue(lang).dates.mexicoCity})` : text;
}

/** A deadline's states in order: "vencido el lun 5 oct 2026, luego suspendido el mié 7 oct 2026". */
export function stateTrailText(states: { status: string; at: string }[], lang: Lang): string {
  const w = catalogue(lang).page;
  return states.map((s, i) => `${i ? `, ${w.stateThen} ` : ''}${statusLabel(s.status, lang)} ${w.stateOn} ${fmtWhen(s.at, lang)}`).join('');
}
