/**
 * A refusal as a person reads it: the field by its label, the problem in their language. The API keeps
 * its English messages for programs; pages translate the zod issue by field and code, and the case's
 * own refusals ('reason: say why …') by what they say. An unknown English message is never shown in
 * Spanish: the page falls back to a plain sentence naming the field. In app/ because more than one face
 * words refusals: the pages, and the API's import report (rows' errors in Spanish).
 */
import { catalogue, pick, type Catalogue, type Lang, plural } from '../domain/messages/catalogue';
import type { IssueDetail } from './errors';

/** A field path ('child.name') as a person names it ('el nombre de la niña, niño o adolescente'). */
export function fieldLabel(field: string, lang: Lang): string {
  const key = field.replace(/\[\d+\]/g, '').replace(/^(?:citation|scope)\./, '');
  const c = catalogue(lang);
  return pick(c.fields, key) ?? pick(c.fields, key.split('.').pop()!) ?? c.refusal.unknownField;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const chars = (lang: Lang, n: number) => plural(lang, n, catalogue(lang).counts.chars);

/** A zod issue by its code, in Spanish. */
function issueEs(i: IssueDetail, label: string): string {
  const small = i.code === 'too_small';
  if (i.missing || (small && i.origin === 'string' && i.minimum === 1)) return `Falta ${label}.`;
  if (small && i.origin === 'string') return `${cap(label)}: escriba al menos ${chars('es', i.minimum ?? 1)}.`;
  if (i.code === 'too_big' && i.origin === 'string') return `${cap(label)}: como máximo ${chars('es', i.maximum ?? 0)}.`;
  if (small) return `${cap(label)}: debe ser al menos ${i.minimum}.`;
  if (i.code === 'too_big') return `${cap(label)}: debe ser como máximo ${i.maximum}.`;
  if (i.code === 'invalid_value' || i.code === 'invalid_union') return `${cap(label)}: elija una de las opciones.`;
  if (i.code === 'unrecognized_keys') return `${cap(label)}: no es un dato que este formulario reciba.`;
  return '';
}

/** The case's and the API's own refusals that people meet, in Spanish. */
const MESSAGES_ES: [RegExp, (label: string, ...m: string[]) => string][] = [
  [/^is required$|^required$/, (l) => `Falta ${l}.`],
  [/^say why \(at least 3 characters\)$/, () => 'Diga por qué (al menos 3 caracteres).'],
  [/is not a date that exists|must be a date that exists/, (l) => `${cap(l)}: esa fecha no existe (escríbala AAAA-MM-DD).`],
  [/^must be a date YYYY-MM-DD/, (l) => `${cap(l)}: debe ser una fecha AAAA-MM-DD.`],
  [/^must be an ISO instant/, (l) => `${cap(l)}: debe ser una fecha con hora.`],
  [/^is in the future$/, (l) => `${cap(l)}: está en el futuro.`],
  [/^the case is closed/, () => 'El caso está cerrado: ya no se pueden registrar hechos.'],
  [/^the child is not detained$/, () => 'La niña, niño o adolescente no está detenido.'],
  [/^the child is detained; signatures are suspended$/, () => 'La niña, niño o adolescente está detenido: las firmas están suspendidas.'],
  [/^no claim is filed$/, () => 'No hay una solicitud de refugio presentada.'],
  [/^is before the detention started$/, (l) => `${cap(l)}: es anterior al inicio de la detención.`],
  [/^not a valid date or instant$/, (l) => `${cap(l)}: no es una fecha válida.`],
  [/^the claim is already filed; the entry date no longer opens a filing window$/, () => 'La solicitud ya está presentada: la fecha de ingreso ya no abre un plazo para solicitar.'],
  [/^the Procuraduría was already notified$/, () => 'Ya se avisó a la Procuraduría.'],
  [/^the BID was already issued$/, () => 'La determinación del interés superior ya se emitió.'],
  [/^the claim was already filed$/, () => 'La solicitud ya está presentada.'],
  [/^no claim filed by a representative awaits ratification$/, () => 'No hay una solicitud presentada por representante que esté por ratificarse.'],
  [/^no COMAR decision term is running to extend$/, () => 'No corre ningún plazo de resolución de la COMAR que ampliar.'],
  [/^no SRE opinion was requested$/, () => 'No se solicitó la opinión de la SRE.'],
  [/^no weekly signature is due on this case$/, () => 'Este caso no tiene firma semanal pendiente.'],
  [/^a decision was already notified$/, () => 'Ya se notificó una resolución.'],
  [/^no negative decision is open to appeal$/, () => 'No hay una resolución negativa que se pueda recurrir.'],
  [/^no amparo term is running on this case$/, () => 'No corre ningún plazo de amparo en este caso.'],
  [/^no juicio de nulidad term is running on this case$/, () => 'No corre ningún plazo de juicio de nulidad en este caso.'],
  [/^no migration procedure awaits an answer$/, () => 'No hay un trámite migratorio que espere respuesta.'],
  [/^no humanitarian visitor card is owed on this case$/, () => 'En este caso no se debe ninguna tarjeta de visitante por razones humanitarias.'],
  [/^no urgent measures await a court$/, () => 'No hay medidas urgentes pendientes de revisión judicial.'],
  [/^the child is already detained$/, () => 'La niña, niño o adolescente ya está registrado como detenido.'],
  [/^the child is already recorded absent$/, () => 'La niña, niño o adolescente ya está registrado como ausente.'],
  [/^the child is not recorded absent$/, () => 'La niña, niño o adolescente no está registrado como ausente.'],
  [/is already the (caseworker|supervisor|lawyer)$/, () => 'Esa persona ya tiene esa función en el caso.'],
  // Facts that cannot be true together (domain/case/factChecks.ts).
  [/^(\S+) is before the child's birth date \((\S+)\)$/, (l, d, b) => `${cap(l)}: el ${d} es anterior a la fecha de nacimiento (${b}).`],
  [/^(\S+) is before the child entered Mexico \((\S+)\)/, (l, d, e) => `${cap(l)}: el ${d} es anterior al ingreso a México (${e}), y ese hecho ocurre en México.`],
  [/^(\S+) is after (.+) \((\S+)\), which happened in Mexico$/, (l, d, _t, at) => `${cap(l)}: el ${d} es posterior a un hecho ocurrido en México el ${at}; el ingreso no puede ser después.`],
  [/^born (\S+), the person is (\d+) at intake/, (l, b, n) => `${cap(l)}: con nacimiento el ${b}, la persona tiene ${n} años: corrija la fecha o marque la edad como en disputa.`],
  [/^likely the same child as /, () => 'Puede ser una niña, niño o adolescente que ya tiene caso: revise el caso señalado o confirme que es otra persona.'],
  [/before .*(?:entry|opened|coverage)|outside|covered|between \d{4}/, (l) => `${cap(l)}: la fecha está fuera del periodo que Plazo cubre.`],
  [/has been sent to .* yet$/, () => 'Todavía no se le ha enviado ningún aviso de este plazo.'],
  [/is not sent to/, () => 'Ese aviso no se le envía a esa persona.'],
  [/nothing to acknowledge$/, () => 'Ese plazo ya no está en curso: no hay nada que confirmar.'],
  [/^no deadline /, () => 'Ese plazo no existe en este caso.'],
  [/may acknowledge for them$/, () => 'Solo esa persona o el supervisor(a) del caso pueden confirmar por ella.'],
  [/^must be 1–64 letters, digits, - or _$/, (l) => `${cap(l)}: de 1 a 64 letras, dígitos, - o _.`],
  [/^is not a known field$/, (l) => `${cap(l)}: no es un dato que este formulario reciba.`],
  [/^must be one of/, (l) => `${cap(l)}: elija una de las opciones.`],
  [/^unknown event type/, () => 'Ese tipo de hecho no existe.'],
  [/a correction keeps the type/, () => 'Una corrección conserva el tipo de hecho: anúlelo y registre el correcto.'],
  [/^no event in force recorded as/, () => 'No hay un hecho vigente con ese número en este caso.'],
  [/ is not in (\d{4}), the acuerdo's year$/, (l, y) => `${cap(l)}: no cae en ${y}, el año del acuerdo.`],
  [/ is after the year (\d{4}) the acuerdo is for$/, (l, y) => `${cap(l)}: es posterior a ${y}, el año del acuerdo.`],
  [/^must not be before start$/, (l) => `${cap(l)}: no puede ser anterior a la fecha de inicio.`],
  // Rows of a spreadsheet import (app/import/previewRows.ts).
  [/^is given without the date of its event/, (l) => `${cap(l)}: falta la fecha del hecho al que corresponde.`],
  [/^the file number (.+) is also on row (\d+): one row per case$/, (_l, n, r) => `El expediente ${n} también está en la fila ${r}: una fila por caso.`],
  [/^no active (?:caseworker|supervisor|lawyer) '(.*)'$/, (l, who) => `${cap(l)}: «${who}» no es una persona activa de Plazo con esa función.`],
  [/^you could not see this case once opened/, (l) => `${cap(l)}: usted no vería este caso una vez abierto; nómbrese o nombre a alguien de su equipo.`],
  [/cannot be counted from/, (l) => `${cap(l)}: los calendarios no pueden contar un plazo desde esa fecha.`],
  [/is already loaded with other days/, () => 'Este acuerdo ya está cargado con otros días: corríjalos o retírelos en Cierres del DOF.'],
  // The admin lists (domain/lists/): an entry's own checks, and a name another entry answers to.
  [/^'(.+)' already names '?(.+?)'?$/, (l, k, o) => `${cap(l)}: «${k}» ya nombra ${o}.`],
  [/^must be an IANA time zone/, (l) => `${cap(l)}: debe ser una zona horaria IANA, p. ej. America/Tijuana.`],
  [/^expected HH:MM \(24-hour\)$/, (l) => `${cap(l)}: escríbala HH:MM, de 00:00 a 23:59.`],
  [/^must be 1–64 lower-case letters, digits or -$/, (l) => `${cap(l)}: de 1 a 64 minúsculas, dígitos o -.`],
  [/^must be an ISO 3166 alpha-2 country code/, (l) => `${cap(l)}: elija un país de la lista.`],
  [/^unknown (office|place) '(.+)' \(choose one of the list/, (l, _w, t) => `${cap(l)}: «${t}» no está en la lista; elija una de sus entradas (o pida a un administrador que la agregue).`],
  [/^(?:office|place) '(.+)' is no longer in use$/, (l, t) => `${cap(l)}: «${t}» se dio de baja; elija otra entrada de la lista.`],
  // The spreadsheet import (app/import): the file and its columns.
  [/^the sheet has no column for (.+): name it in the mapping/, (_l, cols) => `La hoja no tiene columna para ${cols.replace(/'([^']*)'/g, '«$1»')}: elija de qué columna de la hoja se lee.`],
  [/^no column '(.+)' in the sheet/, (l, h) => `${cap(l)}: la hoja no tiene la columna «${h}».`],
  [/^must be a \.xlsx or \.csv file/, (l) => `${cap(l)}: debe ser un archivo .xlsx o .csv.`],
  [/^the file is empty$/, (l) => `${cap(l)} está vacío.`],
  [/^is not a readable (?:CSV file|\.xlsx workbook)/, (l) => `${cap(l)}: no se pudo leer; guárdelo otra vez como .xlsx o .csv.`],
  [/^the first row must hold the column headers$/, (l) => `${cap(l)}: la primera fila debe llevar los encabezados de las columnas.`],
  [/^the workbook has no sheet$/, (l) => `${cap(l)}: el libro no tiene ninguna hoja.`],
  [/^the (?:file|sheet) (?:is|has) (.+?); at most (.+?): split it into several files$/, (l, got, max) => `${cap(l)}: tiene ${got.replace(' rows', ' filas')}; como máximo ${max.replace(/^(\d+)$/, '$1 filas')}: divídalo en varios archivos.`],
];

/** The boundary's refusals (app/textSafety.ts, the router's in client/api/server.ts), worded from the catalogue in either language. */
const BOUNDARY: [RegExp, (c: Catalogue['refusal'], label: string, ...m: string[]) => string][] = [
  [/^must not contain invisible or direction-changing characters/, (c, l) => c.invisibleCharacters(cap(l))],
  [/^must not contain control characters or line breaks$/, (c, l) => c.controlCharacters(cap(l))],
  [/^contains a NUL character or a lone UTF-16 surrogate$/, (c, l) => c.unstorableCharacter(cap(l))],
  [/^a path segment is longer than (\d+) characters$/, (c, _l, max) => c.pathTooLong(Number(max))],
  [/^the path is not a valid URL$/, (c) => c.pathInvalid],
];

/** The message of a refusal in the reader's language. */
export function errorMessage(err: { message: string; field: string | null; issue?: IssueDetail }, lang: Lang): string {
  for (const [re, f] of BOUNDARY) {
    const m = re.exec(err.message);
    if (m) return f(catalogue(lang).refusal, err.field ? fieldLabel(err.field, lang) : catalogue(lang).refusal.unknownField, ...m.slice(1));
  }
  if (lang === 'en') return err.message;
  const label = err.field ? fieldLabel(err.field, 'es') : 'el dato';
  if (err.issue) {
    const text = issueEs(err.issue, label);
    if (text) return text;
  }
  for (const [re, f] of MESSAGES_ES) {
    const m = re.exec(err.message);
    if (m) return f(label, ...m.slice(1));
  }
  return err.field ? `${cap(label)}: el valor no es válido.` : 'La acción no se pudo completar.';
}
