/**
 * Everything a person reads, in Spanish, has no English left in it (and no internal id): every page as
 * each role, the validation messages of the forms, every email the cases sent, the constancia PDF and
 * the calendar feed, over the real stack. The English pages are checked for Spanish leftovers the same
 * way where the catalogue can tell (the Spanish-only words of the catalogue).
 */
import { stringify } from 'csv-stringify/sync';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../domain/import/columns';
import { renderStepMessage, type StepMessageInput } from '../domain/messages/stepMessage';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { englishLeftovers, spanishLeftovers, visibleText } from './languageLeftovers';
import { pdfText } from './pdfText';

let h: ApiHarness;
/** What people typed (names, notes, reasons, places): their words, in whatever language they wrote them. */
const TYPED = ['Lucía Pérez', 'Mateo Gómez', 'Camila Ruiz', 'Ana Díaz', 'presentada en Tapachula', 'Estación migratoria de Tapachula', 'la fecha estaba mal escrita', 'nadie contesta en la estación', 'nadie contesta', 'Equipo Sur'];
const withoutTyped = (text: string) => TYPED.reduce((t, s) => t.split(s).join(' '), text);
const HOUR = 3600_000;
const instantAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

async function ok(method: string, path: string, body: unknown, as: StaffKey = 'ana') {
  const r = await h.http(method, path, { as, body });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r;
}

beforeAll(async () => {
  h = await startApiHarness('every-page-in-spanish');
  const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.sofia.id, lawyer: STAFF.carla.id };
  // ES-1: entered 70 days ago, so the filing window (30 business days) was missed, then the claim filed
  // by a representative: the window is met late, ratification and the weekly signature open.
  await ok('POST', '/api/cases', { caseId: 'ES-1', child: { name: 'Lucía Pérez', nationality: 'Honduras' }, entryDate: daysAgo(70), assignments }, 'eva'); // only an admin chooses a case id
  await ok('POST', '/api/cases/ES-1/events', { type: 'asylum_claim_filed', occurredAt: daysAgo(4), byRepresentative: true, signatureWeekday: 'Monday', note: 'presentada en Tapachula' });
  await ok('POST', '/api/cases/ES-1/events', { type: 'comar_extension_notified', occurredAt: daysAgo(1), days: 10 });
  // ES-2: a detained child: hour-counted alarms, a manual escalation and an acknowledgement.
  await ok('POST', '/api/cases', { caseId: 'ES-2', child: { name: 'Mateo Gómez', nationality: 'Guatemala' }, entryDate: daysAgo(3), assignments }, 'eva'); // only an admin chooses a case id
  await ok('POST', '/api/cases/ES-2/events', { type: 'detention_started', occurredAt: instantAgo(2 * HOUR), place: 'Estación migratoria de Tapachula' });
  // ES-3: a negative decision: appeal, amparo and nulidad terms; then a correction of its date.
  await ok('POST', '/api/cases', { caseId: 'ES-3', child: { name: 'Camila Ruiz', nationality: 'Honduras' }, entryDate: daysAgo(120), assignments }, 'eva'); // only an admin chooses a case id
  await ok('POST', '/api/cases/ES-3/events', { type: 'asylum_claim_filed', occurredAt: daysAgo(100) });
  await ok('POST', '/api/cases/ES-3/events', { type: 'decision_notified', occurredAt: daysAgo(3), outcome: 'denied' });
  const timeline = await eventually(async () => {
    const t = await ok('GET', '/api/cases/ES-3/timeline', undefined);
    const seq = (t.json as { seq: number; type: string }[]).find((e) => e.type === 'decision_notified')?.seq;
    if (!seq) throw new Error('not projected yet');
    return seq;
  });
  await ok('POST', `/api/cases/ES-3/events/${timeline}/correct`, { reason: 'la fecha estaba mal escrita', event: { type: 'decision_notified', occurredAt: daysAgo(2), outcome: 'denied' } });
  const es2 = await eventually(async () => {
    const c = await ok('GET', '/api/cases/ES-2', undefined);
    const d = (c.json.deadlines as { id: string; ruleId: string; nextStep: unknown }[]).find((x) => x.ruleId === 'detention_36h' && x.nextStep);
    if (!d) throw new Error('not projected yet');
    return d;
  });
  await ok('POST', '/api/cases/ES-2/escalations', { deadlineId: es2.id.split(':')[1]!.replace('.', '#'), reason: 'nadie contesta en la estación' }, 'sofia');
  // Once the first alarm reached her, Ana says she is on it.
  await eventually(async () => {
    const c = await ok('GET', '/api/cases/ES-2', undefined);
    for (const d of c.json.deadlines as { id: string }[]) {
      if ((await h.http('POST', `/api/deadlines/${encodeURIComponent(d.id)}/acknowledge`, { as: 'ana', body: {} })).status === 200) return;
    }
    throw new Error('nothing sent to Ana yet');
  }, 60_000, 1000);
  await eventually(async () => {
    const t = await ok('GET', '/api/cases/ES-2/timeline', undefined);
    if (!(t.json as { type: string }[]).some((e) => e.type === 'acknowledged')) throw new Error('not yet');
  });
}, 240_000);

