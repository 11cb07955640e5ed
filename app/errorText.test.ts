/**
 * The boundary's refusals (a bidi or zero-width name, a NUL in a query string, an over-long path) as a
 * page words them: from the catalogue in the reader's language, never the generic "el valor no es válido".
 * The refusals are made by the code that makes them in production, so a changed message shows here.
 */
import { z } from 'zod';
import { ApiError, parseInput } from './errors';
import { bodyProblem, PersonNameSchema, singleLineText } from './textSafety';
import { errorMessage, fieldLabel } from './errorText';

const NOTE = fieldLabel('note', 'es').replace(/^./, (c) => c.toUpperCase());

const refusal = (run: () => unknown): ApiError => {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('not refused');
};

const bidiName = refusal(() => parseInput(z.object({ child: z.object({ name: PersonNameSchema }) }), { child: { name: 'Ana\u202eoz' } }));
const zeroWidth = refusal(() => parseInput(z.object({ name: PersonNameSchema }), { name: 'Ana\u200bRuiz' }));
const lineBreak = refusal(() => parseInput(z.object({ note: singleLineText(50) }), { note: 'a\u0007b' }));
const nul = bodyProblem({ q: 'a\u0000b' })!;

test('bidi and zero-width names are refused in words, naming the field, in Spanish and English', () => {
  expect(bidiName.field).toBe('child.name');
  expect(errorMessage(bidiName, 'es')).toBe('El nombre de la niña, niño o adolescente: no puede llevar caracteres invisibles ni que cambien la dirección del texto (espacios de ancho cero, controles bidireccionales); escríbalo de nuevo a mano.');
  expect(errorMessage(zeroWidth, 'es')).toMatch(/^El nombre: no puede llevar caracteres invisibles/);
  expect(errorMessage(zeroWidth, 'en')).toMatch(/^The name: must not contain invisible or direction-changing characters/);
  expect(errorMessage(lineBreak, 'es')).toBe(`${NOTE}: debe ser una sola línea, sin caracteres de control.`);
});

test('a NUL in a query string and a path too long or not a URL, in Spanish', () => {
  expect(nul.field).toBe('q');
  expect(errorMessage(nul, 'es')).toBe('La búsqueda: contiene un carácter que no se puede guardar (NUL, o la mitad de un carácter); escríbalo de nuevo.');
  expect(errorMessage(nul, 'en')).toBe('The search: contains a character that cannot be stored (NUL, or half of a character); type it again.');
  expect(errorMessage({ message: 'a path segment is longer than 2000 characters', field: 'path' }, 'es')).toBe('La dirección es demasiado larga: una de sus partes pasa de 2000 caracteres.');
  expect(errorMessage({ message: 'the path is not a valid URL', field: 'path' }, 'es')).toBe('La dirección no es válida: revise el enlace o escríbala de nuevo.');
  for (const err of [bidiName, zeroWidth, lineBreak, nul]) expect(errorMessage(err, 'es')).not.toContain('no es válido.');
});
