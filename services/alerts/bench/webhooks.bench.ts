import { randomBytes } from 'node:crypto';
import { AuditLog, loadConfig, migrate } from '@lantern/platform';
import type { AlertV1 } from '@lantern/contracts';
import { WebhookReceiver } from '@lantern/testing';
import pino from 'pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { AlertEvents } from '../src/delivery/alert-events';
import { DeliveryEntity } from '../src/delivery/delivery.entity';
import { DeliveryWorker } from '../src/delivery/delivery.worker';
import { WebhookSender } from '../src/delivery/webhook-sender';
import { newWebhookSecret } from '../src/delivery/webhook-signature';
import { SecretBox } from '../src/subscriptions/secret-box';
import { SubscriptionEntity, SubscriptionSecretEntity } from '../src/subscriptions/subscription.entity';
import { SubscriptionsService } from '../src/subscriptions/subscriptions.service';

/**
 * Webhook fan-out and delivery on PostgreSQL: BENCH_ALERTS alerts (default 500) recorded against
 * BENCH_SUBSCRIPTIONS webhook subscriptions (default 4), then sent by BENCH_WORKERS workers (default 2,
 * each with its own connection pool, as replicas would be) to a loopback receiver, signed. Prints
 * alerts recorded per second and deliveries sent per second, and checks none was sent twice.
 * Run with `node -r ./libs/platform/runtime/register.js services/alerts/bench/webhooks.bench.ts` (the
 * proposed `npm run bench:webhooks`); DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
 */
export async function main(): Promise<void> {
  const alertCount = Number(process.env['BENCH_ALERTS'] ?? 500);
  const subscriptionCount = Number(process.env['BENCH_SUBSCRIPTIONS'] ?? 4);
  const workerCount = Number(process.env['BENCH_WORKERS'] ?? 2);
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const receiver = new WebhookReceiver();
  const receiverUrl = await receiver.start();
  const config = loadConfig('alerts', {
    LANTERN_MODE: 'distributed',
    KAFKA_BROKERS: '127.0.0.1:9',
    REDIS_URL: 'redis://127.0.0.1:6379',
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    SUBSCRIPTION_SECRET_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_TIMEOUT_MS: '5000',
  });
  const logger = pino({ level: 'silent' });
  const box = new SecretBox(Buffer.from(config.subscriptionSecretKey!, 'base64'));
  const sources: DataSource[] = [];
  try {
    for (let i = 0; i < workerCount; i++) sources.push(await new DataSource(dataSourceOptions(config.database)).initialize());
    await migrate(sources[0]!);
    const at = new Date().toISOString();
    for (let i = 0; i < subscriptionCount; i++) {
      const id = `sub_${randomBytes(16).toString('hex')}`;
      await sources[0]!.getRepository(SubscriptionEntity).insert({
        id,
        ownerKeyId: 'bench',
        name: `bench ${i}`,
        channel: 'webhook',
        url: `${receiverUrl}/hook`,
        filter: { minLevel: 'high' },
        status: 'active',
        disabledReason: null,
        createdAt: at,
        updatedAt: at,
      });
      await sources[0]!
        .getRepository(SubscriptionSecretEntity)
        .insert({ subscriptionId: id, ciphertext: box.seal(newWebhookSecret(), id), createdAt: at, expiresAt: null });
    }

    const events = new AlertEvents(sources[0]!, config);
    const alerts: AlertV1[] = Array.from({ length: alertCount }, (_, i) => ({
      schemaVersion: 1,
      alertId: `al_bench_${i}`,
      adId: `ad_bench_${i}`,
      revision: 1,
      status: 'new',
      level: 'high',
      score: 80,
      indicatorIds: [],
      reasons: ['bench'],
      source: 'bench',
      raisedAt: at,
      updatedAt: at,
    }));
    const recordStarted = process.hrtime.bigint();
    for (const alert of alerts) await events.record(alert);
    const recordSeconds = Number(process.hrtime.bigint() - recordStarted) / 1e9;

    // The audit log is not used by sending; the bench has no security database.
    const workers = sources.map(
      (source) =>
        new DeliveryWorker(
          source,
          config,
          new SubscriptionsService(source, config, box, undefined as unknown as AuditLog),
          new WebhookSender({ allowPrivate: true, timeoutMs: 5_000 }),
          logger,
        ),
    );
    const expected = alertCount * subscriptionCount;
    const sendStarted = process.hrtime.bigint();
    await Promise.all(
      workers.map(async (worker) => {
        while ((await worker.runOnce()) > 0);
      }),
    );
    const sendSeconds = Number(process.hrtime.bigint() - sendStarted) / 1e9;
    const delivered = await sources[0]!.getRepository(DeliveryEntity).countBy({ status: 'delivered' });
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    console.log(`alerts recorded (event + fan-out to ${subscriptionCount} subscriptions): ${(alertCount / recordSeconds).toFixed(0)}/s`);
    console.log(
      `webhooks sent and signed by ${workerCount} workers: ${(expected / sendSeconds).toFixed(0)}/s (${delivered}/${expected} delivered)`,
    );
    console.log(`received ${ids.length}, distinct webhook-ids ${new Set(ids).size}`);
  } finally {
    for (const source of sources) await source.destroy();
    await receiver.stop();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

if (require.main === module) {
  void main();
}
