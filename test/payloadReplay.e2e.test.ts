/**
 * Issue 25 H1 on the dev server: case A's encrypted `case_closed` Update, copied out of A's history and
 * sent to case B with the plain Temporal CLI (no key), is refused. Before payloads were bound to their
 * case (codec/aesGcmCodec.ts) it closed B: its live deadlines cancelled, the workflow completed.
 */
import { caseWorkflowId, stateQuery } from '../workflows/caseDefinitions';
import { daysAgo, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { acceptedUpdatePayload, cliUpdateWithPayload } from './payloadReplay';

let h: ApiHarness;
const namespace = () => h.env.namespace ?? 'default';
const intake = (caseId: string) => ({
  caseId,
  child: { name: 'Niña de prueba' },
  entryDate: daysAgo(3),
  assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
});

beforeAll(async () => {
  h = await startApiHarness('payload-replay');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

/** Everything an outsider could have changed in B: the workflow's state, the read model, the timeline. */
async function caseB(caseId: string) {
  const handle = h.env.client.workflow.getHandle(caseWorkflowId(caseId));
  const [state, description, view, timeline] = await Promise.all([
    handle.query(stateQuery),
    handle.describe(),
    h.http('GET', `/api/cases/${caseId}`, { as: 'eva' }),
    h.http('GET', `/api/cases/${caseId}/timeline`, { as: 'eva' }),
  ]);
  return { state, status: description.status.name, view: view.json, timeline: timeline.json };
}

test("case A's case_closed payload, sent to case B with the plain CLI, is refused and B is unchanged", async () => {
  for (const id of ['RP-A', 'RP-B']) expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake(id) })).status).toBe(201);
  const closed = await h.http('POST', '/api/cases/RP-A/events', { as: 'eva', body: { type: 'case_closed', occurredAt: daysAgo(0), reason: 'other' } });
  expect(closed.status).toBe(200);
  const payload = await acceptedUpdatePayload(h.env.connection, namespace(), caseWorkflowId('RP-A'), 'recordEvent');

  const before = await caseB('RP-B');
  expect(before.status).toBe('RUNNING');
  const live = before.view.deadlines.filter((d: { status: string }) => d.status === 'open');
  expect(live.length).toBeGreaterThan(0);

  const attack = await cliUpdateWithPayload({ address: h.env.address, namespace: namespace(), workflowId: caseWorkflowId('RP-B'), name: 'recordEvent', payload });

  // Nothing changed in B: not closed, its deadlines live, the same timeline; the workflow still running.
  await new Promise((r) => setTimeout(r, 1000));
  const after = await caseB('RP-B');
  expect(after.state.closed).toBeFalsy();
  expect(after).toEqual(before);
  // The Update reached the worker and was rejected there (its reason travels encrypted): not a CLI usage error.
  expect(attack).toEqual({ code: 1, output: expect.stringMatching(/unable to update workflow: .*Encoded failure/) });

  // Control: the same CLI call with a payload sealed for B (as Plazo's API seals it) does close B, so the
  // refusal above is the binding, not a malformed command.
  const [forB] = await h.env.client.options.loadedDataConverter.payloadCodecs[0]!.encode(
    [h.env.client.options.loadedDataConverter.payloadConverter.toPayload({ type: 'case_closed', occurredAt: daysAgo(0), recordedBy: STAFF.eva.id, reason: 'other' })],
    { type: 'workflow', namespace: namespace(), workflowId: caseWorkflowId('RP-B') },
  );
  const sealedForB = await cliUpdateWithPayload({ address: h.env.address, namespace: namespace(), workflowId: caseWorkflowId('RP-B'), name: 'recordEvent', payload: forB! });
  // Accepted: the CLI fails only at reading B's new state, which comes back encrypted.
  expect(sealedForB).toEqual({ code: 1, output: expect.stringMatching(/unable to update workflow: payload item 0: encoding binary\/encrypted: payload encoding is not supported/) });
  expect((await h.env.client.workflow.getHandle(caseWorkflowId('RP-B')).query(stateQuery)).closed?.reason).toBe('other');
}, 120_000);
