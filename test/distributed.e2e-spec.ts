import { RawAdV1, Topics } from '@lantern/contracts';
import { KafkaBus } from '@lantern/messaging';
import { Client } from 'pg';
import pino from 'pino';
import { createSchema, eventually, KafkaTopicReader, makeRawAd, requiredEnv, uniqueName } from '@lantern/testing';
import { ServiceProcess, startServiceProcess } from './harness/service-process';

const AD_COUNT = 1_000;
/** Every tenth fixture ad is written as a lure, so alerts are raised too. */
const LURE =
  'Hotel cleaners for Dubai. No experience needed. Free visa and free ticket. Registration fee $300 to process your visa. Send passport copy on WhatsApp only. Only girls age 18-25.';

function fixtureAds(): RawAdV1[] {
  return Array.from({ length: AD_COUNT }, (_, i) => makeRawAd(i, i % 10 === 0 ? { description: `${LURE} Ref ${i}.` } : {}));
}

/**
 * Three services as three processes over real Kafka, PostgreSQL and Redis. The classifier and the
 * alerts service are killed with SIGKILL mid-stream and restarted; afterwards every ad is stored
 * exactly once and every alert exists once and reached alerts.v1.
 */
describe('distributed mode: separate processes over Kafka, PostgreSQL and Redis', () => {
  const processes: ServiceProcess[] = [];
  let env: Record<string, string>;
  let schema: string;
  let dropSchema: () => Promise<void>;
  let db: Client;
  let prefix: string;

  const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].count);

  beforeAll(async () => {
    ({ schema, drop: dropSchema } = await createSchema());
    prefix = `${uniqueName('dist')}.`;
    env = {
      LANTERN_MODE: 'distributed',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: requiredEnv('DATABASE_URL'),
      DATABASE_SCHEMA: schema,
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: `${prefix}`,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: '3',
      LOG_LEVEL: 'warn',
      SCRAPER_DEMO: 'false',
      // A killed member holds its partitions until its session times out: keep that short here.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      LINK_HMAC_KEY: 'e2e-link-key-e2e-link-key-e2e-link-key',
      // Test-only key for webhook secrets at rest.
      SUBSCRIPTION_SECRET_KEY: Buffer.alloc(32, 42).toString('base64'),
    };
    db = new Client({ connectionString: requiredEnv('DATABASE_URL') });
    await db.connect();
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await db.end();
    await dropSchema();
  });

  it('stores 1,000 ads exactly once across SIGKILL and restart of the consumers', async () => {
    const start = async (name: 'scraper' | 'classifier' | 'alerts') => {
      const started = await startServiceProcess(name, env);
      processes.push(started);
      return started;
    };
    await start('scraper');
    let classifier = await start('classifier');
    let alerts = await start('alerts');

    const producer = new KafkaBus({
      brokers: env['KAFKA_BROKERS']!.split(','),
      clientId: 'e2e-producer',
      partitions: 3,
      replicationFactor: 1,
      topicPrefix: prefix,
      retry: { maxAttempts: 1, backoffMs: 0, maxBackoffMs: 0 },
      logger: pino({ level: 'silent' }),
      onFatal: () => undefined,
    });
    const ads = fixtureAds();
    for (let i = 0; i < ads.length; i += 100) {
      await producer.publish(
        Topics.AdsRaw,
        ads.slice(i, i + 100).map((ad) => ({ key: ad.id, value: Buffer.from(JSON.stringify(ad)) })),
      );
    }

    // Kill both consumers without warning once part of the stream is stored, then bring them back.
    await eventually(async () => ((await count(`SELECT count(*) FROM "${schema}".ads`)) >= 150 ? true : undefined), {
      what: 'a first part of the ads stored',
      timeoutMs: 60_000,
    });
    await Promise.all([classifier.kill('SIGKILL'), alerts.kill('SIGKILL')]);
    const storedAtKill = await count(`SELECT count(*) FROM "${schema}".ads`);
    classifier = await start('classifier');
    alerts = await start('alerts');

    await eventually(async () => ((await count(`SELECT count(*) FROM "${schema}".ads`)) >= AD_COUNT ? true : undefined), {
      what: `${AD_COUNT} ads stored`,
      timeoutMs: 120_000,
    });
    expect(storedAtKill).toBeLessThan(AD_COUNT);
    expect(await count(`SELECT count(*) FROM "${schema}".ads`)).toBe(AD_COUNT);
    expect(await count(`SELECT count(DISTINCT id) FROM "${schema}".ads`)).toBe(AD_COUNT);
    expect(await count(`SELECT count(*) FROM "${schema}".ad_versions`)).toBe(AD_COUNT);
    const ids = new Set((await db.query(`SELECT id FROM "${schema}".ads`)).rows.map((r: { id: string }) => r.id));
    expect(ads.every((ad) => ids.has(ad.id))).toBe(true);

    // One alert per high-risk ad, none twice; each reached alerts.v1 through the outbox.
    const flagged = await count(`SELECT count(*) FROM "${schema}".ads WHERE risk_level IN ('high', 'critical')`);
    expect(flagged).toBeGreaterThanOrEqual(AD_COUNT / 10);
    expect(await count(`SELECT count(*) FROM "${schema}".alerts`)).toBe(flagged);
    expect(await count(`SELECT count(DISTINCT ad_id) FROM "${schema}".alerts`)).toBe(flagged);
    await eventually(
      async () => ((await count(`SELECT count(*) FROM "${schema}".outbox WHERE published_at IS NULL`)) === 0 ? true : undefined),
      {
        what: 'the outbox drained',
      },
    );

    const alertIds = new Set((await db.query(`SELECT id FROM "${schema}".alerts`)).rows.map((r: { id: string }) => r.id));
    const reader = new KafkaTopicReader(env['KAFKA_BROKERS']!.split(','), prefix);
    const published = await eventually(
      async () => {
        const counts = new Map<string, number>();
        for (const message of await reader.read(Topics.Alerts)) {
          const alert = JSON.parse(message.value!.toString()) as { alertId: string };
          counts.set(alert.alertId, (counts.get(alert.alertId) ?? 0) + 1);
        }
        return [...alertIds].every((id) => counts.has(id)) ? counts : undefined;
      },
      { what: 'every alert on alerts.v1' },
    );
    await reader.close();
    const duplicates = [...published.values()].reduce((sum, n) => sum + n - 1, 0);
    process.stderr.write(
      `[distributed e2e] stored at kill: ${storedAtKill}, alerts: ${alertIds.size}, alerts.v1 redeliveries after kill: ${duplicates}\n`,
    );

    // Health and metrics answer on every process; SIGTERM stops each one cleanly.
    for (const service of processes.filter((p) => p.running())) {
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(metrics)?.[1]);
      expect(rss).toBeGreaterThan(0);
      process.stderr.write(`[distributed e2e] ${service.name} resident memory: ${(rss / 2 ** 20).toFixed(0)} MB\n`);
    }
    await producer.close();
    for (const service of processes.filter((p) => p.running())) {
      expect(await service.kill('SIGTERM')).toBe(0);
    }
  });
});