afterAll(async () => {
  await h?.teardown();
});

/** A page as `who` reads it in `lang`. */
async function pageText(who: StaffKey, path: string, lang: 'es' | 'en' = 'es', post?: Record<string, string>): Promise<string> {
  const headers: Record<string, string> = { cookie: `plazo_session=${encodeURIComponent(h.tokens[who])}; plazo_lang=${lang}`, origin: h.base };
  let body: string | undefined;
  if (post) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(post).toString();
  }
  const res = await fetch(`${h.base}${path}`, { method: post ? 'POST' : 'GET', headers, body, redirect: 'manual' });
  const text = await res.text();
  if (res.status >= 300 && res.status < 400) throw new Error(`${path} as ${who}: redirected to ${res.headers.get('location')}`);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  return visibleText(text);
}

const ROLES: StaffKey[] = ['ana', 'sofia', 'carla', 'dora', 'eva'];
const PAGES: Record<StaffKey, string[]> = {
  ana: ['/cases', '/cases/ES-1', '/cases/ES-2', '/cases/ES-3', '/agenda', '/agenda?view=day', '/cases/new', '/nowhere'],
  sofia: ['/cases', '/cases/ES-1', '/cases/ES-2', '/cases/ES-3', '/agenda', '/inbox', '/dashboard', '/cases/new', '/import'],
  carla: ['/cases', '/cases/ES-1', '/cases/ES-2', '/cases/ES-3', '/agenda'],
  dora: ['/cases', '/cases/ES-2', '/agenda', '/inbox', '/dashboard'],
  eva: ['/cases', '/cases/ES-1', '/cases/ES-2', '/cases/ES-3', '/agenda', '/inbox', '/dashboard', '/cases/new', '/admin/overlays', '/admin/closures', '/admin/lists', '/admin/lists?list=places', '/admin/lists?list=nationalities', '/admin/users', '/admin/status', '/import'],
  luis: [],
  beto: [],
  diego: [],
};

/** A sheet to import: a good row and one with a date that does not exist (the sheet's headers are the template's, in Spanish: its data). */
function importCsv(): string {
  const row = (file: string, name: string, birthDate: string): Partial<Record<ImportColumnKey, string>> => ({
    fileNumber: file, childName: name, birthDate, nationality: 'Honduras', entryDate: daysAgo(40), office: 'COMAR CDMX',
    caseworker: STAFF.ana.email, supervisor: STAFF.sofia.email, lawyer: STAFF.carla.email, procuraduriaNotified: daysAgo(39), asylumClaimFiled: daysAgo(30),
  });
  const rows = [row('IMP-1', 'Ana Díaz', daysAgo(365 * 13)), row('IMP-2', 'Camila Ruiz', '30/02/2013')];
  return Buffer.from(stringify([IMPORT_COLUMNS.map((c) => c.header), ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))])).toString('base64');
}

