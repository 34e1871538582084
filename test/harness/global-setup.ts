import { ensurePostgres, ensureRedis } from './services';
import { RunningBroker, startKafkaBroker } from './kafka-broker';

declare global {
  // Shared with global-teardown.ts: Jest runs both in the same parent process.
  var lanternBroker: RunningBroker | undefined;
}

const log = (line: string) => process.stderr.write(`[harness] ${line}\n`);

/**
 * Makes Kafka, PostgreSQL and Redis available to the integration and end-to-end tiers. Uses
 * KAFKA_BROKERS / DATABASE_URL / REDIS_URL when set; otherwise starts what is missing. Workers
 * inherit the variables set here. Runs once even when both tiers are selected.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['LANTERN_HARNESS_READY']) return;
  const started = Date.now();
  process.env['DATABASE_URL'] = await ensurePostgres(log);
  process.env['REDIS_URL'] = await ensureRedis(log);
  if (!process.env['KAFKA_BROKERS']) {
    globalThis.lanternBroker = await startKafkaBroker(log);
    process.env['KAFKA_BROKERS'] = globalThis.lanternBroker.brokers;
    log(`Kafka ${globalThis.lanternBroker.brokers} started in ${globalThis.lanternBroker.startupMs} ms`);
  }
  process.env['LANTERN_HARNESS_READY'] = '1';
  log(`services ready in ${Date.now() - started} ms`);
}
