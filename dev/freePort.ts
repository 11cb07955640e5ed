import { createServer, type AddressInfo } from 'node:net';

/** A TCP port free on 127.0.0.1 now: for a server that must come back on the same port after a restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A free port in [min, max]: for a server that stores its port in a narrow column (Temporal's membership port is a smallint). */
export async function freePortInRange(min: number, max: number): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${min} and ${max}`);
}
