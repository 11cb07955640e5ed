/**
 * The catalogue of words, one per language (en.ts declares the shape, es.ts follows it), and the few
 * ways to pick from it by key. Every face (pages, emails, PDF, feed, CLI) reads its words here.
 */
import { en, type Catalogue } from './en';
import { es } from './es';

export type { Catalogue };
/** The languages Plazo speaks (zod schemas take them as `z.enum(LANGS)`), and the one language type. */
export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const CATALOGUES: Record<Lang, Catalogue> = { es, en };

/** Every word in `lang`. */
export const catalogue = (lang: Lang): Catalogue => CATALOGUES[lang];

/** The pages' words (the table the pages have always called `w`). */
export type Words = Catalogue['page'];
export const words = (lang: Lang): Words => CATALOGUES[lang].page;
export type SignInWords = Catalogue['signIn'];
export const signInWords = (lang: Lang): SignInWords => CATALOGUES[lang].signIn;
export type ListWords = Catalogue['list'];
export const listWords = (lang: Lang): ListWords => CATALOGUES[lang].list;
export type EmailWords = Catalogue['email'];
export const emailWords = (lang: Lang): EmailWords => CATALOGUES[lang].email;

const plurals: Record<Lang, Intl.PluralRules> = { es: new Intl.PluralRules('es'), en: new Intl.PluralRules('en') };
/** The form of a count's phrase for `n` ("1 día", "2 días"): Intl.PluralRules picks which. */
export const plural = (lang: Lang, n: number, forms: { one: string; other: string }) => `${n} ${plurals[lang].select(n) === 'one' ? forms.one : forms.other}`;

export const skippedCount = (n: number, lang: Lang) => plural(lang, n, CATALOGUES[lang].counts.skipped);

/** A word of one of the catalogue's tables by a key that comes from data (an event type, a field path). */
export const pick = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export const eventLabel = (type: string, lang: Lang) => pick(CATALOGUES[lang].events, type) ?? type;
export const phaseLabel = (p: string, lang: Lang) => pick(CATALOGUES[lang].phases, p) ?? p;
export const statusLabel = (s: string, lang: Lang) => pick(CATALOGUES[lang].statuses, s) ?? s;
export const otherLabel = (s: string, lang: Lang) => pick(CATALOGUES[lang].other, s) ?? s;

const ROLES = ['caseworker', 'supervisor', 'lawyer', 'director', 'admin'] as const;
/** A role in the reader's language (the words the pages already use for assignments). */
export const roleLabel = (role: string, w: Words) => ((ROLES as readonly string[]).includes(role) ? w[role as (typeof ROLES)[number]] : role);

export interface RuleText {
  title: string;
  action: string;
}

/**
 * A rule's title and what to do, by rule id. `recorded` is the title a deadline's state carries (the
 * rule pack's English label, kept for replay): shown only for a rule the catalogue does not know.
 */
export function ruleText(ruleId: string, lang: Lang, recorded: string = ruleId): RuleText {
  return pick<RuleText>(CATALOGUES[lang].rules, ruleId) ?? { title: recorded, action: '' };
}

/**
 * The strings the language-leftover test learns each language's words from: the pages' words, the
 * labels, the rules' titles and actions (the sections it has always read; ids people see as data, such
 * as 'law-carla', would read as English if every section's words counted).
 */
export function catalogueStrings(): Record<Lang, string[]> {
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
  const of = (c: Catalogue) => strings([c.page, c.counts.skipped, c.events, c.phases, c.statuses, c.other, c.rules]);
  return { es: of(es), en: of(en) };
}

/** An actor of a rule (domain/rules/actors.ts) in the reader's language: 'la COMAR', 'the court'. */
export const actorLabel = (actor: string, lang: Lang) => pick(CATALOGUES[lang].duty.actors, actor) ?? actor;

/** What the NGO can do when an authority is late on a rule: the rule's own list, else its actor's. */
export const remediesFor = (ruleId: string, actor: string, lang: Lang): string[] =>
  pick(CATALOGUES[lang].duty.ruleRemedies, ruleId) ?? pick(CATALOGUES[lang].duty.remedies, actor) ?? [];

/** An authority's late duty in words: a breach of the law, or behind a program's target (not a legal term). */
export const breachText = (d: { actor: string; kind: string }, late: string, lang: Lang): string =>
  (d.kind === 'program_target' ? CATALOGUES[lang].duty.targetLateOf : CATALOGUES[lang].duty.breachOf)(actorLabel(d.actor, lang), late);
