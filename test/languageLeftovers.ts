/**
 * Finds words a person would read in the wrong language: the visible text of a page (or an email, a PDF,
 * a calendar feed), tokenized, checked against the English vocabulary Plazo itself uses (every English
 * string of the catalogue, domain/messages/catalogue, and the rule packs) plus a list of common English
 * words, less every word the Spanish catalogue uses. Internal ids (snake_case enum values, calendar ids)
 * are leftovers in any language. Only proper names and citations are allowed, by name.
 */
import { catalogueStrings } from '../domain/messages/catalogue';
import { CALENDAR_IDS } from '../domain/calendar/types';
import { RULE_PACKS } from '../domain/rules/rulePack';
import { SEED_OVERLAYS } from '../domain/seedOverlays';
import { nationalityOptions } from '../domain/lists/nationalities';
import { SEED_OFFICES } from '../domain/lists/offices';
import { SEED_PLACES } from '../domain/lists/places';

/** Everyday English that a Spanish page must never show (and that Spanish does not use as is). */
const COMMON_ENGLISH = `the of and to in is are was were be been being by at for from with without on off or not this that these those it its an
if than then when which who whom what where why how all any each every yes you your we our they their he she his her has have had
do does did will would can could should might must shall there here up down out over under after before since until while
during about into only also more most less new old left late due today tomorrow yesterday day days hour hours week weeks month
months year years business calendar holiday holidays weekend closure closures suspension deadline deadlines term terms counted count
skipped governing latest plausible warning reading readings disagree agree met missed open opened closed cancelled canceled extended
suspended filed claim asylum notified notice notices issued received requested scheduled recorded voided corrected acknowledged
withdrawn escalated escalation reminder alert alarm overdue caseworker supervisor lawyer director admin child children case cases
rule rules pack status phase intake decision appeal placement weekly signature detention detained court review measures urgent
opinion transmission written same other none never already still because answer answered until within left now immediate immediately
monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november
december mon tue wed thu fri sat sun jan apr aug dec am pm unverified usual occurrence dropped applies applying longer
inm's child's independence revolution labor labour christmas year's constitution birthday anniversary day's`;

/** Words both languages write the same way, or Spanish words the lists above would catch by accident. */
const SHARED = `ago may plausible plazo plazos a de no me final total local real general normal error hospital radio idea metro motor plan sin con para por
el la los las un una en y o e u que se su sus al del lo le les mi tu ni ya si sí más menos`;

/** Proper names and citations that stay as they are in either language. */
export const ALLOWED = `lfpa lft lrpcap lgdnna cpeum comar inm sre dof dif tfja lfpca scjn bid tvrh mp pdf ics icalendar google
https http plazo temporal sha utc ong tapachula guatemala honduras`;

/** The names a select offers (offices and places are Spanish proper names; countries in the page's language). */
const listNames = (lang: 'es' | 'en'): string =>
  [...SEED_OFFICES, ...SEED_PLACES].flatMap((e) => [e.name, ...e.aliases]).join(' ') + ' ' + nationalityOptions(lang).map((n) => n.name).join(' ');

