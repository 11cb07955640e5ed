/**
 * What the CLI shows people: times in Mexico City's clock and calendar (never a bare UTC instant), rule
 * titles and event names in the reader's language (never a rule id alone). `--lang` or PLAZO_LANG, Spanish
 * by default like the pages. `--json` keeps the API's own values for scripts.
 */
import { DateTime } from 'luxon';
import { DomainInputError, MX_ZONE } from '../../domain';
import { ruleText, eventLabel, statusLabel } from '../../domain/messages/catalogue';

export type CliLang = 'es' | 'en';

export function cliLang(option: string | undefined): CliLang {
  const value = option ?? process.env.PLAZO_LANG ?? 'es';
  if (value !== 'es' && value !== 'en') throw new DomainInputError(option === undefined ? 'PLAZO_LANG' : 'lang', `must be 'es' or 'en', got '${value}'`);
  return value;
}

const locale = (lang: CliLang) => (lang === 'es' ? 'es-MX' : 'en-US');

/** '2026-10-26' → 'lun 2026-10-26'; an instant → 'lun 2026-11-30 18:19 (Ciudad de México)'. */
export function localWhen(value: string, lang: CliLang): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(value, { zone: MX_ZONE }).setLocale(locale(lang)).toFormat('ccc yyyy-LL-dd');
  const dt = DateTime.fromISO(value, { setZone: false }).setZone(MX_ZONE);
  if (!dt.isValid) return value;
  return `${dt.setLocale(locale(lang)).toFormat('ccc yyyy-LL-dd HH:mm')} (${lang === 'es' ? 'Ciudad de México' : 'Mexico City'})`;
}

export const ruleTitle = (ruleId: string, title: string, lang: CliLang) => ruleText(ruleId, lang, title).title;
export { eventLabel, statusLabel };
