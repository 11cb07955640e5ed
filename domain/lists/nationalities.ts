/**
 * Nationalities as ISO 3166-1 countries, named in Spanish and English by the maintained
 * i18n-iso-countries package (no table of 249 names written by hand). A case stores the alpha-2 code
 * ('HN'); old free text ("Honduras", "Haiti", "Haití", "HND") is matched by
 * any Spanish or English name or code, case and accents aside. What people also type, the demonym
 * ("hondureño", "guatemalteca"), the package does not know: the admin-managed list 'nationalities' adds
 * such words to a country (seeded with the region's, below). Not for the workflow bundle: the API,
 * the pages and the migration use it.
 */
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import type { Lang } from '../messages/catalogue';
import { ListEntryBaseSchema, matchListEntry, parseListEntries, requireListEntry, type ListEntryBase } from './adminList';

const LANGS: Lang[] = ['es', 'en'];

/** One entry per country: id the lower-case alpha-2 code, name in Spanish, every other name and code an alias. */
export const NATIONALITIES: ListEntryBase[] = Object.keys(countries.getAlpha2Codes()).map((code) => ({
  id: code.toLowerCase(),
  name: countries.getName(code, 'es') ?? code,
  aliases: [code, countries.alpha2ToAlpha3(code) ?? code, ...LANGS.flatMap((l) => countries.getName(code, l, { select: 'all' }) ?? [])],
  active: true,
}));

const isoName = (id: string): string | undefined => (/^[a-z]{2}$/.test(id) ? countries.getName(id.toUpperCase(), 'es') : undefined);

/**
 * An entry of the admin list: a country (its id the lower-case alpha-2 code, its name the Spanish one,
 * filled in from the code) and the words that also name it. A word that names another country is refused.
 */
export const NationalitySchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'string' ? { ...v, name: isoName((v as { id: string }).id) ?? '' } : v),
  ListEntryBaseSchema.extend({
    id: z.string().refine((id) => isoName(id) !== undefined, { message: 'must be an ISO 3166 alpha-2 country code in lower case, e.g. hn' }),
  }).superRefine((e, ctx) => {
    e.aliases.forEach((alias, i) => {
      const other = matchListEntry(alias, NATIONALITIES);
      if (other && other.id !== e.id) ctx.addIssue({ code: 'custom', path: ['aliases', i], message: `'${alias}' already names ${other.name}` });
    });
  }),
);
export type Nationality = z.output<typeof NationalitySchema>;

export const parseNationalities = (data: unknown): Nationality[] => parseListEntries(NationalitySchema, data, 'nationalities');

/** Demonyms of the countries most children in Mexico's cases come from (migration 0023 loads them; admins add others). */
export const SEED_NATIONALITIES: Nationality[] = parseNationalities([
  { id: 'hn', aliases: ['hondureño', 'hondureña', 'Honduran', 'catracho', 'catracha'] },
  { id: 'gt', aliases: ['guatemalteco', 'guatemalteca', 'Guatemalan', 'chapín', 'chapina'] },
  { id: 'sv', aliases: ['salvadoreño', 'salvadoreña', 'Salvadoran', 'Salvadorean', 'guanaco', 'guanaca'] },
  { id: 'ni', aliases: ['nicaragüense', 'Nicaraguan', 'nica'] },
  { id: 've', aliases: ['venezolano', 'venezolana', 'Venezuelan'] },
  { id: 'ht', aliases: ['haitiano', 'haitiana', 'Haitian'] },
  { id: 'cu', aliases: ['cubano', 'cubana', 'Cuban'] },
  { id: 'co', aliases: ['colombiano', 'colombiana', 'Colombian'] },
  { id: 'ec', aliases: ['ecuatoriano', 'ecuatoriana', 'Ecuadorian', 'Ecuadorean'] },
  { id: 'pe', aliases: ['peruano', 'peruana', 'Peruvian'] },
  { id: 'br', aliases: ['brasileño', 'brasileña', 'Brazilian'] },
  { id: 'cl', aliases: ['chileno', 'chilena', 'Chilean'] },
  { id: 'do', aliases: ['dominicano', 'dominicana'] },
  { id: 'mx', aliases: ['mexicano', 'mexicana', 'Mexican'] },
  { id: 'us', aliases: ['estadounidense'] },
  { id: 'af', aliases: ['afgano', 'afgana', 'Afghan'] },
  { id: 'cm', aliases: ['camerunés', 'camerunesa', 'Cameroonian'] },
  { id: 'gh', aliases: ['ghanés', 'ghanesa', 'Ghanaian'] },
  { id: 'sn', aliases: ['senegalés', 'senegalesa', 'Senegalese'] },
  { id: 'cn', aliases: ['chino', 'china', 'Chinese'] },
]);

/** The ISO countries with the words of the admin list added to each (retired entries add none). */
export function nationalityEntries(listed: readonly ListEntryBase[]): ListEntryBase[] {
  const extra = new Map(listed.filter((e) => e.active).map((e) => [e.id, e.aliases]));
  return extra.size ? NATIONALITIES.map((n) => (extra.has(n.id) ? { ...n, aliases: [...n.aliases, ...extra.get(n.id)!] } : n)) : NATIONALITIES;
}

/** The ISO code (upper case, 'HN') a text names, or undefined; `listed` the admin list's entries ("hondureña"). */
export function matchNationality(text: string, listed: readonly ListEntryBase[] = []): string | undefined {
  return matchListEntry(text, nationalityEntries(listed))?.id.toUpperCase();
}

/** The ISO code a submitted nationality names, or a DomainInputError naming `field`. */
export function requireNationality(text: string, field = 'child.nationality', listed: readonly ListEntryBase[] = []): string {
  return requireListEntry(text, nationalityEntries(listed), field, 'nationality (ISO 3166 country)').id.toUpperCase();
}

/** A stored nationality in the reader's language: 'Honduras'; text that is not a code is shown as it is. */
export function nationalityName(stored: string, lang: Lang): string {
  return /^[A-Z]{2}$/.test(stored) ? (countries.getName(stored, lang) ?? stored) : stored;
}

/** Every country as a select offers it, sorted by its name in the reader's language. */
export function nationalityOptions(lang: Lang): { code: string; name: string }[] {
  return Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ code, name: countries.getName(code, lang) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}
