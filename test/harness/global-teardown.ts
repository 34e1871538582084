/** Stops the broker the harness started (services that were already running are left alone). */
export default async function globalTeardown(): Promise<void> {
  const broker = globalThis.lanternBroker;
  globalThis.lanternBroker = undefined;
  await broker?.stop();
}
