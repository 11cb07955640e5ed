/** `plazo case open|event|show` and `plazo deadlines`, spawned as the real bin/plazo against a running API. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { computeDeadline } from '../domain';
import { daysAgo, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

const BIN = resolve(__dirname, '../bin/plazo');
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness('cli-cases');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

function plazo(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(BIN, args, { env: { ...process.env, PLAZO_DEBUG: '', PLAZO_API_URL: h.base, PLAZO_TOKEN: h.tokens.ana, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The case the first test opens; the server chooses its id. */
let id = '';

test('case open → case event → case show → deadlines, with the API answering', async () => {
  const opened = await plazo([
    'case', 'open', '--file-number', 'EXP-12/2026', '--child-name', 'Brayan Cruz', '--entry-date', daysAgo(20),
    '--caseworker', STAFF.ana.id, '--supervisor', STAFF.beto.id, '--lawyer', STAFF.carla.id,
  ]);
  expect(opened).toMatchObject({ code: 0, stderr: '' });
  id = /^opened (C-\d{4}-[A-Z0-9]{6}) \(workflow case-\1\)$/m.exec(opened.stdout)?.[1] ?? '';
  expect(id).not.toBe(''); // the server chose it: only an admin chooses a case id
  expect((await h.http('GET', `/api/cases/${id}`)).json.fileNumber).toBe('EXP-12/2026');
  // Titles and local dates, not rule ids and UTC instants; no Temporal UI link for people.
  expect(opened.stdout).toMatch(/Plazo para solicitar el reconocimiento de la condición de refugiado\s+abierto\s+[a-zé]{3}\.? \d{4}-\d{2}-\d{2}/);
  expect(opened.stdout).not.toContain('asylum_filing_window');
  expect(opened.stdout).not.toContain('temporal');

  const filedOn = daysAgo(2);
  const event = await plazo(['case', 'event', id, 'asylum_claim_filed', '--occurred-at', filedOn, '--json']);
  expect(event.code).toBe(0);
  const state = JSON.parse(event.stdout);
  expect(state.phase).toBe('asylum');
  expect(state.deadlines.map((d: any) => d.deadlineId)).toContain('comar_decision');

  const show = await plazo(['case', 'show', id, '--timeline']);
  expect(show.code).toBe(0);
  // The date follows from the day the test chose (the calculator is checked by hand in domain/); where
  // the latest plausible date differs, the CLI shows it beside.
  const decision = computeDeadline({ ruleId: 'comar_decision', trigger: filedOn });
  const row = show.stdout.split('\n').find((line) => line.startsWith('Resolución de la COMAR'));
  expect(row).toContain(decision.due);
  if (decision.dueLatest !== decision.due) expect(row).toContain(`a más tardar`);
  expect(show.stdout).toMatch(/Resolución de la COMAR\s+abierto\s+[a-zé]{3}\.? \d{4}-\d{2}-\d{2}[^\n]*?\s+faltan \d+ días hábiles\s+LRPCAP art\. 24/);
  expect(show.stdout).toContain('Solicitud de refugio presentada');
  // Timeline times in Mexico City's clock, never a UTC instant.
  expect(show.stdout).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Ciudad de México\)/);
  expect(show.stdout).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
  const english = await plazo(['case', 'show', id, '--lang', 'en']);
  expect(english.stdout).toMatch(/COMAR decision\s+open\s+[A-Z][a-z]{2} \d{4}-\d{2}-\d{2}/);
  expect(await plazo(['case', 'show', id, '--lang', 'fr'])).toMatchObject({ code: 2, stderr: "error: lang: must be 'es' or 'en', got 'fr'\n" });

  const list = await plazo(['deadlines', '--within', '90d']);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(new RegExp(`${id}\\s+Resolución de la COMAR`));
});

test('the same validation messages as the API, exit code 2, one line', async () => {
  const invalid = await plazo(['case', 'event', id, 'detention_ended', '--occurred-at', new Date().toISOString()]);
  expect(invalid).toMatchObject({ code: 2, stdout: '', stderr: 'error: type: the child is not detained\n' });

  // After a breach, what happened next: nothing was breached on this case; a release is no return to the country of origin.
  const followUp = await plazo(['case', 'event', id, 'breach_followed_up', '--follow-up', 'child_located']);
  expect(followUp).toMatchObject({ code: 2, stdout: '', stderr: 'error: type: no breached deadline of this case awaits what happened next\n' });
  const released = await plazo(['case', 'event', id, 'child_returned_to_origin', '--exit', 'released']);
  expect(released.code).toBe(2);
  expect(released.stderr).toMatch(/^error: exit: /);

  const future = await plazo(['case', 'event', id, 'sre_opinion_requested', '--occurred-at', '2044-01-01']);
  expect(future).toMatchObject({ code: 2, stderr: 'error: occurredAt: is in the future\n' });

  // Checked locally with the API's schema: same field, same message as the API gives.
  const local = await plazo(['case', 'event', id, 'asylum_claim_filed', '--place', 'x']);
  const api = await h.http('POST', `/api/cases/${id}/events`, { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(0), place: 'x' } });
  expect(local).toMatchObject({ code: 2, stderr: `error: ${api.json.error.field}: ${api.json.error.message}\n` });

  const unknownType = await plazo(['case', 'event', id, 'moved_to_mars']);
  expect(unknownType.code).toBe(2);
  expect(unknownType.stderr).toMatch(/^error: type: must be one of: entered_mexico, /);

  const notMine = await plazo(['case', 'show', id], { PLAZO_TOKEN: h.tokens.luis });
  expect(notMine).toMatchObject({ code: 2, stderr: `error: not_found: no case '${id}'\n` });

  const badToken = await plazo(['deadlines'], { PLAZO_TOKEN: 'plz_wrong-wrong-wrong-wrong' });
  expect(badToken).toMatchObject({ code: 2, stderr: 'error: token: the bearer token is not valid\n' });

  const noToken = await plazo(['deadlines'], { PLAZO_TOKEN: '' });
  expect(noToken.code).toBe(2);
  expect(noToken.stderr).toMatch(/^error: token: is required/);

  const within = await plazo(['deadlines', '--within', 'soon']);
  expect(within).toMatchObject({ code: 2, stderr: "error: within: must be a number of days from 0 to 366 followed by 'd', e.g. 14d\n" });

  const missing = await plazo(['case', 'open', '--child-name', 'X']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^error: caseworker: /);

  const down = await plazo(['deadlines'], { PLAZO_API_URL: 'http://127.0.0.1:9' });
  expect(down.code).toBe(1);
  expect(down.stderr).toMatch(/^error: internal: cannot reach the Plazo API at http:\/\/127\.0\.0\.1:9/);
});

