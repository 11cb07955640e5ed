/**
 * The import page (issue 27 item 2) in headless chromium at 390 px, in Spanish, against the real stack:
 * a supervisor uploads a small CSV with one bad row, sees that row's error naming its column and the good
 * rows' deadlines; a column left out of the mapping is an error at its select; the import runs in the
 * background, its page showing its progress until it is done, then the good cases opened (they appear in
 * the case list) and its report in Spanish; a second import of the same file changes nothing. A run the
 * API lost (a restart) shows as interrupted, saying to import again. Dates are counted back from today,
 * so the test holds on any day.
 */
import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../domain/import/columns';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';

let h: ApiHarness;
let browser: Browser;
const csvPath = join(mkdtempSync(join(tmpdir(), 'plazo-import-page-')), 'casos.csv');
const LONG = 180_000;

type Row = Partial<Record<ImportColumnKey, string>>;
const row = (n: number, name: string): Row => ({
  fileNumber: `WEB-${n}`,
  childName: name,
  birthDate: daysAgo(365 * 13),
  nationality: 'Honduras',
  entryDate: daysAgo(40),
  office: 'COMAR CDMX',
  caseworker: STAFF.ana.email,
  supervisor: STAFF.sofia.email,
  lawyer: STAFF.carla.email,
  procuraduriaNotified: daysAgo(39),
});
const ROWS: Row[] = [row(1, 'Rosa Importada'), { ...row(2, 'Pedro Mal Escrito'), birthDate: '30/02/2013' }, { ...row(3, 'Luz Importada'), asylumClaimFiled: daysAgo(30) }];

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('import-page'), launchBrowser({ width: 390, height: 844 })]);
  writeFileSync(csvPath, stringify([IMPORT_COLUMNS.map((c) => c.header), ...ROWS.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))]));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

