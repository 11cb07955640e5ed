import { NativeConnection } from '@temporalio/worker';

export async function connectWorker(address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address });
  } catch (err) {
    throw new Error(
      `cannot reach the Temporal server at ${address}: ${(err as Error).message}. Start it (make demo starts a dev server) or set TEMPORAL_ADDRESS.`,
    );
  }
}
