import { adIdOf, contentHashOf, type IndicatorHit, type ScoredAdV1 } from '@lantern/contracts';
import { loadConfig, migrate } from '@lantern/platform';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AdContactEntity, AdEntity, AdIndicatorEntity, AdVersionEntity } from '../src/ads/ad.entity';
import { contactKeysOf } from '../src/ads/contact-keys';
import { ScoredAdBatcher } from '../src/ads/scored-ad.batcher';
import { alertIdOf, ScoredAdStore } from '../src/ads/scored-ad.store';
import { alertReasons } from '../src/alerts/alert-policy';
import { AlertEntity } from '../src/alerts/alert.entity';
import { dataSourceOptions } from '../src/database/data-source';
import { OutboxEntity } from '../src/outbox/outbox.entity';

/**
 * Ingest benchmark on PostgreSQL: N synthetic scored ads through the batched ScoredAdStore (multi-row
 * upserts, BENCH_BATCH per transaction), through the consumer's group-commit batcher with four partitions
 * in flight, through the same store one message per transaction, and through a naive `repository.save()` loop, each into
 * its own fresh schema, in the same run. `npm run bench:alerts` (BENCH_N, default 5,000; DATABASE_URL,
 * default the local test database).
 */
const N = Number(process.env['BENCH_N'] ?? 5_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 200);
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const LINK_KEY = 'bench-link-key-0123456789abcdef0123456789';
const AT = '2026-11-29T00:00:00.000Z';
const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

// INVENTED SYNTHETIC ADS: generated here, not taken from any dataset.
function syntheticScoredAd(n: number): ScoredAdV1 {
  const source = `bench-${n % 7}`;
  const url = `https://jobs.example.org/bench/${n}`;
  const title = `Synthetic bench job ${n}`;
  const description = `Synthetic description ${n}: warehouse shifts, accommodation provided, contact the agent. `.repeat(8);
  const level = LEVELS[n % 4]!;
  const indicator = (id: string, severity: IndicatorHit['severity']): IndicatorHit => ({
    id,
    title: id,
    category: 'bench',
    severity,
    weight: 1,
    sources: [],
    evidence: [{ field: 'description', start: 0, end: 9, text: 'Synthetic' }],
  });
  return {
    schemaVersion: 1,
    id: adIdOf({ source, url }),
    ad: {
      schemaVersion: 1,
      id: adIdOf({ source, url }),
      source,
      url,
      title,
      description,
      scrapedAt: AT,
      contentHash: contentHashOf([title, description]),
      location: { country: ['PT', 'RO', 'GB', 'PL'][n % 4]! },
    },
    risk: { score: 10 + (n % 90), probability: (10 + (n % 90)) / 100, level },
    indicators: [
      indicator(`bench.fee`, 'high'),
      indicator(`bench.housing`, 'medium'),
      ...(n % 10 === 0 ? [indicator('bench.threat', 'critical')] : []),
    ],
    entities: {
      phones: [{ e164: `+4477009${String(n % 1000).padStart(5, '0')}` }],
      emails: [{ address: `agent${n % 500}@example.org`, freeMail: false }],
      handles: [],
      urls: [],
      money: [],
      ages: [],
      genders: [],
      places: [],
    },
    language: { code: 'en', script: 'Latn', confidence: 0.9 },
    versions: { model: 'bench', ruleset: 'bench', scorer: 'bench' },
    scoredAt: AT,
  };
}

