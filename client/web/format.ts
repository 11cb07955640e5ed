/** Dates as people in Mexico read them: local to Mexico City, with the weekday. */
import { DateTime } from 'luxon';
import { MX_ZONE } from '../../domain';
import { type Lang, statusLabel, words } from '../../domain/messages/catalogue';

const locale = (lang: Lang) => (lang === 'es' ? 'es-MX' : 'en-US');

/** '2026-10-26' → 'lun 26 oct 2026'; an instant → its Mexico City date and time. */
export function fmtWhen(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return DateTime.fromISO(value, { zone: MX_ZONE }).setLocale(locale(lang)).toFormat('ccc d LLL yyyy');
  }
  const dt = DateTime.fromISO(value, { setZone: false }).setZone(MX_ZONE);
  return dt.isValid ? dt.setLocale(locale(lang)).toFormat('ccc d LLL yyyy, HH:mm') : value;
}

export const todayInMexico = () => DateTime.now().setZone(MX_ZONE).toISODate()!;

/** A deadline's states in order: "vencido el lun 5 oct 2026, luego suspendido el mié 7 oct 2026". */
export function stateTrailText(states: { status: string; at: string }[], lang: Lang): string {
  const w = words(lang);
  return states.map((s, i) => `${i ? `, ${w.stateThen} ` : ''}${statusLabel(s.status, lang)} ${w.stateOn} ${fmtWhen(s.at, lang)}`).join('');
}
