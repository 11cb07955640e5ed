/**
 * Facts that can be true, and the record a BID needs, over real HTTP (dev server, worker, Postgres):
 * impossible facts refused naming the field on the API, the web form and the CLI with nothing stored;
 * a likely duplicate warned and confirmed by a field the server checks; the child's record and
 * placements round-tripping through the API and shown in Spanish; a deadline met before its due but
 * recorded after it read "met", not "late", on the page, in the constancia PDF and in the program figures.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { pdfText } from './pdfText';
import { saveListEntry } from '../db/adminLists';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('facts-record');
}, 180_000);
afterAll(async () => {
  await h?.teardown();
});

const year = Number(daysAgo(0).slice(0, 4));
/** A 14-year-old and a 25-year-old whatever the day the suite runs. */
const CHILD_BIRTH = `${year - 14}-04-02`;
const ADULT_BIRTH = `${year - 25}-04-02`;
const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
const intake = (caseId: string, over: Record<string, unknown> = {}) => ({
  caseId,
  child: { name: `Niña ${caseId}`, birthDate: CHILD_BIRTH, nationality: 'Honduras' },
  entryDate: daysAgo(10),
  office: 'CDMX',
  assignments,
  ...over,
});
const web = () => ({ cookie: `plazo_session=${h.tokens.ana}` });
const flat = (s: string) => s.replace(/\s+/g, ' ');