test('case correct | void: the event recounted or voided, with the reason, from the command line', async () => {
  const opened = await plazo(['case', 'open', '--case-id', 'CLI-2', '--child-name', 'Ana Cruz', '--caseworker', STAFF.ana.id, '--supervisor', STAFF.beto.id, '--lawyer', STAFF.carla.id], { PLAZO_TOKEN: h.tokens.eva }); // only an admin chooses a case id
  expect(opened.code).toBe(0);
  expect((await plazo(['case', 'event', 'CLI-2', 'asylum_claim_filed', '--occurred-at', daysAgo(2)])).code).toBe(0);
  expect((await plazo(['case', 'event', 'CLI-2', 'migration_procedure_filed', '--occurred-at', daysAgo(1)])).code).toBe(0);
  const timeline = (await h.http('GET', '/api/cases/CLI-2/timeline')).json;
  const filed = timeline.find((t: any) => t.type === 'asylum_claim_filed').seq;
  const asked = timeline.find((t: any) => t.type === 'migration_procedure_filed').seq;

  const noReason = await plazo(['case', 'correct', 'CLI-2', String(filed), '--occurred-at', daysAgo(9)]);
  expect(noReason.code).not.toBe(0);
  const corrected = await plazo(['case', 'correct', 'CLI-2', String(filed), '--occurred-at', daysAgo(9), '--why', 'fecha mal capturada', '--json']);
  expect(corrected.code).toBe(0);
  expect(JSON.parse(corrected.stdout).deadlines.find((d: any) => d.deadlineId === 'comar_decision').trigger).toBe(daysAgo(9));

  const voided = await plazo(['case', 'void', 'CLI-2', String(asked), '--why', 'no se presentó', '--json']);
  expect(voided.code).toBe(0);
  expect(JSON.parse(voided.stdout).deadlines.find((d: any) => d.deadlineId === 'migration_procedure_answer').status).toBe('cancelled');

  // The timeline names people as the page and the constancia do (one renderer, app/timelineRowText.ts):
  // who recorded each row and who corrected or voided it, never their login id.
  const shown = await plazo(['case', 'show', 'CLI-2', '--timeline']);
  expect(shown.code).toBe(0);
  const rows = shown.stdout.slice(shown.stdout.lastIndexOf('\n#  ') + 1).split('\n');
  const rowOf = (seq: number) => rows.find((line) => new RegExp(`^${seq}\\s`).test(line)) ?? '';
  expect(rowOf(filed)).toMatch(new RegExp(`^${filed}\\s+.+\\s${STAFF.ana.name}\\s+Solicitud de refugio presentada.*\\[corregido \\(#\\d+, ${STAFF.ana.name}\\)\\]`));
  expect(rowOf(asked)).toContain(`[anulado (#`);
  expect(rows.join('\n')).not.toContain(STAFF.ana.id);
  const people = await h.http('GET', '/api/cases/CLI-2/timeline/people');
  // Who recorded and who corrected, by name; and whoever a message reached by then, named too. Whether a
  // message went out depends on the hour: the corrected claim makes a deadline missed on a day counted from
  // today, whose overdue step falls due at midnight in Mexico City (06:00 UTC). Notes only accumulate, so
  // everyone listed is in the timeline read after.
  const told = new Set(
    (await h.http('GET', '/api/cases/CLI-2/timeline')).json.flatMap((t: any) => (t.type === 'notification_sent' ? t.detail.to.map((x: any) => x.userId) : [])),
  );
  const byId = new Map(Object.values(STAFF).map((p) => [p.id as string, p.name]));
  expect(people.json).toMatchObject({ [STAFF.ana.id]: STAFF.ana.name, [STAFF.eva.id]: STAFF.eva.name });
  for (const [id, name] of Object.entries(people.json as Record<string, string>)) {
    expect(name).toBe(byId.get(id));
    if (id !== STAFF.ana.id && id !== STAFF.eva.id) expect(told.has(id)).toBe(true);
  }
  expect((await h.http('GET', '/api/cases/CLI-2/timeline/people', { as: 'luis' })).status).toBe(404);

  const twice = await plazo(['case', 'void', 'CLI-2', String(asked), '--why', 'otra vez']);
  expect(twice).toMatchObject({ code: 2, stderr: `error: eventSeq: no event in force recorded as #${asked} on this case\n` });
});
