/**
 * How a computation reads to a person, in their language: units with plural forms, calendar names,
 * why a day was skipped, the explanation and the "readings disagree" paragraph. The domain stores these
 * in one fixed English grammar (the CLI prints it, recorded workflow states hold it); this module reads
 * that grammar back and says it in Spanish, so stored deadlines of every age translate alike.
 */
import { catalogue, pick, plural, ruleText, type Lang } from './catalogue';

const unitForms = (unit: string, lang: Lang) => pick(catalogue(lang).units, unit) ?? catalogue(lang).units.days;

/** "1 día hábil", "2 días hábiles", "1 hour": the count with the unit in its plural form. */
export const countText = (n: number, unit: string, lang: Lang) => plural(lang, n, unitForms(unit, lang));

/** The unit on its own, plural ("días hábiles"), for a column that names how a term counts. */
export const unitName = (unit: string, lang: Lang) => unitForms(unit, lang).other;

/** A rule's length in its unit ("30 días hábiles", "de inmediato", "cada 7 días"). */
export function termLengthText(n: number, unit: string, lang: Lang): string {
  const t = catalogue(lang).termLength;
  if (unit === 'hours' && n === 0) return t.immediately;
  if (unit === 'recurring_days') return t.every(countText(n, 'days', lang));
  return countText(n, unit, lang);
}

/** A calendar id ('lfpa-art28') as a person names it. */
export const calendarName = (id: string, lang: Lang) => pick(catalogue(lang).calendars, id) ?? id;