function plazo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(resolve(__dirname, '../bin/plazo'), args, { env: { ...process.env, PLAZO_DEBUG: '', PLAZO_API_URL: h.base, PLAZO_TOKEN: h.tokens.ana } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('impossible facts are refused naming the field, and nothing is stored', () => {
  test('API: an adult without a disputed age, an entry before the birth; a disputed age opens, flagged', async () => {
    const adult = await h.http('POST', '/api/cases', { as: 'eva', body: intake('FR-A1', { child: { name: 'N. N.', birthDate: ADULT_BIRTH } }) });
    expect(adult.status).toBe(422);
    expect(adult.json.error).toMatchObject({ field: 'child.birthDate', message: expect.stringMatching(/the person is 25 at intake/) });
    const beforeBirth = await h.http('POST', '/api/cases', { as: 'eva', body: intake('FR-A2', { entryDate: `${year - 15}-01-01` }) });
    expect(beforeBirth.status).toBe(422);
    expect(beforeBirth.json.error.field).toBe('entryDate');
    for (const id of ['FR-A1', 'FR-A2']) expect((await h.http('GET', `/api/cases/${id}`, { as: 'eva' })).status).toBe(404);
    expect(await h.pg.db.selectFrom('cases').select('id').where('id', 'in', ['FR-A1', 'FR-A2']).execute()).toEqual([]);

    const disputed = await h.http('POST', '/api/cases', { as: 'eva', body: intake('FR-A3', { child: { name: 'N. N.', birthDate: ADULT_BIRTH, ageDisputed: true } }) });
    expect(disputed.status).toBe(201);
    expect(disputed.json.case.child).toMatchObject({ birthDate: ADULT_BIRTH, ageDisputed: true });
  });

  test('API and CLI: a claim before the entry (04/12 read as 12 April) is a 422 on occurredAt; the case is unchanged', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('FR-E1', { entryDate: daysAgo(3) }) })).status).toBe(201);
    const before = (await h.http('GET', '/api/cases/FR-E1')).json;
    const timelineBefore = (await h.http('GET', '/api/cases/FR-E1/timeline')).json;
    const refused = await h.http('POST', '/api/cases/FR-E1/events', { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(40) } });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ field: 'occurredAt', message: expect.stringMatching(/is before the child entered Mexico/) });
    const cli = await plazo(['case', 'event', 'FR-E1', 'asylum_claim_filed', '--occurred-at', daysAgo(40)]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^error: occurredAt: .*is before the child entered Mexico/);
    const page = await h.http('GET', '/cases/FR-E1', { as: null, headers: web() });
    const key = /<form id="event-form"[^>]*><input type="hidden" name="idempotencyKey" value="([^"]+)">/.exec(page.text)?.[1] ?? '';
    const form = new URLSearchParams({ idempotencyKey: key, type: 'asylum_claim_filed', date: daysAgo(40), note: 'presentada en COMAR' }).toString();
    const onWeb = await h.http('POST', '/cases/FR-E1/events', { as: null, raw: form, headers: { ...web(), 'content-type': 'application/x-www-form-urlencoded' } });
    expect(onWeb.status).toBe(422);
    expect(flat(onWeb.text)).toContain(`La fecha en que ocurrió: el ${daysAgo(40)} es anterior al ingreso a México (${daysAgo(3)})`);
    expect(onWeb.text).toContain('presentada en COMAR');
    expect((await h.http('GET', '/api/cases/FR-E1')).json).toEqual(before);
    expect((await h.http('GET', '/api/cases/FR-E1/timeline')).json).toEqual(timelineBefore);
  });

  test('web: the refusal is shown next to its field in Spanish, with what was typed', async () => {
    const form = new URLSearchParams({
      'child.name': 'Persona Adulta Web', 'child.birthDate': ADULT_BIRTH, 'child.nationality': 'Honduras', entryDate: daysAgo(5),
      'assignments.caseworker': STAFF.ana.id, 'assignments.supervisor': STAFF.beto.id, 'assignments.lawyer': STAFF.carla.id,
    }).toString();
    const res = await h.http('POST', '/cases/new', { as: null, raw: form, headers: { ...web(), 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-error-for="child.birthDate"');
    expect(flat(res.text)).toMatch(/La fecha de nacimiento: con nacimiento el \S+, la persona tiene 25 años/);
    expect(res.text).toContain('value="Persona Adulta Web"');
    expect(await h.pg.db.selectFrom('cases').select('id').where('child_name', '=', 'Persona Adulta Web').execute()).toEqual([]);
  });
});

describe('a likely duplicate is warned with a link and opened only when the server is told it is another child', () => {
  test('API: same file number, then same name, birth date and nationality', async () => {
    const first = intake('FR-D1', { fileNumber: 'EXP-7/2026' });
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: first })).status).toBe(201);
    const { caseId: _id, ...again } = intake('FR-D1', { fileNumber: 'EXP-7/2026', child: { name: 'Otro Nombre' } });
    const warned = await h.http('POST', '/api/cases', { body: again });
    expect(warned.status).toBe(409);
    expect(warned.json.error).toMatchObject({ code: 'likely_duplicate', field: 'duplicateConfirmed', duplicates: [{ caseId: 'FR-D1', why: 'file_number', link: expect.stringMatching(/\/cases\/FR-D1$/) }] });
    expect(await h.pg.db.selectFrom('cases').select('id').where('file_number', '=', 'EXP-7/2026').execute()).toHaveLength(1);

    const { caseId: _id2, fileNumber: _f, ...sameChild } = { ...first, child: { ...(first.child as object), name: `  niña fr-d1 ` } } as Record<string, unknown>;
    const twin = await h.http('POST', '/api/cases', { body: sameChild });
    expect(twin.status).toBe(409);
    expect(twin.json.error.duplicates).toEqual([{ caseId: 'FR-D1', why: 'same_child', link: expect.any(String) }]);

    const confirmed = await h.http('POST', '/api/cases', { body: { ...again, duplicateConfirmed: true } });
    expect(confirmed.status).toBe(201);
    expect(await h.pg.db.selectFrom('cases').select('id').where('file_number', '=', 'EXP-7/2026').execute()).toHaveLength(2);
  });

  test('web: the warning links the case, keeps what was typed, and the confirmation opens it', async () => {
    const fields = {
      'child.name': 'Niña Duplicada Web', 'child.birthDate': CHILD_BIRTH, 'child.nationality': 'Guatemala', fileNumber: 'EXP-WEB-1',
      'assignments.caseworker': STAFF.ana.id, 'assignments.supervisor': STAFF.beto.id, 'assignments.lawyer': STAFF.carla.id,
    };
    const post = (extra: Record<string, string> = {}) =>
      h.http('POST', '/cases/new', { as: null, raw: new URLSearchParams({ ...fields, ...extra }).toString(), headers: { ...web(), 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await post()).status).toBe(303);
    const warned = await post();
    expect(warned.status).toBe(409);
    expect(warned.text).toContain('id="duplicate-warning"');
    expect(warned.text).toMatch(/<a href="[^"]*\/cases\/C-\d{4}-[A-Z0-9]{6}">/);
    expect(warned.text).toContain('mismo número de expediente');
    expect(warned.text).toContain('value="Niña Duplicada Web"');
    expect(warned.text).toContain('name="duplicateConfirmed"');
    expect(await h.pg.db.selectFrom('cases').select('id').where('file_number', '=', 'EXP-WEB-1').execute()).toHaveLength(1);
    expect((await post({ duplicateConfirmed: 'true' })).status).toBe(303);
    expect(await h.pg.db.selectFrom('cases').select('id').where('file_number', '=', 'EXP-WEB-1').execute()).toHaveLength(2);
  });
});

