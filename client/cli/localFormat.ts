/**
 * What the CLI shows people: times in Mexico City's clock and calendar (never a bare UTC instant), rule
 * titles and event names in the reader's language (never a rule id alone), all from the catalogue and the
 * date words the pages use. `--lang` or PLAZO_LANG, Spanish by default like the pages. `--json` keeps the
 * API's own values for scripts.
 */
import { DomainInputError } from '../../domain';
import { ruleText, type Lang } from '../../domain/messages/catalogue';

export function cliLang(option: string | undefined): Lang {
  const value = option ?? process.env.PLAZO_LANG ?? 'es';
  if (value !== 'es' && value !== 'en') throw new DomainInputError(option === undefined ? 'PLAZO_LANG' : 'lang', `must be 'es' or 'en', got '${value}'`);
  return value;
}

export const ruleTitle = (ruleId: string, title: string, lang: Lang) => ruleText(ruleId, lang, title).title;
