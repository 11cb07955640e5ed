import type { AuthUser } from '../../app/auth';
import { newCasePage } from './newCasePage';

const ana: AuthUser = { id: 'ana', name: 'Ana', email: 'ana@plazo.test', role: 'caseworker', language: 'es' };
const people = [
  { id: 'ana', name: 'Ana', role: 'caseworker' },
  { id: 'luis', name: 'Luis', role: 'caseworker' },
  { id: 'beto', name: 'Roberto', role: 'supervisor' },
  { id: 'carla', name: 'Carla', role: 'lawyer' },
  { id: 'diego', name: 'Diego', role: 'lawyer' },
];
/** The option chosen in a role's select, '' when the form asks. */
const chosen = (htmlText: string, role: string) => {
  const select = htmlText.match(new RegExp(`<select name="assignments\\.${role}"[^>]*>(.*?)</select>`, 's'))![1]!;
  return select.match(/<option value="([^"]*)" selected>/)?.[1] ?? '';
};

test('a role only one person can hold is preselected; with two or more the form asks; the person is their own first guess', () => {
  const page = String(newCasePage({ user: ana, lang: 'es', people }));
  expect(chosen(page, 'supervisor')).toBe('beto');
  expect(chosen(page, 'lawyer')).toBe('');
  expect(chosen(page, 'caseworker')).toBe('ana');
  // One lawyer left: preselected too.
  expect(chosen(String(newCasePage({ user: ana, lang: 'es', people: people.filter((x) => x.id !== 'diego') })), 'lawyer')).toBe('carla');
  // What was sent back after an error wins, even an empty choice.
  expect(chosen(String(newCasePage({ user: ana, lang: 'es', people, form: { 'assignments.supervisor': '' } })), 'supervisor')).toBe('');
});
