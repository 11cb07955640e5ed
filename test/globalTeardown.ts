export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __plazoPg?: { stop(): Promise<void> } }).__plazoPg?.stop();
}