const count = async (table: 'cases' | 'case_timeline') => Number((await h.pg.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const text = async (page: Page, selector: string) => (await page.textContent(selector))?.replace(/\s+/g, ' ').trim() ?? '';

/** From the import page: choose the file, wait until it is read, and see its preview. */
async function uploadAndPreview(page: Page): Promise<void> {
  await page.goto(`${h.base}/import?lang=es`);
  await page.setInputFiles('#import-file', csvPath);
  await page.waitForSelector('#import-preview:enabled');
  const [res] = await Promise.all([page.waitForNavigation(), page.click('#import-preview')]);
  expect(res?.status()).toBe(200);
}

/** The import: to its run page, which shows its progress and draws itself again until the import is done. */
async function importGood(page: Page): Promise<void> {
  const [res] = await Promise.all([page.waitForNavigation({ timeout: LONG }), page.click('#import-run')]);
  expect(res?.status()).toBe(200);
  expect(page.url()).toMatch(/\/import\/runs\/[0-9a-f-]{36}$/);
  const first = await page.getAttribute('#import-progress', 'data-status');
  if (first === 'running') expect(await text(page, '#import-progress')).toMatch(/Importando… esta página se actualiza sola.*(Revisando la hoja…|\d+ de \d+ filas hechas)/);
  await page.waitForSelector('#import-progress[data-status="done"]', { timeout: LONG });
  expect(await text(page, '#import-state')).toBe('Importación terminada. Sale ahora un resumen por persona de lo que sigue abierto.');
}

test('a CSV with one bad row: the error names its column; the good rows are imported and listed; a second import changes nothing', async () => {
  const page = await signedInPage(browser, h.base, h.tokens.sofia);
  await page.goto(`${h.base}/cases?lang=es`);
  expect(await page.locator('header a[href="/import"]').textContent()).toBe('Importar');

  // The template to download.
  const [template] = await Promise.all([page.waitForEvent('download'), page.goto(`${h.base}/import`).then(() => page.click('a[href="/import/template.csv"]'))]);
  expect(template.suggestedFilename()).toBe('plazo-casos.csv');

  await uploadAndPreview(page);
  // The automatic mapping, one select per field.
  expect(await page.inputValue('select[name="mapping.fileNumber"]')).toBe('Expediente');
  expect(await page.inputValue('select[name="mapping.birthDate"]')).toBe('Fecha de nacimiento');
  expect(await text(page, '#import-summary')).toBe('3 filas: 2 se abrirá, 1 con errores: no se importa.');
  // The bad row (sheet row 3) names its column, in Spanish.
  expect(await page.getAttribute('tr[data-row="3"]', 'data-status')).toBe('error');
  expect(await text(page, 'tr[data-row="3"] .import-errors')).toBe('Columna «Fecha de nacimiento»: La fecha de nacimiento: esa fecha no existe (escríbala AAAA-MM-DD).');
  // The good rows: their deadlines, and whether an alarm would go out now.
  for (const r of [2, 4]) {
    expect(await page.getAttribute(`tr[data-row="${r}"]`, 'data-status')).toBe('new');
    expect(await page.locator(`tr[data-row="${r}"] ul.dl li`).count()).toBeGreaterThan(0);
    expect(await text(page, `tr[data-row="${r}"]`)).toMatch(/Alarmas que saldrían ahora|Ninguna alarma saldría ahora/);
  }
  expect(await count('cases')).toBe(0);
  const { scroll, viewport } = await page.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
  expect(scroll).toBeLessThanOrEqual(viewport);
  if (process.env.PLAZO_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/import-preview-390.png', fullPage: true });

  // A required column left out of the mapping: the error at its select, the file still there to fix it.
  await page.click('#import-mapping summary').catch(() => undefined);
  await page.selectOption('select[name="mapping.childName"]', '');
  let [res] = await Promise.all([page.waitForNavigation(), page.click('#import-repreview')]);
  expect(res?.status()).toBe(422);
  expect(await text(page, '[data-error-for="mapping.childName"]')).toBe('La hoja no tiene columna para «Nombre»: elija de qué columna de la hoja se lee.');
  expect(await page.getAttribute('select[name="mapping.childName"]', 'aria-invalid')).toBe('true');
  expect(await count('cases')).toBe(0);
  await page.selectOption('select[name="mapping.childName"]', 'Nombre');
  [res] = await Promise.all([page.waitForNavigation(), page.click('#import-repreview')]);
  expect(res?.status()).toBe(200);
  expect(await text(page, '#import-summary')).toBe('3 filas: 2 se abrirá, 1 con errores: no se importa.');

  // The import: the good rows opened, the bad one refused, a report to download.
  await importGood(page);
  expect(await text(page, '#import-done')).toBe('2 de 2 filas hechas');
  expect(await text(page, '#import-counts')).toBe('2 abiertos · 0 completados · 0 fallidos');
  expect(await text(page, '#import-summary')).toBe('3 filas: 2 abierto, 1 con errores: no se importa.');
  expect(await page.locator('tr[data-status="opened"] a[href^="/cases/"]').count()).toBe(2);
  const href = (await page.getAttribute('#import-report', 'href'))!;
  const download = await page.request.get(`${h.base}${href}`);
  expect(download.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const report = await download.text();
  // Spanish titles and words, not English or raw ids (the reader's language: this page's).
  expect(report.split('\r\n')[0]).toBe('\uFEFFFila,Expediente,Estado,Caso,Columna,Error,Plazos,Alarmas al importar,Avisos no enviados (antes de Plazo)');
  expect(report).toContain('WEB-2');
  expect(report).toContain('La fecha de nacimiento: esa fecha no existe');
  expect(report).not.toMatch(/asylum_filing_window|alarm-\d|caseworker|\(open\)/);
  const wide = await page.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
  expect(wide.scroll).toBeLessThanOrEqual(wide.viewport);
  if (process.env.PLAZO_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/import-result-390.png', fullPage: true });
  expect(await count('cases')).toBe(2);
  const timeline = await count('case_timeline');

  await page.goto(`${h.base}/cases?lang=es`);
  const list = await text(page, 'main');
  expect(list).toContain('Rosa Importada');
  expect(list).toContain('Luz Importada');
  expect(list).not.toContain('Pedro Mal Escrito');

  // The same file again: previewed as already in Plazo, and the import changes nothing.
  await uploadAndPreview(page);
  expect(await text(page, '#import-summary')).toBe('3 filas: 2 ya en Plazo: no cambia, 1 con errores: no se importa.');
  await importGood(page);
  expect(await text(page, '#import-summary')).toBe('3 filas: 2 ya en Plazo: sin cambios, 1 con errores: no se importa.');
  expect(await count('cases')).toBe(2);
  expect(await count('case_timeline')).toBe(timeline);

  // One summary per person for the import (caseworker, supervisor, lawyer), not one per case; the second import sent none.
  const summaries = await eventually(async () => {
    const sent = await h.pg.db.selectFrom('notifications').select(['recipient', 'subject', 'body', 'case_id']).where('step', '=', 'import_summary').execute();
    if (sent.length < 3) throw new Error(`${sent.length} summaries so far`);
    return sent;
  });
  expect(summaries.map((s) => s.recipient).sort()).toEqual([STAFF.ana.email, STAFF.carla.email, STAFF.sofia.email].sort());
  const sofia = summaries.find((s) => s.recipient === STAFF.sofia.email)!;
  expect(sofia.subject).toBe('[Plazo] 2 casos suyos importados: lo que sigue abierto');
  expect(sofia.body).toContain('(WEB-1) · Rosa Importada');
  expect(sofia.body).toContain('(WEB-3) · Luz Importada');
  expect(await h.pg.db.selectFrom('notifications').select('id').where('step', '=', 'summary').execute()).toEqual([]);
  await page.close();
}, 600_000);

test('a run page follows the run by itself; a run the API lost (it restarted mid-import) shows as interrupted, saying to import the same sheet again', async () => {
  const page = await signedInPage(browser, h.base, h.tokens.sofia);
  const id = '00000000-0000-4000-8000-000000000027';
  await h.pg.db
    .insertInto('import_runs')
    .values({ id, import_run: 'lost', file_name: 'casos.xlsx', user_id: STAFF.sofia.id, status: 'running', total: 500, done: 120, opened: 118, failed: 2 })
    .execute();
  const res = await page.goto(`${h.base}/import/runs/${id}?lang=es`);
  expect(res?.status()).toBe(200);
  expect(await page.getAttribute('#import-progress', 'data-running')).toBe('1');
  expect(await text(page, '#import-state')).toBe('Importando… esta página se actualiza sola; puede dejarla y volver.');
  expect(await text(page, '#import-done')).toBe('120 de 500 filas hechas');
  const wide = await page.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
  expect(wide.scroll).toBeLessThanOrEqual(wide.viewport);
  // The run goes on: the page shows it without anyone reloading it.
  await h.pg.db.updateTable('import_runs').set({ done: 300, opened: 298, heartbeat_at: new Date() }).where('id', '=', id).execute();
  await page.locator('#import-done', { hasText: '300 de 500 filas hechas' }).waitFor({ timeout: 15_000 });
  // Then its heartbeat stops (the API restarted): interrupted, and the page stops drawing itself again.
  await h.pg.db.updateTable('import_runs').set({ done: 120, opened: 118, heartbeat_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', id).execute();
  await page.waitForSelector('#import-progress[data-status="interrupted"]', { timeout: 15_000 });
  expect(await page.getAttribute('#import-progress', 'data-running')).toBe('0');
  expect(await text(page, '#import-state')).toBe('La importación se interrumpió (el servidor se reinició). Importe la misma hoja otra vez para continuar: lo ya importado no cambia.');
  expect(await text(page, '#import-done')).toBe('120 de 500 filas hechas');
  expect(await text(page, '#import-counts')).toBe('118 abiertos · 0 completados · 2 fallidos');
  expect(await page.locator('#import-again[href="/import"]').count()).toBe(1);
  // Only its starter (or an admin) sees a run.
  const other = await signedInPage(browser, h.base, h.tokens.beto);
  expect((await other.goto(`${h.base}/import/runs/${id}`))?.status()).toBe(404);
  await Promise.all([page.close(), other.close()]);
}, 120_000);

test('no file chosen, or a file that is not a sheet: a clear error at the file input, nothing stored', async () => {
  const before = await count('cases');
  const page = await signedInPage(browser, h.base, h.tokens.sofia);
  const post = (form: Record<string, string>) => page.request.post(`${h.base}/import/preview?lang=es`, { form, headers: { origin: h.base } });
  let res = await post({ 'file.name': '', 'file.contentBase64': '' });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('data-error-for="file">Falta el archivo.');
  res = await post({ 'file.name': 'casos.pdf', 'file.contentBase64': Buffer.from('%PDF-1.4').toString('base64') });
  expect(res.status()).toBe(422);
  expect(await res.text()).toContain('data-error-for="file">El archivo: debe ser un archivo .xlsx o .csv.');
  // A caseworker may not import.
  const ana = await signedInPage(browser, h.base, h.tokens.ana);
  expect((await ana.goto(`${h.base}/import`))?.status()).toBe(403);
  expect(await ana.locator('header a[href="/import"]').count()).toBe(0);
  expect(await count('cases')).toBe(before);
  await Promise.all([page.close(), ana.close()]);
}, 120_000);
