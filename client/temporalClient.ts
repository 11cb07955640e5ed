import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

/** `tls`: config/env.ts temporalTls (mTLS to the real server); undefined connects in plain text (the dev server). */
export async function connectClient(address: string, namespace: string, dataConverter: DataConverter, tls?: TLSConfig): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: '10 seconds', ...(tls ? { tls } : {}) });
  } catch (err) {
    throw new Error(
      `cannot reach the Temporal server at ${address}${tls ? ' over TLS' : ''}: ${(err as Error).message}. Start it (make demo starts a dev server) or set TEMPORAL_ADDRESS${tls ? ' and check TEMPORAL_TLS_CA/_CERT/_KEY' : ''}.`,
    );
  }
  return new Client({ connection, namespace, dataConverter });
}