/** The straightforward way: load, build entities, save() each row, one transaction per message. */
async function naiveStore(manager: EntityManager, scored: ScoredAdV1, threshold: ScoredAdV1['risk']['level']): Promise<void> {
  const ad = Object.assign(new AdEntity(), {
    id: scored.id,
    source: scored.ad.source,
    url: scored.ad.url ?? null,
    title: scored.ad.title ?? null,
    country: scored.ad.location?.country ?? null,
    language: scored.language.code,
    contentHash: scored.ad.contentHash,
    riskScore: scored.risk.score,
    riskProbability: scored.risk.probability,
    riskLevel: scored.risk.level,
    ad: scored.ad,
    indicators: scored.indicators,
    entities: scored.entities,
    versions: scored.versions,
    searchText: `${scored.ad.title ?? ''}\n${scored.ad.description}`.toLowerCase(),
    firstSeenAt: scored.scoredAt,
    scoredAt: scored.scoredAt,
  });
  await manager.getRepository(AdEntity).save(ad);
  await manager.getRepository(AdVersionEntity).save({
    adId: scored.id,
    contentHash: scored.ad.contentHash,
    riskScore: scored.risk.score,
    riskLevel: scored.risk.level,
    firstScoredAt: scored.scoredAt,
  });
  for (const i of scored.indicators)
    await manager.getRepository(AdIndicatorEntity).save({ adId: scored.id, indicatorId: i.id, severity: i.severity });
  for (const c of contactKeysOf(scored.entities, LINK_KEY)) await manager.getRepository(AdContactEntity).save({ adId: scored.id, ...c });
  const reasons = alertReasons(scored, threshold);
  if (reasons.length === 0) return;
  const existing = await manager.getRepository(AlertEntity).findOneBy({ adId: scored.id });
  const alert = Object.assign(existing ?? new AlertEntity(), {
    id: alertIdOf(scored.id),
    adId: scored.id,
    revision: (existing?.revision ?? 0) + 1,
    status: existing?.status ?? 'new',
    level: scored.risk.level,
    score: scored.risk.score,
    indicatorIds: scored.indicators.map((i) => i.id),
    reasons,
    raisedAt: existing?.raisedAt ?? AT,
    updatedAt: AT,
    assigneeKeyId: null,
    reviewedAt: null,
  });
  await manager.getRepository(AlertEntity).save(alert);
  await manager
    .getRepository(OutboxEntity)
    .save({ topic: 'alerts.v1', messageKey: scored.id, payload: JSON.stringify(alert), createdAt: AT, publishedAt: null });
}

async function withSchema<T>(name: string, run: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${name}"`);
  const config = loadConfig('alerts', {
    LANTERN_MODE: 'distributed',
    KAFKA_BROKERS: '127.0.0.1:9',
    REDIS_URL: 'redis://127.0.0.1:6379',
    SUBSCRIPTION_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    DATABASE_URL,
    DATABASE_SCHEMA: name,
  });
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    await migrate(dataSource);
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
    await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    await admin.end();
  }
}

async function timed(label: string, ads: ScoredAdV1[], work: (dataSource: DataSource) => Promise<void>, schema: string): Promise<number> {
  return withSchema(schema, async (dataSource) => {
    const started = process.hrtime.bigint();
    await work(dataSource);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM "${schema}".ads`)) as [{ count: number }];
    if (count !== ads.length) throw new Error(`${label}: stored ${count} of ${ads.length} ads`);
    const rate = ads.length / seconds;
    process.stdout.write(
      `${label.padEnd(44)} ${String(ads.length).padStart(6)} ads  ${seconds.toFixed(2).padStart(7)} s  ${rate.toFixed(0).padStart(7)} ads/s\n`,
    );
    return rate;
  });
}

async function main(): Promise<void> {
  const ads = Array.from({ length: N }, (_, i) => syntheticScoredAd(i));
  const config = loadConfig('alerts', {});
  process.stdout.write(`bench:alerts  PostgreSQL ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}  N=${N}  batch=${BATCH}\n`);
  const batched = await timed(
    `ScoredAdStore.storeMany (batches of ${BATCH})`,
    ads,
    async (dataSource) => {
      const store = new ScoredAdStore(dataSource, config, LINK_KEY);
      for (let i = 0; i < ads.length; i += BATCH) await store.storeMany(ads.slice(i, i + BATCH));
    },
    'bench_alerts_batched',
  );
  const single = await timed(
    'ScoredAdStore.store (one message per txn)',
    ads,
    async (dataSource) => {
      const store = new ScoredAdStore(dataSource, config, LINK_KEY);
      for (const ad of ads) await store.store(ad);
    },
    'bench_alerts_single',
  );
  const grouped = await timed(
    'ScoredAdBatcher (4 concurrent partitions)',
    ads,
    async (dataSource) => {
      const batcher = new ScoredAdBatcher(new ScoredAdStore(dataSource, config, LINK_KEY));
      // Like the Kafka consumer: up to four partitions in flight, each handing over one message at a time.
      const lanes = Array.from({ length: 4 }, (_, lane) => ads.filter((_, i) => i % 4 === lane));
      await Promise.all(
        lanes.map(async (lane) => {
          for (const ad of lane) await batcher.submit(ad);
        }),
      );
    },
    'bench_alerts_grouped',
  );
  const naive = await timed(
    'repository.save() loop (one txn per message)',
    ads,
    async (dataSource) => {
      for (const ad of ads) await dataSource.transaction((manager) => naiveStore(manager, ad, config.alertLevelThreshold));
    },
    'bench_alerts_naive',
  );
  const ratio = (rate: number) => `${(rate / naive).toFixed(1)}x`;
  process.stdout.write(
    `vs save() loop: storeMany ${ratio(batched)}, consumer path (batcher) ${ratio(grouped)}, store() per message ${ratio(single)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