test("the child's record and placements round-trip through the API and read in Spanish on the page and in the CLI", async () => {
  const record = {
    sex: 'female',
    languages: ['mam', 'español'],
    interpreterNeeded: true,
    accompaniment: 'unaccompanied',
    familyTracing: 'in_progress',
    identification: { place: 'Estación migratoria Siglo XXI', by: 'inm' },
  };
  const opened = await h.http('POST', '/api/cases', { as: 'eva', body: intake('FR-R1', { child: { name: 'Rosa Mam', birthDate: CHILD_BIRTH, nationality: 'Guatemala', ...record } }) });
  expect(opened.status).toBe(201);
  // A placement names a listed place: one the program has not listed is refused naming the field, nothing stored.
  const unlisted = await h.http('POST', '/api/cases/FR-R1/events', { body: { type: 'placement_changed', occurredAt: daysAgo(2), kind: 'ngo_shelter', placement: 'Albergue Belén' } });
  expect(unlisted.status).toBe(422);
  expect(unlisted.json.error.field).toBe('placement');
  await saveListEntry(h.pg.db, 'places', { id: 'albergue-belen', name: 'Albergue Belén', kind: 'ngo_shelter', locality: 'Tapachula' }, STAFF.eva.id);
  // Recorded out of order: the later placement first; an alias ("DIF Tapachula") is stored as the list names it.
  expect((await h.http('POST', '/api/cases/FR-R1/events', { body: { type: 'placement_changed', occurredAt: daysAgo(2), kind: 'ngo_shelter', placement: 'albergue belen' } })).status).toBe(200);
  expect((await h.http('POST', '/api/cases/FR-R1/events', { body: { type: 'placement_changed', occurredAt: daysAgo(8), kind: 'dif_shelter', placement: 'DIF Tapachula' } })).status).toBe(200);
  const noKind = await h.http('POST', '/api/cases/FR-R1/events', { body: { type: 'placement_changed', occurredAt: daysAgo(1), placement: 'Otro' } });
  expect(noKind.status).toBe(400);
  expect(noKind.json.error.field).toBe('kind');

  const view = await eventually(async () => {
    const v = (await h.http('GET', '/api/cases/FR-R1')).json;
    if (v.placements.length < 2) throw new Error('not projected yet');
    return v;
  });
  expect(view.child).toMatchObject({ ...record, ageDisputed: false });
  expect(view.placements).toEqual([
    { kind: 'dif_shelter', place: 'Albergue temporal del DIF Chiapas (Tapachula)', from: daysAgo(8), until: daysAgo(2) },
    { kind: 'ngo_shelter', place: 'Albergue Belén', from: daysAgo(2), until: null },
  ]);

  const page = flat((await h.http('GET', '/cases/FR-R1', { as: null, headers: web() })).text);
  expect(page).toContain('Ficha de la niña, niño o adolescente');
  expect(page).toMatch(/data-record="sex">mujer</);
  expect(page).toMatch(/data-record="languages">mam, español</);
  expect(page).toMatch(/data-record="interpreter">sí</);
  expect(page).toMatch(/data-record="accompaniment">no acompañado</);
  expect(page).toMatch(/data-record="family-tracing">en curso</);
  expect(page).toMatch(/data-record="identified-by">INM</);
  expect(page).toContain('Estación migratoria Siglo XXI');
  expect(page).toMatch(/<strong>Albergue Belén<\/strong> · albergue de organización civil · desde \S+ hasta hoy/);
  expect(page).toMatch(/<strong>Albergue temporal del DIF Chiapas \(Tapachula\)<\/strong> · albergue del DIF · desde \S+ hasta \S+/);

  // The record changes as the case goes on: the family found; an update that changes nothing is refused.
  const empty = await h.http('POST', '/api/cases/FR-R1/events', { body: { type: 'child_record_updated', occurredAt: daysAgo(0) } });
  expect(empty.status).toBe(422);
  expect(empty.json.error.field).toBe('type');
  const cliUpdate = await plazo(['case', 'event', 'FR-R1', 'child_record_updated', '--family-tracing', 'family_located', '--json']);
  expect(cliUpdate.code).toBe(0);
  await eventually(async () => expect((await h.http('GET', '/api/cases/FR-R1')).json.child).toMatchObject({ ...record, familyTracing: 'family_located' }));
  expect(flat((await h.http('GET', '/cases/FR-R1', { as: null, headers: web() })).text)).toMatch(/data-record="family-tracing">familia localizada</);

  const show = await plazo(['case', 'show', 'FR-R1']);
  expect(show.code).toBe(0);
  expect(show.stdout).toContain('Sexo: mujer');
  expect(show.stdout).toContain('Albergue Belén · albergue de organización civil');
});

