/**
 * Closures by year over the real stack (dev server, Postgres, SMTP): the API and the admin page refuse a
 * bad acuerdo naming the field and store nothing; only admins may load; the page previews what an acuerdo
 * moves, then loads it on confirmation; loading it again changes nothing. The recount and its emails are
 * worked by hand in workflows/closuresByYear.test.ts; here the year is far ahead, so no open case moves.
 */
import { startApiHarness, type ApiHarness } from './apiHarness';
import { visibleText } from './languageLeftovers';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('closures-admin');
});
afterAll(() => h?.teardown());

const acuerdo = { authority: 'INM', office: 'Tapachula', year: 2044, citation: 'DOF 14-12-2043 (test fixture)', published: '2043-12-14', dates: [{ start: '2044-02-01' }, { start: '2044-07-18', end: '2044-07-29' }] };
const stored = () => h.pg.db.selectFrom('overlays').select('id').orderBy('id').execute();

async function page(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = { cookie: `plazo_session=${encodeURIComponent(h.tokens.eva)}; plazo_lang=es`, origin: h.base };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${h.base}${path}`, { method, headers, body: form && new URLSearchParams(form).toString(), redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: visibleText(await res.text()) };
}

test('the API refuses a bad acuerdo naming the field, and a non-admin, storing nothing', async () => {
  const bad = await h.http('POST', '/api/closures', { as: 'eva', body: { ...acuerdo, dates: [{ start: '2044-02-01' }, { start: '2045-01-02' }] } });
  expect(bad.status).toBe(400);
  expect(bad.json.error).toMatchObject({ field: 'dates[1].start', message: "2045-01-02 is not in 2044, the acuerdo's year" });
  const noYear = await h.http('POST', '/api/closures/preview', { as: 'eva', body: { ...acuerdo, year: 'next' } });
  expect(noYear.json.error).toMatchObject({ field: 'year' });
  expect((await h.http('POST', '/api/closures', { as: 'ana', body: acuerdo })).status).toBe(403);
  // An office the list of offices does not know: refused, as an intake or an overlay naming it is.
  const mars = await h.http('POST', '/api/closures', { as: 'eva', body: { ...acuerdo, office: 'Oficina de Marte' } });
  expect({ status: mars.status, field: mars.json.error.field }).toEqual({ status: 422, field: 'office' });
  expect(mars.json.error.message).toContain("unknown office 'Oficina de Marte'");
  const overlay = { id: 'marte-closure', kind: 'closure', start: '2044-03-01', end: '2044-03-02', scope: { agency: 'COMAR', office: 'Oficina de Marte' }, citation: { dof: '2044-02-20', title: 'Acuerdo de prueba' } };
  const badOverlay = await h.http('POST', '/api/overlays', { as: 'eva', body: overlay });
  expect({ status: badOverlay.status, field: badOverlay.json.error.field }).toEqual({ status: 422, field: 'scope.office' });
  expect(await stored()).toEqual([]);
});

test('the admin page previews an acuerdo, loads it on confirmation, and a second load changes nothing', async () => {
  const form = { authority: 'INM', office: 'Tapachula', year: '2044', citation: 'DOF 14-12-2043 (test fixture)', published: '2043-12-14', url: '', dates: '2044-02-01\n2044-07-18..2044-07-29' };
  const empty = await page('GET', '/admin/closures');
  expect(empty.status).toBe(200);
  expect(empty.text).toContain('Días inhábiles por año');

  const wrong = await page('POST', '/admin/closures/preview', { ...form, dates: '2044-02-01\n2045-01-02' });
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain('La fecha de inicio: no cae en 2044, el año del acuerdo.');
  expect(await stored()).toEqual([]);

  const preview = await page('POST', '/admin/closures/preview', form);
  expect(preview.status).toBe(200);
  expect(preview.text).toContain('Vista previa: todavía no se guarda nada');
  expect(preview.text).toContain('2 cierres');
  expect(preview.text).toContain('Ningún caso abierto cambia.');
  expect(await stored()).toEqual([]);

  const loaded = await page('POST', '/admin/closures', form);
  expect(loaded).toMatchObject({ status: 303, location: '/admin/closures?loaded=2&cases=0' });
  expect(await stored()).toEqual([{ id: 'inm-tapachula-2044-dof2043-12-14-01' }, { id: 'inm-tapachula-2044-dof2043-12-14-02' }]);
  expect((await page('GET', loaded.location!)).text).toContain('Se cargaron 2 cierres; 0 casos recalculados.');

  const again = await page('POST', '/admin/closures', form);
  expect(again).toMatchObject({ status: 303, location: '/admin/closures?loaded=0&cases=0' });
  expect((await page('GET', again.location!)).text).toContain('Ya estaba cargado: nada cambió y no se avisó a nadie.');
  const api = await h.http('POST', '/api/closures', { as: 'eva', body: acuerdo });
  expect(api.status).toBe(200);
  expect(api.json).toMatchObject({ alreadyLoaded: true, changes: [], casesNotified: [] });
  expect(await stored()).toHaveLength(2);
  // The overlays list shows them like any closure, with their citation.
  const list = await h.http('GET', '/api/overlays', { as: 'eva' });
  expect(list.json.filter((o: { overlay: { id: string } }) => o.overlay.id.startsWith('inm-tapachula-2044-')).map((o: { overlay: { annual: boolean; citation: { dof: string } } }) => [o.overlay.annual, o.overlay.citation.dof])).toEqual([
    [true, '2043-12-14'],
    [true, '2043-12-14'],
  ]);
});

test('loads of one acuerdo at the same time: one stores it, the others answer that it is loaded, none fails', async () => {
  const same = { ...acuerdo, year: 2045, citation: 'DOF 14-12-2044 (test fixture)', published: '2044-12-14', dates: [{ start: '2045-02-06' }, { start: '2045-07-17', end: '2045-07-28' }] };
  const loads = Array.from({ length: 8 }, (_, i) => i);
  // Connections opened first (kept alive), so the loads reach the API together rather than one per connect.
  await Promise.all(loads.map(() => h.http('GET', '/api/overlays', { as: 'eva' })));
  const answers = await Promise.all(loads.map(() => h.http('POST', '/api/closures', { as: 'eva', body: same })));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
  expect(answers.filter((a) => a.json.alreadyLoaded === false)).toHaveLength(1);
  expect((await stored()).filter((r) => r.id.includes('-2045-'))).toEqual([{ id: 'inm-tapachula-2045-dof2044-12-14-01' }, { id: 'inm-tapachula-2045-dof2044-12-14-02' }]);
});
