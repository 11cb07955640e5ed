import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../test/codecKeys';
import { workflowBundle } from '../test/temporalEnv';

/**
 * Recorded histories of real cases (test/histories, written by the scenario tests with
 * PLAZO_RECORD_HISTORIES=1) must replay with today's workflow code: otherwise a deploy would break
 * every running case. Re-record only when a change is deliberately versioned (patched()).
 */
const dir = resolve(__dirname, '..', 'test', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.history.bin'));

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test.each(files)('%s replays with the current workflow code', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(resolve(dir, file)));
  expect(history.events.length).toBeGreaterThan(10);
  // Recorded since payloads are sealed for their workflow: replayed under that id (caseHarness.ts recordHistory).
  const idFile = resolve(dir, file.replace(/\.history\.bin$/, '.workflow-id'));
  const workflowId = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : `replay-${file}`;
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: testDataConverter() }, history, workflowId);
});
