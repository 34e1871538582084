import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, migrate } from '@lantern/platform';
import { createSchema, makeScoredAd, requiredEnv } from '@lantern/testing';
import { DataSource } from 'typeorm';
import { AdEntity } from '../ads/ad.entity';
import { alertIdOf, ScoredAdStore } from '../ads/scored-ad.store';
import { AlertEntity } from '../alerts/alert.entity';
import { dataSourceOptions, MIGRATIONS } from './data-source';

const LINK_KEY = 'test-link-key-0123456789abcdef0123456789';

/** A database created by the first release, then upgraded: its ads and alerts survive and keep working. */
describe.each(['PostgreSQL', 'SQLite'])('upgrading a %s database from the initial schema', (kind) => {
  let cleanup: () => Promise<void>;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    if (kind === 'PostgreSQL') {
      const { schema, drop } = await createSchema();
      config = loadConfig('alerts', {
        LANTERN_MODE: 'distributed',
        KAFKA_BROKERS: '127.0.0.1:9',
        REDIS_URL: 'redis://127.0.0.1:6379',
        SUBSCRIPTION_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
        DATABASE_URL: requiredEnv('DATABASE_URL'),
        DATABASE_SCHEMA: schema,
      });
      cleanup = drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'lantern-upgrade-'));
      config = loadConfig('alerts', { DATA_DIR: dir });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => cleanup());

  it('keeps the stored ad and alert, and rescoring updates that alert', async () => {
    const scored = makeScoredAd(1, { score: 80, probability: 0.8, level: 'high' });
    const old = await new DataSource({ ...dataSourceOptions(config.database), migrations: MIGRATIONS.slice(0, 1) }).initialize();
    await migrate(old);
    const at = '2026-01-01T00:00:00.000Z';
    const ads = old.getMetadata(AdEntity).tablePath;
    const alerts = old.getMetadata(AlertEntity).tablePath;
    const quote = (path: string) =>
      path
        .split('.')
        .map((p) => `"${p}"`)
        .join('.');
    const p = (i: number) => (kind === 'PostgreSQL' ? `$${i}` : '?');
    await old.query(
      `INSERT INTO ${quote(ads)} (id, source, url, title, country, language, content_hash, risk_score, risk_probability, risk_level, ad, indicators, entities, versions, first_seen_at, scored_at)
       VALUES (${Array.from({ length: 16 }, (_, i) => p(i + 1)).join(', ')})`,
      [
        scored.id,
        scored.ad.source,
        scored.ad.url,
        scored.ad.title,
        null,
        'en',
        scored.ad.contentHash,
        80,
        0.8,
        'high',
        JSON.stringify(scored.ad),
        '[]',
        JSON.stringify(scored.entities),
        JSON.stringify(scored.versions),
        at,
        at,
      ],
    );
    await old.query(
      `INSERT INTO ${quote(alerts)} (id, ad_id, revision, status, level, score, indicator_ids, reasons, raised_at, updated_at)
       VALUES (${Array.from({ length: 10 }, (_, i) => p(i + 1)).join(', ')})`,
      [alertIdOf(scored.id), scored.id, 1, 'new', 'high', 80, '[]', '["level high reached the high threshold"]', at, at],
    );
    await old.destroy();

    const upgraded = await new DataSource(dataSourceOptions(config.database)).initialize();
    try {
      await migrate(upgraded);
      expect(await upgraded.getRepository(AdEntity).findOneByOrFail({ id: scored.id })).toMatchObject({
        riskScore: 80,
        title: scored.ad.title,
      });
      const store = new ScoredAdStore(upgraded, config, LINK_KEY);
      const rescored = {
        ...scored,
        scoredAt: '2026-02-01T00:00:00.000Z',
        risk: { score: 95, probability: 0.95, level: 'critical' as const },
      };
      expect(await store.store(rescored)).toEqual({ alert: 'updated' });
      expect(await upgraded.getRepository(AlertEntity).findOneByOrFail({ adId: scored.id })).toMatchObject({
        revision: 2,
        level: 'critical',
        assigneeKeyId: null,
      });
    } finally {
      await upgraded.destroy();
    }
  });
});
