/**
 * `npm run example:case`: the life of one case in a minute of real time. Runs on Temporal's
 * time-skipping test server with an embedded Postgres and a local SMTP catcher, then prints the
 * case's timeline and every email it sent.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULE_PACK } from '../domain';
import { mexicoTimeMs } from '../domain/time/instant';
import { createDb, migrateToLatest } from '../db/database';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { plazoDataConverter, plazoWorkerDataConverter } from '../codec/dataConverter';
import { newCodecKeysValue, parseCodecKeys } from '../codec/keys';
import { createPlazoWorker } from '../worker/createWorker';
import { createMailer } from '../worker/mailer';
import { caseWorkflow } from '../workflows/caseWorkflow';
import { caseWorkflowId, recordEventUpdate, stateQuery } from '../workflows/caseDefinitions';
import { startMailCatcher } from './mailCatcher';
import { temporalTestServer } from './temporalBinaries';

const mx = (date: string, time = '09:00') => new Date(mexicoTimeMs(date, time)).toISOString();

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const pg = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'plazo-example-')), port: 20000 + Math.floor(Math.random() * 20000), persistent: false });
  const db = createDb(await pg.createDatabase('example'));
  await migrateToLatest(db);
  await db.insertInto('users').values([
    { id: 'ana', name: 'Ana', email: 'ana@ong.example', role: 'caseworker', language: 'es' },
    { id: 'beto', name: 'Beto', email: 'beto@ong.example', role: 'supervisor', language: 'en' },
    { id: 'carla', name: 'Carla', email: 'carla@ong.example', role: 'lawyer', language: 'es' },
  ]).execute();
  const mail = await startMailCatcher();
  // A throw-away key: the example's history lives only as long as the process.
  const keys = parseCodecKeys(newCodecKeysValue('example'));
  const dataConverter = plazoDataConverter(keys);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: temporalTestServer() }, client: { dataConverter } });
  const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort });
  const worker = await createPlazoWorker({
    connection: env.nativeConnection, namespace: 'default', taskQueue: 'example', dataConverter: plazoWorkerDataConverter(keys), db, mailer, mailFrom: 'plazo@example', publicUrl: 'http://localhost:3000',
  });

  await worker.runUntil(async () => {
    await env.sleep(Date.parse(mx('2029-01-08', '10:00')) - (await env.currentTimeMs()));
    // Intake on Mon 8 Jan 2029: the child entered Mexico on Wed 3 Jan.
    const handle = await env.client.workflow.start(caseWorkflow, {
      taskQueue: 'example',
      workflowId: caseWorkflowId('example-1'),
      args: [{ rulePack: RULE_PACK.version, intake: {
        caseId: 'example-1', child: { name: 'M. L.' }, entryDate: '2029-01-03', openedAt: mx('2029-01-08', '10:00'), recordedBy: 'ana',
        assignments: { caseworker: 'ana', supervisor: 'beto', lawyer: 'carla' },
      } }],
    });
    const record = async (at: string, event: Record<string, unknown>) => {
      await env.sleep(Date.parse(at) - (await env.currentTimeMs()));
      await handle.executeUpdate(recordEventUpdate, { args: [{ occurredAt: at, recordedBy: 'ana', ...event } as never] });
    };
    await record(mx('2029-02-12', '11:00'), { type: 'asylum_claim_filed' });
    await record(mx('2029-02-19', '10:00'), { type: 'weekly_signature_recorded' });
    await record(mx('2029-03-01', '10:00'), { type: 'weekly_signature_recorded' }); // late: the 26 Feb signature was missed
    await record(mx('2029-03-05', '10:00'), { type: 'decision_notified', outcome: 'recognized' });
    await record(mx('2029-03-06', '10:00'), { type: 'case_closed', reason: 'recognized_and_settled' });
    await new Promise((r) => setTimeout(r, 1000));
    const state = await handle.query(stateQuery);
    console.log('Timeline of case example-1');
    for (const t of state.timeline) console.log(`  ${t.at.slice(0, 16)}  ${t.summary}`);
    console.log('\nEmails sent');
    for (const m of mail.emails) console.log(`  ${m.headers['x-plazo-scheduled-for']?.slice(0, 16)}  ${m.to.join(', ')}  ${m.subject}`);
  });
  mailer.close();
  await env.teardown();
  await mail.stop();
  await db.destroy();
  await pg.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
