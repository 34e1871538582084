import { alertV1, Topics } from '@lantern/contracts';
import { loadConfig } from '@lantern/platform';
import { DataSource, In } from 'typeorm';
import { makeScoredAd } from '@lantern/testing';
import { createSchema, requiredEnv } from '@lantern/testing';
import { AlertEntity } from '../alerts/alert.entity';
import { migrate } from '@lantern/platform';
import { dataSourceOptions, MIGRATIONS } from '../database/data-source';
import { OutboxEntity } from '../outbox/outbox.entity';
import { AdEntity, AdVersionEntity } from './ad.entity';
import { ScoredAdBatcher } from './scored-ad.batcher';
import { ScoredAdStore } from './scored-ad.store';

const high = { score: 72, probability: 0.72, level: 'high' as const };
const critical = { score: 93, probability: 0.93, level: 'critical' as const };
const low = { score: 8, probability: 0.08, level: 'low' as const };

describe('ScoredAdStore on PostgreSQL', () => {
  let dataSource: DataSource;
  let store: ScoredAdStore;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const { schema, drop } = await createSchema();
    dropSchema = drop;
    const config = loadConfig('alerts', {
      LANTERN_MODE: 'distributed',
      KAFKA_BROKERS: '127.0.0.1:9',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: requiredEnv('DATABASE_URL'),
      DATABASE_SCHEMA: schema,
      SUBSCRIPTION_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    dataSource = new DataSource(dataSourceOptions(config.database));
    await dataSource.initialize();
    await migrate(dataSource);
    store = new ScoredAdStore(dataSource, config, 'test-link-key-0123456789abcdef0123456789');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropSchema();
  });

  it('applies the migrations once, even when asked again', async () => {
    await migrate(dataSource);
    const applied = await dataSource.query(`SELECT name FROM "${(dataSource.options as { schema: string }).schema}".migrations`);
    expect(applied).toHaveLength(MIGRATIONS.length);
  });

  it('stores a replayed message once and raises one alert with one outbox row', async () => {
    const scored = makeScoredAd(1, high);
    expect(await store.store(scored)).toEqual({ alert: 'raised' });
    expect(await store.store(scored)).toEqual({ alert: 'unchanged' });
    expect(await store.store(scored)).toEqual({ alert: 'unchanged' });

    expect(await dataSource.getRepository(AdEntity).countBy({ id: scored.id })).toBe(1);
    expect(await dataSource.getRepository(AdVersionEntity).countBy({ adId: scored.id })).toBe(1);
    const alerts = await dataSource.getRepository(AlertEntity).findBy({ adId: scored.id });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ revision: 1, status: 'new', level: 'high', score: 72 });
    const outbox = await dataSource.getRepository(OutboxEntity).findBy({ messageKey: scored.id });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.topic).toBe(Topics.Alerts);
    expect(alertV1.parse(JSON.parse(outbox[0]!.payload))).toMatchObject({ adId: scored.id, revision: 1, level: 'high' });
  });

  it('updates the same alert with a new revision when a changed ad scores differently', async () => {
    const first = makeScoredAd(2, high);
    const changed = makeScoredAd(2, critical, { description: 'Changed text of the same ad (new version).' });
    expect(changed.id).toBe(first.id);
    await store.store(first);
    expect(await store.store(changed)).toEqual({ alert: 'updated' });

    const alert = await dataSource.getRepository(AlertEntity).findOneByOrFail({ adId: first.id });
    expect(alert).toMatchObject({ revision: 2, level: 'critical', score: 93 });
    expect(await dataSource.getRepository(AdVersionEntity).countBy({ adId: first.id })).toBe(2);
    const ad = await dataSource.getRepository(AdEntity).findOneByOrFail({ id: first.id });
    expect(ad.contentHash).toBe(changed.ad.contentHash);
    expect(ad.riskLevel).toBe('critical');
    expect(await dataSource.getRepository(OutboxEntity).countBy({ messageKey: first.id })).toBe(2);
  });

  it('stores a low-risk ad without an alert', async () => {
    const scored = makeScoredAd(3, low);
    expect(await store.store(scored)).toEqual({ alert: 'none' });
    expect(await dataSource.getRepository(AdEntity).countBy({ id: scored.id })).toBe(1);
    expect(await dataSource.getRepository(AlertEntity).countBy({ adId: scored.id })).toBe(0);
  });

  it('batches concurrent messages into one transaction after the one in flight', async () => {
    const batcher = new ScoredAdBatcher(store);
    const ads = Array.from({ length: 20 }, (_, i) => makeScoredAd(500 + i, high));
    expect(await Promise.all(ads.map((s) => batcher.submit(s)))).toEqual(ads.map(() => 'raised'));
    // The first message is written at once; the 19 that arrive meanwhile go together in the next transaction.
    expect(batcher.flushes).toBe(2);
    expect(await dataSource.getRepository(AlertEntity).countBy({ adId: In(ads.map((a) => a.id)) })).toBe(20);
  });

  it('fails only the bad message of a batch', async () => {
    const batcher = new ScoredAdBatcher(store);
    const good = Array.from({ length: 5 }, (_, i) => makeScoredAd(600 + i, high));
    const broken = makeScoredAd(610, high);
    const bad = { ...broken, ad: { ...broken.ad, source: 'x'.repeat(200) } };
    const results = await Promise.allSettled([...good, bad].map((s) => batcher.submit(s)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(await dataSource.getRepository(AlertEntity).countBy({ adId: In(good.map((g) => g.id)) })).toBe(5);
    expect(await dataSource.getRepository(AdEntity).countBy({ id: bad.id })).toBe(0);
  });

  it('leaves nothing behind when the transaction fails half way', async () => {
    const scored = makeScoredAd(4, high);
    const broken = { ...scored, ad: { ...scored.ad, source: 'x'.repeat(200) } };
    await expect(store.store(broken)).rejects.toThrow();
    expect(await dataSource.getRepository(AdEntity).countBy({ id: scored.id })).toBe(0);
    expect(await dataSource.getRepository(AlertEntity).countBy({ adId: scored.id })).toBe(0);
  });
});
