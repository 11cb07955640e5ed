/**
 * Issue 25 H1 as an outsider performs it: copy one case's encrypted Update payload out of the server's
 * history and send it to another case with the plain Temporal CLI, which has no key. Used on the dev
 * server (test/payloadReplay.e2e.test.ts) and on the real server over mTLS (test/temporalMtls.e2e.test.ts).
 */
import { Client, type ConnectionLike } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalCliPath } from '../dev/temporalBinaries';

/** The first argument of the Update `name` that `workflowId` accepted, as the server keeps it (encrypted). */
export async function acceptedUpdatePayload(connection: ConnectionLike, namespace: string, workflowId: string, name: string): Promise<Payload> {
  const history = await new Client({ connection, namespace }).workflow.getHandle(workflowId).fetchHistory();
  const accepted = history.events!.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input).find((input) => input?.name === name);
  const payload = accepted?.args?.payloads?.[0];
  if (!payload) throw new Error(`no accepted ${name} Update in ${workflowId}'s history`);
  return payload;
}

export interface CliResult {
  code: number;
  output: string;
}

/**
 * The Temporal CLI with only the given arguments: no TEMPORAL_* variable and an empty HOME, so neither
 * the environment nor a CLI profile can lend it a certificate the test did not pass.
 */
export function temporalCli(args: string[]): Promise<CliResult> {
  const home = mkdtempSync(join(tmpdir(), 'plazo-cli-home-'));
  return new Promise((resolve) => {
    execFile(temporalCliPath(), args, { env: { PATH: process.env.PATH ?? '', HOME: home }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** `temporal workflow update execute` with a payload given byte for byte: its metadata and base64 data. */
export function cliUpdateWithPayload(opts: { address: string; namespace: string; workflowId: string; name: string; payload: Payload; tlsArgs?: string[] }): Promise<CliResult> {
  const meta = Object.entries(opts.payload.metadata ?? {}).flatMap(([k, v]) => ['--input-meta', `${k}=${Buffer.from(v ?? []).toString('utf8')}`]);
  return temporalCli([
    'workflow',
    'update',
    'execute',
    '--address',
    opts.address,
    '--namespace',
    opts.namespace,
    '--workflow-id',
    opts.workflowId,
    '--name',
    opts.name,
    ...meta,
    '--input',
    Buffer.from(opts.payload.data ?? []).toString('base64'),
    '--input-base64',
    ...(opts.tlsArgs ?? []),
  ]);
}