/** The calendars' labels as the domain writes them ('LFPA art. 28 as written'), in Spanish. */
const LABELS_ES: [RegExp, string][] = [
  [/LFPA art\. 28 as written/g, 'LFPA art. 28 según su texto'],
  [/LFPA art\. 28, transmission day read as 1 Oct/g, 'LFPA art. 28, con el día de transmisión leído como 1 oct'],
  [/every calendar that may apply \(latest plausible\)/g, 'todos los calendarios que pueden aplicar (fecha más tardía posible)'],
  [/ \+ closures declared for ([^(.]+?)(?= \(|$)/g, ' + cierres declarados para $1'],
  [/^hours on the clock$/, 'horas de reloj'],
  [/\bJUDICIARY\b/g, 'Poder Judicial'],
];

/** The term as termText (explanation.ts) writes it, in Spanish, said in English. */
function termEn(t: string): string {
  return t
    .replace(/^el cumpleaños 18 \(un hecho, no un plazo: no se recorre a día hábil\)/, 'the 18th birthday (a fact, not a term: never moved to a business day)')
    .replace(/^en cualquier tiempo: presentar ya/, 'at any time: file now')
    .replace(/^(\d+) días hábiles/, (_m, n: string) => countText(Number(n), 'business_days', 'en'))
    .replace(/^(\d+) días naturales/, (_m, n: string) => countText(Number(n), 'calendar_days', 'en'))
    .replace(/^(\d+) horas/, (_m, n: string) => countText(Number(n), 'hours', 'en'))
    .replace(/^(\d+) años/, (_m, n: string) => countText(Number(n), 'years', 'en'))
    .replace(/^cada (\d+) días/, (_m, n: string) => `every ${countText(Number(n), 'days', 'en')}`)
    .replace(/^inmediato/, 'immediate')
    .replace(/ \(meta del programa: la ley no fija plazo\)$/, ' (program target: the law sets no term)');
}

/** A citation as the rule pack writes it ('LRPCAP art. 23 (no term)'), in the reader's language. */
export const citationText = (text: string, lang: Lang) => (lang === 'es' ? text.replace(/\(no term\)/g, '(sin plazo)') : text);

/** A deadline as an email's lines name it: its rule's title and, in brackets, its legal basis, both in the reader's language. */
export const titleWithCitation = (d: { ruleId: string; title: string; citation: string }, lang: Lang) => `${ruleText(d.ruleId, lang, d.title).title} (${citationText(d.citation, lang)})`;

/** A deadline's stored term ('45 días hábiles, LRPCAP art. 24'), in the reader's language. */
export const termInLang = (term: string, lang: Lang) => citationText(lang === 'en' ? termEn(term) : term, lang);

/** An agency as the overlays name it ('JUDICIARY', 'all'), in the reader's language. */
export const agencyName = (agency: string, lang: Lang) => pick(catalogue(lang).agencies, agency) ?? agency;

/** A ladder step id ('reminder-10bd', 'overdue-3', 'alarm-0') in words. */
export function stepName(id: string, lang: Lang): string {
  const m = /^(reminder|alarm|due|overdue|director)(?:-(\d+)(bd|cd|h)?)?$/.exec(id);
  if (!m) return id;
  const ladder = catalogue(lang).ladder;
  const series = ladder.series[m[1] as keyof typeof ladder.series];
  if (!m[2]) return series;
  const n = Number(m[2]);
  if (m[3]) {
    const before = countText(n, m[3] === 'bd' ? 'business_days' : m[3] === 'cd' ? 'calendar_days' : 'hours', lang);
    return ladder.before(series, before);
  }
  return `${series} ${m[1] === 'alarm' ? n + 1 : n}`;
}

const WEEKDAYS_ES: Record<string, string> = { Monday: 'lunes', Tuesday: 'martes', Wednesday: 'miércoles', Thursday: 'jueves', Friday: 'viernes', Saturday: 'sábado', Sunday: 'domingo' };
/** A weekday as the domain names it ('Monday'), in the reader's language. */
export const weekdayName = (day: string, lang: Lang) => (lang === 'es' ? WEEKDAYS_ES[day] ?? day : day);

const MONTHS_ES: Record<string, string> = { Jan: 'ene', Feb: 'feb', Mar: 'mar', Apr: 'abr', May: 'may', Jun: 'jun', Jul: 'jul', Aug: 'ago', Sep: 'sep', Oct: 'oct', Nov: 'nov', Dec: 'dic' };

/** Holiday names as the calendars write them (and date-holidays in English), in Spanish. */
const HOLIDAYS_ES: Record<string, string> = {
  "New Year's Day": 'Año Nuevo',
  'Constitution Day': 'Día de la Constitución',
  "Benito Juárez's birthday": 'Natalicio de Benito Juárez',
  'Labour Day': 'Día del Trabajo',
  'Battle of Puebla': 'Batalla de Puebla',
  'Opening of Congress': 'Apertura del Congreso',
  'Independence Day': 'Día de la Independencia',
  'Eve of Independence (14 Sep)': 'Víspera de la Independencia (14 sep)',
  'Día de la Raza (12 Oct)': 'Día de la Raza (12 oct)',
  'Revolution Day': 'Día de la Revolución',
  'Christmas Day': 'Navidad',
  'Transmission of federal executive power': 'Transmisión del Poder Ejecutivo Federal',
  'Transmission of federal executive power (read as the actual transmission day)': 'Transmisión del Poder Ejecutivo Federal (leído como el día real de la transmisión)',
  'Maundy Thursday': 'Jueves Santo',
  'Good Friday': 'Viernes Santo',
  'Holy Wednesday': 'Miércoles Santo',
  'December vacation': 'vacaciones de diciembre',
  'July vacation': 'vacaciones de julio',
  "All Souls' Day": 'Día de Muertos',
  'Day of the Virgin of Guadalupe': 'Día de la Virgen de Guadalupe',
};

const dayMonthEs = (dm: string) => dm.replace(/^(\d{1,2}) (\w{3})$/, (_m, d: string, mo: string) => `${d} ${MONTHS_ES[mo] ?? mo}`);
/** A holiday's name and source ('Independence Day, LFPA art. 28'); the name may itself hold a comma-free parenthesis. */
function holidayEs(full: string): string {
  const tfja = full.endsWith(', closed by the TFJA every year');
  const inner = tfja ? full.slice(0, -', closed by the TFJA every year'.length) : full;
  const cut = inner.lastIndexOf(', ');
  const [name, source] = cut < 0 ? [inner, ''] : [inner.slice(0, cut), inner.slice(cut + 2)];
  const src = source === 'not loaded as DOF data' ? 'no cargado como dato del DOF' : source.replace(/ fr\. \?$/, '').replace(/, closed by the TFJA every year$/, ', cerrado por el TFJA cada año');
  return `${HOLIDAYS_ES[name] ?? name}${src ? `, ${src}` : ''}${tfja ? ', cerrado por el TFJA cada año' : ''}`;
}

function oneReasonEs(r: string): string {
  if (WEEKDAYS_ES[r]) return WEEKDAYS_ES[r]!;
  if (r === 'not a business day') return 'día inhábil';
  let m = /^occurrence dropped: (.*)$/.exec(r);
  if (m) return `se omite esa ocurrencia: ${reasonText(m[1]!, 'es')}`;
  m = /^(holiday|usual closure, unverified): (\d{1,2} \w{3}) \((.*)\)$/.exec(r);
  if (m) return `${m[1] === 'holiday' ? 'día festivo' : 'cierre habitual, sin verificar'}: ${dayMonthEs(m[2]!)} (${holidayEs(m[3]!)})`;
  m = /^(closure|suspension): (.*?) \(DOF (.*)\)$/.exec(r);
  if (m) return `${m[1] === 'closure' ? 'cierre' : 'suspensión'}: ${m[2] === 'all agencies' ? 'todas las dependencias' : m[2]} (DOF ${m[3]})`;
  return r;
}

/**
 * Why a day is not a business day, as the calendar said it ('Saturday; holiday: 16 Sep (Independence
 * Day, LFPA art. 28)'), in the reader's language; the overlay's internal id ('[dof-…]') is left out.
 */
export function reasonText(reason: string, lang: Lang): string {
  const withoutIds = reason.replace(/ \[[^\]]+\]/g, '');
  if (lang === 'en') return withoutIds;
  return splitTop(withoutIds, '; ').map(oneReasonEs).join('; ');
}

/** Splits on `sep` outside parentheses (a DOF title may hold a semicolon inside them). */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(start, i));
      start = i + sep.length;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** "2026-09-16 (holiday: …)" lists inside a sentence, each reason translated. */
