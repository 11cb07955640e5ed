/**
 * Nationalities as ISO 3166-1 countries, named in Spanish and English by the maintained
 * i18n-iso-countries package (no table of 249 names written by hand). A case stores the alpha-2 code
 * ('HN'); old free text ("Honduras", "Haiti", "Haití", "HND") is matched by
 * any Spanish or English name or code, case and accents aside. Not for the workflow bundle: the API,
 * the pages and the migration use it.
 */
import countries from 'i18n-iso-countries';
import type { Lang } from '../messages/catalogue';
import { matchListEntry, requireListEntry, type ListEntryBase } from './adminList';

const LANGS: Lang[] = ['es', 'en'];

/** One entry per country: id the lower-case alpha-2 code, name in Spanish, every other name and code an alias. */
export const NATIONALITIES: ListEntryBase[] = Object.keys(countries.getAlpha2Codes()).map((code) => ({
  id: code.toLowerCase(),
  name: countries.getName(code, 'es') ?? code,
  aliases: [code, countries.alpha2ToAlpha3(code) ?? code, ...LANGS.flatMap((l) => countries.getName(code, l, { select: 'all' }) ?? [])],
  active: true,
}));

/** The ISO code (upper case, 'HN') a text names, or undefined. */
export function matchNationality(text: string): string | undefined {
  return matchListEntry(text, NATIONALITIES)?.id.toUpperCase();
}

/** The ISO code a submitted nationality names, or a DomainInputError naming `field`. */
export function requireNationality(text: string, field = 'child.nationality'): string {
  return requireListEntry(text, NATIONALITIES, field, 'nationality (ISO 3166 country)').id.toUpperCase();
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
