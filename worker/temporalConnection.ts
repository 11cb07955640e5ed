import { NativeConnection, type TLSConfig } from '@temporalio/worker';

/** `tls`: config/env.ts temporalTls (mTLS to the real server); undefined connects in plain text (the dev server). */
export async function connectWorker(address: string, tls?: TLSConfig): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address, ...(tls ? { tls } : {}) });
  } catch (err) {
    throw new Error(
      `cannot reach the Temporal server at ${address}${tls ? ' over TLS' : ''}: ${(err as Error).message}. Start it (make demo starts a dev server) or set TEMPORAL_ADDRESS${tls ? ' and check TEMPORAL_TLS_CA/_CERT/_KEY' : ''}.`,
    );
  }
}
