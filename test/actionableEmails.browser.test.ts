/**
 * Emails one can act on, read as a person reads them: a real SMTP server keeps the message, mailparser
 * reads it, and the "I'm on it" link is opened in a real browser at phone width (390 px). The dates are
 * checked against an instant this test chose, written out with Intl (not the code under test's luxon).
 */
import type { CaughtMail } from '../dev/mailCatcher';
import { todayInMexico } from '../domain/time/instant';
import { eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';

let h: ApiHarness;
let browser: Browser;
const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('actionable-emails'), launchBrowser({ width: 390, height: 844 })]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

/** "lunes 30 de noviembre de 2026, 14:36" in Mexico City, by Intl: the words a Spanish reader expects. */
function spanishWords(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} de ${parts.month} de ${parts.year}, ${parts.hour}:${parts.minute}`;
}

const ackLinkIn = (m: CaughtMail) => /http:\/\/plazo\.test(\/ack\/plzack_[A-Za-z0-9_-]{43})/.exec(m.text)?.[1];
const acksOf = async (caseId: string) =>
  ((await h.http('GET', `/api/cases/${caseId}`, { as: 'beto' })).json.deadlines as any[]).find((d) => d.deadlineId === 'child_detention_notice').acknowledgements as any[];

test("a detention alarm says what to do and by when in words, names people, and its one-click link acknowledges exactly that alarm for that person, once", async () => {
  expect((await h.http('POST', '/api/cases', { as: 'eva', body: { caseId: 'ACK-1', child: { name: 'Mariana López' }, office: 'CDMX', assignments } })).status).toBe(201);
  // The instant the test chose: half an hour ago, to the minute (never in the future whatever the hour).
  const detainedAt = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;
  const detained = await h.http('POST', '/api/cases/ACK-1/events', { body: { type: 'detention_started', occurredAt: new Date(detainedAt).toISOString(), place: 'EM Tapachula' } });
  expect(detained.status).toBe(200);

  // The notice's alarm (since mx-2027.2 a child's detention also raises amparo_now's: LM art. 99).
  const alarmTo = (email: string) => (m: CaughtMail) =>
    m.to.includes(email) && m.subject.includes('ACK-1') && /ALERT/.test(m.subject) && (m.headers['x-plazo-idempotency-key'] ?? '').startsWith('ACK-1/child_detention_notice/');
  const [ana] = await h.mail.waitFor(1, { match: alarmTo(STAFF.ana.email), timeoutMs: 30_000 });
  const [carla] = await h.mail.waitFor(1, { match: alarmTo(STAFF.carla.email), timeoutMs: 30_000 });
  const text = ana!.text;
  expect(text).toContain('Hola, Ana:');
  // The notice to the Procuraduría is owed at once (0 h): "by when" is the detention instant itself.
  expect(text).toContain(`A más tardar: ${spanishWords(detainedAt)} (hora de la Ciudad de México)`);
  expect(text).toMatch(/Qué hacer: .+/);
  expect(text).toContain('trabajo social: Ana · supervisión: Beto · abogacía: Carla');
  expect(text).toContain('Ver el caso: http://plazo.test/cases/ACK-1');
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).not.toContain('sup-beto');
  expect(text).not.toContain('Responda');
  const link = ackLinkIn(ana!);
  expect(link).toBeDefined();
  // The link expires a week after the alarm fired (the detention instant is when it fired, within minutes).
  expect(text).toMatch(/El enlace sirve solo para esto y vence el \S+ \d+ de \S+ de \d{4}, \d{2}:\d{2} \(hora de la Ciudad de México\)\./);

  // The token is stored nowhere in clear: the ledger's copy of the email has the link cut, the link table a hash.
  const stored = await h.pg.db.selectFrom('notifications').select('body').where('recipient', '=', STAFF.ana.email).where('case_id', '=', 'ACK-1').execute();
  expect(stored.some((r) => r.body.includes('/ack/[link]'))).toBe(true);
  expect(stored.some((r) => r.body.includes('plzack_'))).toBe(false);
  const hashes = await h.pg.db.selectFrom('ack_links').select('token_hash').execute();
  expect(hashes.some((r) => link!.includes(r.token_hash))).toBe(false);

  // The supervisor's copy is in his English, with his own link.
  const [beto] = await h.mail.waitFor(1, { match: alarmTo(STAFF.beto.email), timeoutMs: 30_000 });
  expect(beto!.text).toContain('Hello Beto,');
  expect(beto!.text).toMatch(/By: \w+day, \w+ \d+, \d{4}, \d+:\d{2} [AP]M \(Mexico City time\)/);
  const betoLink = ackLinkIn(beto!)!;
  expect(betoLink).not.toBe(link);
  const betoPage = await h.http('GET', betoLink, { as: null });
  expect(betoPage.text).toContain('Are you on this deadline?');
  expect(betoPage.text).toContain('Beto');

  // A mail scanner's GET changes nothing.
  const scanned = await h.http('GET', link!, { as: null });
  expect(scanned.status).toBe(200);
  expect(await acksOf('ACK-1')).toEqual([]);

  // The caseworker opens it on her phone: the confirm page, no sign-in, only this deadline.
  const page = await browser.context.newPage();
  await page.context().clearCookies();
  await page.goto(`${h.base}${link}`);
  expect(await page.textContent('h1')).toBe('¿Se encarga de este plazo?');
  expect(await page.textContent('#ack-target')).toContain('Ana');
  expect(await page.textContent('#ack-target')).toContain('ACK-1');
  expect(await page.isVisible('#ack-form button')).toBe(true);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  if (process.env.PLAZO_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/ack-link-390.png' });
  await Promise.all([page.waitForNavigation(), page.click('#ack-form button')]);
  if (process.env.PLAZO_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/ack-link-done-390.png' });
  expect(await page.textContent('.flash')).toContain('quedó registrado que usted se encarga');
  const acks = await acksOf('ACK-1');
  expect(acks).toEqual([{ series: 'alarm', by: STAFF.ana.id, for: STAFF.ana.id, at: expect.any(String), withdrawn: null }]);

  // A second click is harmless: same single acknowledgement.
  await page.goto(`${h.base}${link}`);
  await Promise.all([page.waitForNavigation(), page.click('#ack-form button')]);
  expect(await page.textContent('.flash')).toContain('no cambió nada');
  expect(await acksOf('ACK-1')).toEqual(acks);
  // The link opens nothing else: the case page still asks to sign in.
  await page.goto(`${h.base}/cases/ACK-1`);
  expect(page.url()).toContain('/login');

  // A forged link (one character changed) and an expired one are refused, and nothing changes.
  const carlaLink = ackLinkIn(carla!)!;
  const forged = carlaLink.slice(0, -1) + (carlaLink.endsWith('A') ? 'B' : 'A');
  const forgedPost = await page.request.post(`${h.base}${forged}`, { headers: { origin: h.base } });
  expect(forgedPost.status()).toBe(404);
  await h.pg.db.updateTable('ack_links').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', STAFF.carla.id).execute();
  await page.goto(`${h.base}${carlaLink}`);
  expect(await page.textContent('.error')).toContain('Este enlace venció');
  const expiredPost = await page.request.post(`${h.base}${carlaLink}`, { headers: { origin: h.base } });
  expect(expiredPost.status()).toBe(410);
  expect(await acksOf('ACK-1')).toEqual(acks);
  await page.close();
}, 120_000);

test('a manual escalation without a deadline has a real body: who asked, why, what to do and what is at stake', async () => {
  expect((await h.http('POST', '/api/cases', { as: 'eva', body: { caseId: 'ACK-2', child: { name: 'Luz Pérez' }, entryDate: todayInMexico(Date.now() - 5 * 86_400_000), assignments } })).status).toBe(201);
  const r = await h.http('POST', '/api/cases/ACK-2/escalations', { as: 'beto', body: { reason: 'La familia no contesta desde hace una semana' } });
  expect(r.status).toBe(201);
  const [mail] = await h.mail.waitFor(1, { match: (m) => m.to.includes(STAFF.carla.email) && m.subject.includes('ACK-2'), timeoutMs: 30_000 });
  const text = await eventually(async () => mail!.text);
  expect(text).toContain('Hola, Carla:');
  expect(text).toContain('Se pidió su atención sobre este caso en general');
  expect(text).toMatch(/Qué hacer: Revise el caso/);
  expect(text).toContain('Motivo: La familia no contesta desde hace una semana');
  expect(text).toContain('Escalado por: Beto');
  expect(text).toContain('Plazos vivos del caso:');
  // The filing window (LRPCAP art. 18) is live: listed with its day in words.
  // The filing window is a filing with COMAR: it closes with COMAR's office hours, 18:00 (LFPA arts. 28, 30; mx-2027.1).
  expect(text).toMatch(/LRPCAP art\. 18\): \S+ \d+ de \S+ de \d{4} \(hasta las 18:00, hora de la Ciudad de México, horario de la oficina, LFPA art\. 30\)/);
  expect(text).toContain('Ver el caso: http://plazo.test/cases/ACK-2');
}, 60_000);

test('a person opts in to the daily digest on the preferences page, and out again', async () => {
  const page = await browser.context.newPage();
  await page.context().clearCookies();
  await page.goto(`${h.base}/login`);
  await submitTokenForm(page, h.tokens.luis);
  await page.click('header a[href="/preferences"]');
  await page.waitForURL(/\/preferences$/);
  const digestOf = async () => (await h.pg.db.selectFrom('users').select('daily_digest').where('id', '=', STAFF.luis.id).executeTakeFirstOrThrow()).daily_digest;
  expect(await digestOf()).toBe(false);
  expect(await page.isChecked('#preferences-form input[name=dailyDigest]')).toBe(false);
  await page.check('#preferences-form input[name=dailyDigest]');
  await Promise.all([page.waitForNavigation(), page.click('#preferences-form button[type=submit]')]);
  expect(await page.textContent('.flash')).toBe('Preferences saved.');
  expect(await digestOf()).toBe(true);
  expect(await page.isChecked('#preferences-form input[name=dailyDigest]')).toBe(true);
  await page.uncheck('#preferences-form input[name=dailyDigest]');
  await Promise.all([page.waitForNavigation(), page.click('#preferences-form button[type=submit]')]);
  expect(await digestOf()).toBe(false);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.close();
}, 60_000);
