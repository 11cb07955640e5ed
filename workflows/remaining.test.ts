/**
 * The email and the case page say the same time left (issue 13): both read it from
 * domain/remaining.ts, counting the agency's DOF closures. Time-skipping server, real Postgres and SMTP.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { loadOverlays } from '../db/overlays';
import { deadlineView } from '../app/caseViews';
import { remainingContext } from '../app/remaining';
import { createCaseHarness, messagesOf, mx, PEOPLE, type CaseHarness } from '../test/caseHarness';
import { recordEventUpdate } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('case-remaining');
});
afterAll(() => h?.teardown());

test("a COMAR closure between the reminder and the due day: the email and the page both count it ('faltan 10 días hábiles')", async () => {
  await h.pg.db
    .insertInto('overlays')
    .values({
      id: 'comar-closure-2030-01',
      created_by: 'admin',
      body: JSON.stringify({
        id: 'comar-closure-2030-01',
        kind: 'closure',
        start: '2030-01-28',
        end: '2030-01-30',
        scope: { agency: 'COMAR' },
        citation: { dof: '2030-01-15', title: 'Acuerdo por el que se suspenden labores de la COMAR del 28 al 30 de enero de 2030 (test fixture)' },
      }),
    })
    .execute();
  let handle!: WorkflowHandle<typeof caseWorkflow>;
  const reminder = (m: { headers: Record<string, string> }) => messagesOf('rem-1', ['comar_decision'])(m as never) && m.headers['x-plazo-idempotency-key']!.includes('/reminder-10bd/');
  await h.withWorker(async () => {
    await h.advanceTo(mx('2029-12-03', '10:00'));
    // Pinned to mx-2027.2, which reminds the caseworker of COMAR's decision 10 business days ahead (mx-2027.3
    // tells COMAR's duty on its due day only); the time left is counted the same under every pack.
    handle = await h.startCase({ caseId: 'rem-1', office: 'CDMX' }, { rulePack: 'mx-2027.2' });
    // Filed Mon 3 Dec 2029; 45 business days skipping 25 Dec, 1 Jan, 5 Feb (LFPA) → Thu 7 Feb 2030;
    // COMAR closed Mon 28–Wed 30 Jan, inside the count → 3 more: Fri 8, Mon 11, Tue 12 Feb: due Tue 12 Feb 2030.
    // 10 business days before, skipping 5 Feb and the closure: 11, 8, 7, 6, 4, 1 Feb, 31, 25, 24, 23 Jan → Wed 23 Jan.
    await h.advanceTo(mx('2029-12-03', '11:00'));
    await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'asylum_claim_filed', occurredAt: mx('2029-12-03', '11:00'), recordedBy: PEOPLE.caseworker.id, byRepresentative: false }] });
    await h.advanceTo(mx('2030-01-23', '09:01'));
    const [email] = await h.mail.waitFor(1, { match: reminder as never, timeoutMs: 20_000 });
    expect(email!.headers['x-plazo-scheduled-for']).toBe(mx('2030-01-23'));

    // The page, read at the instant the email was sent (the case page's own code over the read model).
    const row = await h.pg.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', 'rem-1').where('deadline_id', '=', 'comar_decision').executeTakeFirstOrThrow();
    expect(row.due).toBe('2030-02-12');
    const page = deadlineView(row, 'CDMX', remainingContext(await loadOverlays(h.pg.db), new Date(mx('2030-01-23'))), 'es');
    expect(page.remaining?.text).toBe('faltan 10 días hábiles');
    expect(email!.text).toContain(page.remaining!.text);
    // Ignoring the COMAR closure (as emails once did) would have said 13.
    expect(email!.text).not.toContain('faltan 13');
  });
});
