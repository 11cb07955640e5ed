/**
 * Office and nationality come from the lists on every path that opens a case (API and CLI): an alias is
 * stored as the list names it, an unknown value is refused naming the field and nothing is opened; the
 * office's filing hours and zone reach the case's deadlines through the deadline activity.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { daysAgo, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

const BIN = resolve(__dirname, '../bin/plazo');
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness('listed-intake');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

function plazo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(BIN, args, { env: { ...process.env, PLAZO_DEBUG: '', PLAZO_API_URL: h.base, PLAZO_TOKEN: h.tokens.ana } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const people = ['--caseworker', STAFF.ana.id, '--supervisor', STAFF.beto.id, '--lawyer', STAFF.carla.id];
const caseCount = async () => Number((await h.pg.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('an unknown office or nationality is refused naming the field, by the API and the CLI, and nothing is opened', async () => {
  const before = await caseCount();
  const body = { child: { name: 'Niña Prueba' }, assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } };
  const office = await h.http('POST', '/api/cases', { body: { ...body, office: 'Oficina de Marte' } });
  expect(office.status).toBe(422);
  expect(office.json.error).toMatchObject({ field: 'office', message: expect.stringContaining("unknown office 'Oficina de Marte'") });
  const nationality = await h.http('POST', '/api/cases', { body: { ...body, child: { name: 'Niña Prueba', nationality: 'Atlantis' } } });
  expect(nationality.status).toBe(422);
  expect(nationality.json.error).toMatchObject({ field: 'child.nationality' });

  const cli = await plazo(['case', 'open', '--child-name', 'Niño Prueba', '--office', 'Oficina de Marte', ...people]);
  expect(cli.code).not.toBe(0);
  expect(cli.stderr).toMatch(/office: unknown office 'Oficina de Marte'/);
  const cliNat = await plazo(['case', 'open', '--child-name', 'Niño Prueba', '--nationality', 'Atlantis', ...people]);
  expect(cliNat.stderr).toMatch(/child\.nationality: unknown nationality/);
  expect(await caseCount()).toBe(before);
});

test("an alias is stored as the list names it, and an office-hours term closes at the office's hour in its zone", async () => {
  const opened = await plazo(['case', 'open', '--child-name', 'Kevin Ruiz', '--office', 'tijuana', '--nationality', 'honduras', '--entry-date', daysAgo(3), '--json', ...people]);
  expect(opened).toMatchObject({ code: 0, stderr: '' });
  const { id } = JSON.parse(opened.stdout);
  const view = (await h.http('GET', `/api/cases/${id}`)).json;
  expect(view).toMatchObject({ office: 'COMAR Tijuana', child: { nationality: 'HN' } });
  const window = view.deadlines.find((d: { deadlineId: string }) => d.deadlineId === 'asylum_filing_window');
  const tijuana = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Tijuana', dateStyle: 'short', timeStyle: 'short' });
  expect(tijuana.format(new Date(window.dueInstant))).toBe(`${window.due} 18:00`);
});