const datedReasonsEs = (list: string) =>
  splitTop(list, ', ').map((item) => item.replace(/^(\d{4}-\d{2}-\d{2}) \((.*)\)$/, (_m, d: string, r: string) => `${d} (${reasonText(r, 'es')})`)).join(', ');

const labelsEs = (s: string) => LABELS_ES.reduce((t, [re, es]) => t.replace(re, es), s);

/** Free sentences the domain adds to an explanation (notes and warnings), in Spanish. */
const SENTENCES_ES: SentenceTable = [
  [/^Counted in hours on the clock: every day counts, and closures or suspensions do not stop it\.$/, () => 'Se cuenta en horas de reloj: cuentan todos los días, y ni los cierres ni las suspensiones lo detienen.'],
  [
    /^(\S+)'s closures for (\d{4}) are not loaded \(no yearly acuerdo of non-business days in Plazo's data\): a declared closure could make the term end later; dueLatest allows for the usual ones\.$/,
    (a, y) => `Los cierres de ${agencyName(a!, 'es')} de ${y} no están cargados (Plazo no tiene su acuerdo anual de días inhábiles): un cierre declarado podría hacer que el plazo termine después; la fecha más tardía posible ya cuenta con los habituales.`,
  ],
  [/^Suspensions do not stop a period in years \(a birthday is a fact\); they only move its last day\.$/, () => 'Las suspensiones no detienen un plazo en años (un cumpleaños es un hecho); solo mueven su último día.'],
  [/^The trigger has no time of day: counted from 00:00 Mexico City time, the earliest reading\.$/, () => 'El hecho que lo inicia no tiene hora: se cuenta desde las 00:00 de la Ciudad de México, la lectura más temprana.'],
  [/^(\d{4}) has no 29 Feb: the term ends on the first business day of March \(LFPA art\. 29\)\.$/, (y) => `${y} no tiene 29 de febrero: el plazo termina el primer día hábil de marzo (LFPA art. 29).`],
  [
    /^No 29 Feb in (\d{4}): read as 28 Feb \(due\) or 1 Mar \(dueLatest, LFPA art\. 29 ¶1\); a lawyer should confirm which a court takes\.$/,
    (y) => `${y} no tiene 29 de febrero: se lee el 28 de febrero (vencimiento) o el 1 de marzo (fecha más tardía posible, LFPA art. 29 ¶1); un abogado debe confirmar cuál toma un tribunal.`,
  ],
];

/**
 * The explanation explainDeadline wrote ("Term: … Governing calendar: … Skipped: …"), in the reader's
 * language. English is returned as written, less internal ids.
 */
