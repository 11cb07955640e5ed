import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

export async function connectClient(address: string, namespace: string, dataConverter: DataConverter): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: '10 seconds' });
  } catch (err) {
    throw new Error(
      `cannot reach the Temporal server at ${address}: ${(err as Error).message}. Start it (make demo starts a dev server) or set TEMPORAL_ADDRESS.`,
    );
  }
  return new Client({ connection, namespace, dataConverter });
}