/** The page of an import run in the background (POST /import/run redirects to it), once it has finished. */
async function importRunText(lang: 'es' | 'en'): Promise<string> {
  const cookie = `plazo_session=${encodeURIComponent(h.tokens.sofia)}; plazo_lang=${lang}`;
  const body = new URLSearchParams({ 'file.name': 'casos.csv', 'file.contentBase64': importCsv() }).toString();
  const res = await fetch(`${h.base}/import/run`, { method: 'POST', headers: { cookie, origin: h.base, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
  expect(res.status).toBe(303);
  const path = res.headers.get('location')!;
  expect(path).toMatch(/^\/import\/runs\/[\w-]+$/);
  return eventually(async () => {
    const html = await (await fetch(`${h.base}${path}`, { headers: { cookie } })).text();
    if (!html.includes('id="import-result"')) throw new Error('the import is still running');
    return pageText('sofia', path, lang);
  }, 90_000, 1000);
}

/** Each page with its leftovers, so a failure names the page and the words. */
async function leftoversOf(lang: 'es' | 'en'): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const check = (where: string, text: string) => {
    const words = lang === 'es' ? englishLeftovers(withoutTyped(text)) : spanishLeftovers(withoutTyped(text));
    // People by name, never by their id (the people page, where an admin manages ids, aside).
    if (!where.startsWith('/admin/users')) words.push(...Object.values(STAFF).map((p) => p.id).filter((id) => new RegExp(`\\b${id}\\b`).test(text)));
    if (process.env.PLAZO_LEFTOVER_DUMP) writeFileSync(join(process.env.PLAZO_LEFTOVER_DUMP, `${lang}-${where.replace(/\W+/g, '_')}.txt`), `${words.join(' ')}\n----\n${text}`);
    if (words.length) found[where] = words;
  };
  check('/login', await pageText('ana', '/login', lang));
  for (const who of ROLES) for (const path of PAGES[who]) check(`${path} as ${STAFF[who].role}`, await pageText(who, path, lang));
  // Validation messages, as the forms show them.
  check('new case without a name', await pageText('ana', '/cases/new', lang, { 'child.name': '', entryDate: '' }));
  check('new case with a bad date', await pageText('ana', '/cases/new', lang, { 'child.name': 'Ana Díaz', entryDate: '2026-02-30' }));
  check('an event the case refuses', await pageText('ana', '/cases/ES-2/events', lang, { type: 'detention_ended', date: daysAgo(400), time: '10:00' }));
  check('an escalation without a reason', await pageText('sofia', '/cases/ES-1/escalations', lang, { reason: 'x' }));
  check('an import without a file', await pageText('sofia', '/import/preview', lang, { 'file.name': '', 'file.contentBase64': '' }));
  // The sheet's headers are its data: the page names a column as the sheet does.
  const sheetHeaders = (text: string) => IMPORT_COLUMNS.reduce((t, c) => t.split(c.header).join(' '), text);
  check('an import preview with a bad row', sheetHeaders(await pageText('sofia', '/import/preview', lang, { 'file.name': 'casos.csv', 'file.contentBase64': importCsv() })));
  check('an import run with a bad row, finished', sheetHeaders(await importRunText(lang)));
  check('a bad agenda filter', await pageText('carla', '/agenda?from=2026-13-01', lang));
  check('an acuerdo with a day of another year', await pageText('eva', '/admin/closures/preview', lang, { authority: 'TFJA', year: '2044', citation: 'DOF 14-12-2043', published: '2043-12-14', dates: '2045-01-02' }));
  return found;
}

test('every page, as every role, is entirely in Spanish', async () => {
  expect(await leftoversOf('es')).toEqual({});
});

test('every page, as every role, has no Spanish leftovers in English', async () => {
  expect(await leftoversOf('en')).toEqual({});
});

test('every email the cases sent to Spanish readers is entirely in Spanish', async () => {
  const spanishReaders = new Set<string>(Object.values(STAFF).filter((p) => p.language === 'es').map((p) => p.email));
  const mails = await eventually(async () => {
    const m = h.mail.messages.filter((x) => x.to.some((t) => spanishReaders.has(t)));
    if (m.length < 2) throw new Error(`only ${m.length} emails so far`);
    return m;
  }, 60_000);
  const found: Record<string, string[]> = {};
  for (const m of mails) {
    const words = englishLeftovers(withoutTyped(`${m.subject}\n${m.text}`));
    if (words.length) found[m.subject] = words;
  }
  expect(found).toEqual({});
});

test('every email the cases sent to English readers has no Spanish left in it', async () => {
  const englishReaders = new Set<string>(Object.values(STAFF).filter((p) => p.language === 'en').map((p) => p.email));
  const mails = await eventually(async () => {
    const m = h.mail.messages.filter((x) => x.to.some((t) => englishReaders.has(t)));
    if (m.length < 1) throw new Error('no email to an English reader yet');
    return m;
  }, 60_000);
  const found: Record<string, string[]> = {};
  for (const m of mails) {
    const words = spanishLeftovers(withoutTyped(`${m.subject}\n${m.text}`));
    if (words.length) found[m.subject] = words;
  }
  expect(found).toEqual({});
});

test('every email template is entirely in Spanish', () => {
  const deadline = { ruleId: 'detention_36h', title: '36-hour limit on administrative detention', citation: 'CPEUM art. 21', due: '2026-11-30T14:00:00-06:00', dueLatest: '2026-11-30T14:00:00-06:00', kind: 'law' as const, explanation: 'Term: 36 horas, CPEUM art. 21. Counted on the clock from 2026-11-29T02:00:00Z: every day counts and closures do not stop it; due 2026-11-30T14:00:00Z.' };
  const kinds: StepMessageInput['kind'][] = ['reminder', 'alarm', 'due', 'overdue', 'director', 'escalation', 'delivery_failed', 'summary'];
  const found: Record<string, string[]> = {};
  for (const kind of kinds) {
    const m = renderStepMessage({
      lang: 'es',
      caseId: 'ES-9',
      link: 'http://plazo.test/cases/ES-9',
      kind,
      deadline,
      remaining: 'faltan 3 horas',
      reason: 'nadie contesta',
      by: 'Sofía',
      summary: kind === 'summary' ? [{ ruleId: 'asylum_filing_window', title: 'Refugee claim filing window', citation: 'LRPCAP art. 18', due: '2026-10-26', missed: true }] : undefined,
    });
    const words = englishLeftovers(withoutTyped(`${m.subject}\n${m.body}`));
    if (words.length) found[kind] = words;
  }
  expect(found).toEqual({});
});

test('the constancia PDF and the calendar feed are entirely in Spanish', async () => {
  const pdf = await fetch(`${h.base}/cases/ES-1/constancia.pdf`, { headers: { cookie: `plazo_session=${encodeURIComponent(h.tokens.carla)}; plazo_lang=es` } });
  expect(pdf.status).toBe(200);
  expect(englishLeftovers(withoutTyped(await pdfText(Buffer.from(await pdf.arrayBuffer()))))).toEqual([]);

  const link = await ok('POST', '/api/me/calendar-link', {}, 'ana');
  const feedUrl = String(link.json.https ?? link.json.url ?? Object.values(link.json).find((v) => typeof v === 'string' && /^https?:/.test(v)));
  const feed = await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, h.base));
  expect(feed.status).toBe(200);
  // Only the lines a calendar app shows: the titles, descriptions and alarm texts (unfolded).
  const shown = (await feed.text()).replace(/\r\n[ \t]/g, '').split(/\r\n/).filter((l) => /^(SUMMARY|DESCRIPTION|LOCATION|X-WR-CALNAME|X-WR-CALDESC)[;:]/.test(l)).map((l) => l.replace(/^[^:]*:/, '').replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1'));
  expect(shown.length).toBeGreaterThan(0);
  expect(englishLeftovers(withoutTyped(shown.join('\n')))).toEqual([]);
});
