import { Client, Connection } from '@temporalio/client';
import { plazoWorkerDataConverter } from '../codec/dataConverter';
import { ConfigError, loadEnv, requireCodecKeys, temporalTls } from '../config/env';
import { replayRunningWorkflows } from './replayRunning';

/**
 * `npm run upgrade:replay-check` (`node dist/worker/replayCheck.js` in an image): the worker's variables,
 * PLAZO_WORKFLOW_BUNDLE the new release's bundle. Exits 1 naming each workflow that does not replay.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.PLAZO_WORKFLOW_BUNDLE) throw new ConfigError('environment variable PLAZO_WORKFLOW_BUNDLE: the new release\'s workflow bundle to check (npm run build writes dist/workflow-bundle.js)');
  const tls = temporalTls(env);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS, ...(tls ? { tls } : {}) });
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    const report = await replayRunningWorkflows(client, { workflowBundlePath: env.PLAZO_WORKFLOW_BUNDLE, dataConverter: plazoWorkerDataConverter(requireCodecKeys(env)) });
    for (const f of report.failed) process.stderr.write(`does not replay: ${f.workflowId}: ${f.error}\n`);
    process.stdout.write(`${report.replayed - report.failed.length} of ${report.replayed} running workflows replay with ${env.PLAZO_WORKFLOW_BUNDLE}\n`);
    if (report.failed.length) process.exitCode = 1;
  } finally {
    await connection.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`plazo-replay-check: ${err.message}\n`);
  process.exit(1);
});