test('a deadline met before its due but recorded after it reads met, not late: page, constancia PDF, figures', async () => {
  // Entry Fri 10 May 2024; the claim filed Mon 20 May is within the 30 business days (due late June) and
  // COMAR's 45 (due Thu 25 Jul, its 29–31 May closure skipped); both recorded today, long after.
  for (const id of ['FR-M1', 'FR-M2']) expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake(id, { entryDate: '2024-05-10' }) })).status).toBe(201);
  const status = async (id: string, deadlineId: string) => ((await h.http('GET', `/api/cases/${id}`)).json.deadlines as any[]).find((d) => d.deadlineId === deadlineId);
  // Counted as missed before anything is recorded: the case was not told in time.
  await eventually(async () => expect((await status('FR-M1', 'asylum_filing_window'))?.status).toBe('missed'));
  expect((await h.http('POST', '/api/cases/FR-M1/events', { body: { type: 'asylum_claim_filed', occurredAt: '2024-05-20' } })).status).toBe(200);
  await eventually(async () => expect((await status('FR-M1', 'comar_decision'))?.status).toBe('missed'));
  expect((await h.http('POST', '/api/cases/FR-M1/events', { body: { type: 'decision_notified', occurredAt: '2024-07-19', outcome: 'recognized' } })).status).toBe(200);
  // The other case filed after the window: late, and said so.
  expect((await h.http('POST', '/api/cases/FR-M2/events', { body: { type: 'asylum_claim_filed', occurredAt: '2024-08-01' } })).status).toBe(200);

  await eventually(async () => {
    expect(await status('FR-M1', 'asylum_filing_window')).toMatchObject({ status: 'met', late: false });
    expect(await status('FR-M1', 'comar_decision')).toMatchObject({ status: 'met', late: false });
    expect(await status('FR-M2', 'asylum_filing_window')).toMatchObject({ status: 'met', late: true });
  });

  const rowOf = (html: string, title: RegExp) => flat(html).split('<tr').find((r) => title.test(r) && /cumplido/.test(r)) ?? '';
  const page = (await h.http('GET', '/cases/FR-M1', { as: null, headers: web() })).text;
  const filingRow = rowOf(page, /Plazo para solicitar/);
  expect(filingRow).toContain('cumplido');
  expect(filingRow).not.toContain('fuera de plazo');
  expect(filingRow).not.toContain('vencido');
  expect(rowOf((await h.http('GET', '/cases/FR-M2', { as: null, headers: web() })).text, /Plazo para solicitar/)).toMatch(/cumplido[^<]*\(fuera de plazo\)/);

  const pdf = await fetch(`${h.base}/cases/FR-M1/constancia.pdf?lang=es`, { headers: web() });
  expect(pdf.status).toBe(200);
  const text = flat(await pdfText(Buffer.from(await pdf.arrayBuffer())));
  expect(text).toMatch(/Plazo para solicitar el reconocimiento de la condición de refugiado .* Estado: cumplido Días inhábiles/);
  expect(text).not.toContain('fuera de plazo');
  expect(text).not.toMatch(/Estado: vencido el [^·]*, luego cumplido/);
  const latePdf = flat(await pdfText(Buffer.from(await (await fetch(`${h.base}/cases/FR-M2/constancia.pdf?lang=es`, { headers: web() })).arrayBuffer())));
  expect(latePdf).toMatch(/Estado: vencido el mié 26 jun 2024, 18:00, luego cumplido el jue 1 ago 2024 \(fuera de plazo\)/);

  // The program's evidence: the export's late column and COMAR's decision time against its term.
  const csv = (await h.http('GET', '/api/program/deadlines.csv', { as: 'beto' })).text.trim().split('\n').map(splitCsv);
  const col = (name: string) => csv[0]!.indexOf(name);
  const late = (id: string, rule: string) => csv.find((r) => r[col('case_id')] === id && r[col('rule')] === rule)?.[col('late')];
  expect([late('FR-M1', 'asylum_filing_window'), late('FR-M1', 'comar_decision'), late('FR-M2', 'asylum_filing_window')]).toEqual(['false', 'false', 'true']);
  const figures = (await h.http('GET', '/api/program?measures=1', { as: 'beto' })).json;
  expect(figures.comar.measures.find((m: any) => m.caseId === 'FR-M1')).toMatchObject({ over: false, pending: false, end: '2024-07-19' });
});

/** One CSV line into its fields (quoted fields may hold commas and doubled quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