export function explanationText(text: string, lang: Lang): string {
  if (lang === 'en') return text.replace(/ \[[^\]]+\]/g, '').replace(/^Term: (.*?)\. (?=[A-Z])/, (_m, t: string) => `Term: ${termEn(t)}. `).replace(/\bdueLatest\b/g, 'the latest plausible date');
  const sentences: SentenceTable = [
    [/^Term: (.*?)\.$/, (t) => `Plazo: ${citationText(t, 'es')}.`],
    [/^Counted on the clock from (\S+): every day counts and closures do not stop it; due (\S+)\.$/, (t, d) => `Se cuenta por horas desde ${t}: cuentan todos los días y los cierres no lo detienen; vence ${d}.`],
    [/^Governing calendar: (.*)\.$/, (c) => `Calendario aplicable: ${labelsEs(c)}.`],
    [/^Counted from (\S+); due (\S+)\.$/, (t, d) => `Se cuenta desde ${t}; vence ${d}.`],
    [/^Skipped: (.*?)(?:(?: and )?(\d+) weekend days)?\.$/, (list, n) => `Días omitidos: ${datedReasonsEs(list)}${list && n ? ' y ' : ''}${n ? countText(Number(n), 'days', 'es') + ' de fin de semana' : ''}.`],
    [/^No day skipped\.$/, () => 'No se omitió ningún día.'],
    [/^Declared closures used: (.*)\.$/, (l) => `Cierres declarados con que se contó: ${l}.`],
    [/^No declared closure fell in the count\.$/, () => 'Ningún cierre declarado cayó en el cómputo.'],
    [/^Latest plausible date (\S+?)(?:, if these days are closed too: (.*))?\.$/, (d, why) => `Fecha más tardía posible: ${d}${why ? `, si también se cierran estos días: ${datedReasonsEs(why)}` : ''}.`],
    [/^No other calendar moves it: dueLatest is the same day\.$/, () => 'Ningún otro calendario lo mueve: la fecha más tardía posible es el mismo día.'],
    [/^Warning: (.*)$/, (w) => `Advertencia: ${sentenceEs(w)}`],
  ];
  return sentencesEs(text, sentences);
}

type SentenceTable = [RegExp, (...m: string[]) => string][];

/** The first pattern of `table` that matches `s`, applied (a group that did not take part is ''); undefined when none does. */
function firstMatch(table: SentenceTable, s: string): string | undefined {
  for (const [re, f] of table) {
    const m = re.exec(s);
    if (m) return f(...m.slice(1).map((x) => x ?? ''));
  }
  return undefined;
}

const sentenceEs = (s: string) => firstMatch(SENTENCES_ES, s) ?? s;

/** A paragraph in Spanish, sentence by sentence: `table`'s patterns first, then the shared ones. */
const sentencesEs = (text: string, table: SentenceTable) =>
  splitSentences(text.replace(/ \[[^\]]+\]/g, ''))
    .map((s) => firstMatch(table, s) ?? sentenceEs(s))
    .join(' ');

/** Sentences end with '. ' outside parentheses; abbreviations such as 'art. 28' are followed by a digit or a lower-case word. */
function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === '.' && text[i + 1] === ' ' && /[A-Z]/.test(text[i + 2] ?? '') && !/\b(?:art|fr|No)$/.test(text.slice(start, i))) {
      out.push(text.slice(start, i + 1));
      start = i + 2;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * The "readings disagree" paragraph (deadlines.ts `disagreement`): due under the governing reading,
 * dueLatest if every closure that may apply does, the days that made the difference.
 */
export function disagreementText(text: string, lang: Lang): string {
  if (lang === 'en') return text.replace(/ \[[^\]]+\]/g, '').replace(/\bdueLatest\b/g, 'the latest plausible date');
  const sentences: SentenceTable = [
    [/^due (\S+) \((.*)\); dueLatest (\S+) if every closure that may apply does\.$/, (d, l, dl) => `Vence el ${d} (${labelsEs(l)}); la fecha más tardía posible es el ${dl} si se cierran todos los días que pueden cerrarse.`],
    [/^Days that made the difference: (.*)\.$/, (list) => `Días que hacen la diferencia: ${splitTop(list, '. ').map((x) => x.replace(/^(\d{4}-\d{2}-\d{2}): (.*)$/, (_m, d: string, r: string) => `${d}: ${reasonText(r, 'es')}`)).join('. ')}.`],
    [/^The law's own readings differ \((.*)\); due is the earlier\.$/, (l) => `Las lecturas de la propia ley difieren (${labelsEs(l)}); vence en la más temprana.`],
    [/^Plazo acts on (\S+)\.$/, (d) => `Plazo actúa con el ${d}.`],
    [
      /^Born on 29 Feb and (\d{4}) has none: due (\S+) reads the day before 1 Mar; dueLatest (\S+) reads 1 Mar, as LFPA art\. 29 ¶1 ends a term by year that lacks the day\.$/,
      (y, d, dl) => `Nació un 29 de febrero y ${y} no lo tiene: vence el ${d}, el día antes del 1 de marzo; la fecha más tardía posible es el ${dl}, el 1 de marzo, porque la LFPA art. 29 ¶1 termina así un plazo por años cuando falta el día.`,
    ],
  ];
  return sentencesEs(text, sentences);
}