const words = (s: string): string[] => [...(s.toLowerCase().match(/[\p{L}][\p{L}\p{N}'’_-]*/gu) ?? [])];

function englishVocabulary(): Set<string> {
  const en = new Set<string>(words(COMMON_ENGLISH));
  const es = new Set<string>(words(SHARED));
  const { es: esStrings, en: enStrings } = catalogueStrings();
  for (const s of enStrings) for (const w of words(s)) en.add(w);
  for (const s of esStrings) for (const w of words(s)) es.add(w);
  for (const r of RULE_PACKS.flatMap((p) => p.rules)) for (const w of words(r.title ?? '')) en.add(w);
  for (const w of words(ALLOWED)) es.add(w);
  for (const w of words(listNames('es'))) es.add(w);
  for (const w of es) en.delete(w);
  return en;
}

/** Spanish words of the catalogue that English does not use (legal terms kept in English text are subtracted). */
function spanishVocabulary(): Set<string> {
  const es = new Set<string>(words(COMMON_SPANISH));
  const en = new Set<string>(words(SHARED));
  const { es: esStrings, en: enStrings } = catalogueStrings();
  for (const s of esStrings) for (const w of words(s)) es.add(w);
  for (const s of enStrings) for (const w of words(s)) en.add(w);
  for (const r of RULE_PACKS.flatMap((p) => p.rules)) for (const w of words(`${r.title ?? ''} ${r.citation.text}`)) en.add(w);
  for (const w of words(ALLOWED)) en.add(w);
  // The DOF acuerdos are cited by their Spanish titles in any language.
  for (const o of SEED_OVERLAYS) for (const w of words(`${o.citation.title} ${o.description ?? ''}`)) en.add(w);
  for (const w of words(listNames('en'))) en.add(w);
  for (const w of en) es.delete(w);
  return es;
}

const COMMON_SPANISH = `sábado domingo lunes martes miércoles jueves viernes enero febrero abril mayo junio julio agosto septiembre octubre noviembre
diciembre día días hábiles hábil naturales horas hora vence venció faltan falta hace hoy mañana cumplido vencido abierto cerrado cancelado
ampliado suspendido plazo plazos caso casos regla calendario fundamento omitidos inhábil festivo cierre cierres según también porque cuando
lun mié jue vie sáb dom ene abr ago dic`;

/** A fraction of an article ('LFT art. 74 fr. I'): a citation, in any language. */
const withoutCitations = (text: string) => text.replace(/\bfr\.\s+[IVXLC]+\b/g, ' ');

/** A ladder step's id ('reminder-10bd', 'overdue-3'): internal in any language. */
const STEP_ID = /^(?:reminder|alarm|due|overdue|director)-\d+(?:bd|cd|h)?$/i;

let vocabulary: Set<string> | undefined;
let spanish: Set<string> | undefined;

/** Words of `text` in Spanish that an English page should have said in English (and internal ids). */
export function spanishLeftovers(text: string): string[] {
  spanish ??= spanishVocabulary();
  const cleaned = withoutCitations(text.replace(/\b(?:https?|webcal):\/\/\S+/g, ' ').replace(/\S+@\S+/g, ' '));
  const found = new Set<string>();
  for (const token of cleaned.match(/[\p{L}][\p{L}\p{N}'’_.-]*[\p{L}\p{N}]|[\p{L}]/gu) ?? []) {
    const t = token.toLowerCase();
    if (INTERNAL_IDS.has(t) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(t) || STEP_ID.test(t) || spanish.has(t)) found.add(token);
  }
  for (const m of text.matchAll(/(?<![\d.,])1 (days|hours|years|weeks|months|characters|cases|deadlines)\b/g)) found.add(m[0]);
  return [...found];
}
const INTERNAL_IDS = new Set<string>([...CALENDAR_IDS, ...RULE_PACKS.flatMap((p) => p.rules.map((r) => r.id))].filter((id) => !words(ALLOWED).includes(id as string)));

/** Words of `text` in English (or internal ids), each once, in the order first seen. */
export function englishLeftovers(text: string): string[] {
  vocabulary ??= englishVocabulary();
  // Addresses and e-mail addresses are not words anyone reads as language.
  const cleaned = withoutCitations(text.replace(/\b(?:https?|webcal):\/\/\S+/g, ' ').replace(/\S+@\S+/g, ' '));
  const found = new Set<string>();
  for (const token of cleaned.match(/[\p{L}][\p{L}\p{N}'’_.-]*[\p{L}\p{N}]|[\p{L}]/gu) ?? []) {
    const t = token.toLowerCase();
    if (INTERNAL_IDS.has(t) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(t) || STEP_ID.test(t) || (/^[a-z]+[A-Z]\w*$/.test(token) && !ALLOWED.includes(t))) {
      found.add(token);
      continue;
    }
    for (const part of t.split(/[-.]/)) {
      const w = part.replace(/['’]s$/, '');
      if (w && (vocabulary.has(w) || vocabulary.has(part))) found.add(token);
    }
  }
  // A count in the wrong plural form ("1 días") is a leftover of string concatenation.
  for (const m of text.matchAll(/(?<![\d.,])1 (días|horas|años|semanas|meses|caracteres|casos|plazos)\b/g)) found.add(m[0]);
  return [...found];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** What a person reads on a page: text outside scripts and styles, plus titles, placeholders and labels of controls. */
export function visibleText(html: string): string {
  const attrs = [...html.matchAll(/\s(?:placeholder|aria-label|title|alt)="([^"]*)"/g)].map((m) => m[1]!);
  const buttons = [...html.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g)].map((m) => m[1]!);
  const body = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Identifiers a person chose and types (an overlay's id, shown as such): data, not language.
    .replace(/<code class="id">[^<]*<\/code>/g, ' ')
    .replace(/<(?:textarea|input)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return decode([body, ...attrs, ...buttons].join('\n'));
}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#') && e !== '#39') return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}
