import { alertV1, type IndicatorHit, type ScoredAdV1 } from '@lantern/contracts';
import { AuditLog, createSecurityDataSource, loadConfig, migrate, type Principal } from '@lantern/platform';
import { createSchema, makeScoredAd, requiredEnv } from '@lantern/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AdContactEntity, AdEntity, AdIndicatorEntity } from '../ads/ad.entity';
import { AdViews } from '../ads/ad-views';
import { alertIdOf, ScoredAdStore } from '../ads/scored-ad.store';
import { dataSourceOptions } from '../database/data-source';
import { OutboxEntity } from '../outbox/outbox.entity';
import { ReviewEntity } from '../reviews/review.entity';
import { ReviewService } from '../reviews/review.service';
import { AlertEntity } from './alert.entity';
import { StatsController } from '../stats/stats.controller';
import { AlertsController } from './alerts.controller';

// INVENTED TEST FIXTURES: synthetic ads, indicators and contacts written for these tests.
const LINK_KEY = 'test-link-key-0123456789abcdef0123456789';
const analyst: Principal = { keyId: '00000000-0000-4000-8000-00000000000a', name: 'analyst', role: 'analyst' };
const admin: Principal = { keyId: '00000000-0000-4000-8000-0000000000ad', name: 'admin', role: 'admin' };
const investigator: Principal = { keyId: '00000000-0000-4000-8000-0000000000ef', name: 'investigator', role: 'investigator' };

const indicator = (id: string, severity: IndicatorHit['severity']): IndicatorHit => ({
  id,
  title: id,
  category: 'test',
  severity,
  weight: 1,
  sources: [],
  evidence: [{ field: 'description', start: 0, end: 9, text: 'Synthetic' }],
});

function scored(n: number, level: ScoredAdV1['risk']['level'], score: number, extra: Partial<ScoredAdV1> = {}, ad = {}): ScoredAdV1 {
  return { ...makeScoredAd(n, { score, probability: score / 100, level }, ad), ...extra };
}

interface Harness {
  dataSource: DataSource;
  security: DataSource;
  store: ScoredAdStore;
  reviews: ReviewService;
  controller: AlertsController;
  audit: AuditLog;
  close(): Promise<void>;
}

async function openPostgres(): Promise<Harness> {
  const { schema, drop } = await createSchema();
  const env = {
    LANTERN_MODE: 'distributed',
    KAFKA_BROKERS: '127.0.0.1:9',
    REDIS_URL: 'redis://127.0.0.1:6379',
    SUBSCRIPTION_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    DATABASE_URL: requiredEnv('DATABASE_URL'),
    DATABASE_SCHEMA: schema,
  };
  return open(loadConfig('alerts', env), drop);
}

async function openSqlite(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-alerts-sqlite-'));
  return open(loadConfig('alerts', { DATA_DIR: dir }), async () => rmSync(dir, { recursive: true, force: true }));
}

/** The alerts and security databases of one config, migrated; closing them runs `cleanup` last. */
async function open(config: ReturnType<typeof loadConfig>, cleanup: () => Promise<void>): Promise<Harness> {
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  await migrate(dataSource);
  const security = await createSecurityDataSource(config).initialize();
  await migrate(security);
  return build(config, dataSource, security, async () => {
    await dataSource.destroy();
    await security.destroy();
    await cleanup();
  });
}

function build(config: ReturnType<typeof loadConfig>, dataSource: DataSource, security: DataSource, close: () => Promise<void>): Harness {
  const audit = new AuditLog(security);
  const store = new ScoredAdStore(dataSource, config, LINK_KEY);
  const reviews = new ReviewService(dataSource, audit);
  const controller = new AlertsController(dataSource, new AdViews(dataSource), reviews);
  return { dataSource, security, store, reviews, controller, audit, close };
}

describe.each([
  ['PostgreSQL', openPostgres],
  ['SQLite', openSqlite],
])('alert store, policy, review and filters on %s', (_name, open) => {
  let h: Harness;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });

  const count = (entity: new () => object) => h.dataSource.getRepository(entity).count();
  const snapshot = async () => ({
    ads: await h.dataSource.getRepository(AdEntity).find({ order: { id: 'ASC' } }),
    alerts: await h.dataSource.getRepository(AlertEntity).find({ order: { id: 'ASC' } }),
    outbox: await count(OutboxEntity),
    indicators: await count(AdIndicatorEntity),
    contacts: await count(AdContactEntity),
  });

  it('stores a batch with duplicates once, and a replay of the batch (or an older message) changes nothing', async () => {
    const batch = Array.from({ length: 40 }, (_, i) =>
      scored(100 + i, i % 2 ? 'high' : 'low', i % 2 ? 70 + (i % 20) : 10, {
        indicators: [indicator('fee.recruitment', 'high'), indicator('document.retention', 'medium')],
        entities: {
          phones: [{ e164: `+4477009000${String(i % 5).padStart(2, '0')}` }],
          emails: [],
          handles: [],
          urls: [],
          money: [],
          ages: [],
          genders: [],
          places: [],
        },
      }),
    );
    const outcomes = await h.store.storeMany([...batch, ...batch.slice(0, 10)]);
    expect([...outcomes.values()].filter((o) => o === 'raised')).toHaveLength(20);
    const before = await snapshot();
    expect(before.ads).toHaveLength(40);
    expect(before.alerts).toHaveLength(20);
    expect(before.indicators).toBe(80);
    expect(before.contacts).toBe(40);

    const replay = await h.store.storeMany(batch);
    expect([...replay.values()].every((o) => o === 'unchanged')).toBe(true);
    const older = {
      ...batch[1]!,
      scoredAt: '2020-01-01T00:00:00.000Z',
      risk: { score: 99, probability: 0.99, level: 'critical' as const },
    };
    expect(await h.store.store(older)).toEqual({ alert: 'unchanged' });
    expect(await snapshot()).toEqual(before);
  });

  it('indexes contacts by keyed HMAC only, and links ads that share one', async () => {
    const rows = await h.dataSource.getRepository(AdContactEntity).find();
    expect(rows.every((r) => /^phone:[0-9a-f]{64}$/.test(r.contactKey))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('7700900');
    const first = await h.dataSource
      .getRepository(AdEntity)
      .findOneByOrFail({ id: makeScoredAd(100, { score: 1, probability: 0, level: 'low' }).id });
    const linked = await new AdViews(h.dataSource).linked(first, 'analyst');
    // Ads 100, 105, 110, ... share the phone ending in 00: eight ads, seven others.
    expect(linked).toHaveLength(7);
    expect(linked.every((l) => l.via.includes('shared phone') && l.ad !== null)).toBe(true);
  });

  it('raises alerts below the threshold when a rule matches, and none otherwise', async () => {
    const criticalRule = scored(200, 'medium', 40, { indicators: [indicator('coercion.threat', 'critical')] });
    const linkageRule = scored(201, 'medium', 45, { indicators: [indicator('linkage.shared_contact_many_countries', 'high')] });
    const plain = scored(202, 'medium', 45, { indicators: [indicator('fee.recruitment', 'high')] });
    const outcomes = await h.store.storeMany([criticalRule, linkageRule, plain]);
    expect(Object.fromEntries(outcomes)).toEqual({ [criticalRule.id]: 'raised', [linkageRule.id]: 'raised', [plain.id]: 'none' });
    const alerts = h.dataSource.getRepository(AlertEntity);
    expect((await alerts.findOneByOrFail({ adId: criticalRule.id })).reasons).toEqual(['rule: critical indicator coercion.threat']);
    expect((await alerts.findOneByOrFail({ adId: linkageRule.id })).reasons[0]).toMatch(/contact linked/);
  });

  it('walks the review lifecycle with revisions, refuses replays and wrong transitions, and audits each decision', async () => {
    const ad = scored(300, 'critical', 95);
    await h.store.store(ad);
    const id = alertIdOf(ad.id);
    const outboxBefore = await count(OutboxEntity);

    await expect(h.reviews.review(id, { decision: 'confirm' }, analyst)).rejects.toMatchObject({ status: 409 });
    const started = await h.reviews.review(id, { decision: 'start_review', expectedRevision: 1 }, analyst, '10.1.2.3');
    expect(started).toMatchObject({ status: 'in_review', revision: 2, assigneeKeyId: analyst.keyId });
    // The same request again: the revision moved on, so it is a conflict, not a second review.
    await expect(h.reviews.review(id, { decision: 'start_review', expectedRevision: 1 }, analyst)).rejects.toMatchObject({ status: 409 });
    const confirmed = await h.reviews.review(id, { decision: 'confirm', note: 'Matches a known pattern.', expectedRevision: 2 }, analyst);
    expect(confirmed).toMatchObject({ status: 'confirmed', revision: 3 });
    await expect(h.reviews.review(id, { decision: 'reopen' }, analyst)).rejects.toMatchObject({ status: 403 });
    await expect(h.reviews.review(id, { decision: 'dismiss' }, analyst)).rejects.toMatchObject({ status: 409 });
    expect(await h.reviews.review(id, { decision: 'reopen' }, admin)).toMatchObject({ status: 'in_review', revision: 4 });
    await expect(h.reviews.review('al_00000000000000000000000000000000', { decision: 'confirm' }, analyst)).rejects.toMatchObject({
      status: 404,
    });

    const history = await h.reviews.history(id);
    expect(history.reviews.map((r) => [r.decision, r.fromStatus, r.toStatus, r.alertRevision])).toEqual([
      ['start_review', 'new', 'in_review', 1],
      ['confirm', 'in_review', 'confirmed', 2],
      ['reopen', 'confirmed', 'in_review', 3],
    ]);
    expect(history.notes.map((n) => n.body)).toEqual(['Matches a known pattern.']);
    const published = await h.dataSource.getRepository(OutboxEntity).find({ where: { messageKey: ad.id }, order: { id: 'ASC' } });
    expect(await count(OutboxEntity)).toBe(outboxBefore + 3);
    expect(published.map((row) => alertV1.parse(JSON.parse(row.payload))).map((m) => [m.revision, m.status])).toEqual([
      [1, 'new'],
      [2, 'in_review'],
      [3, 'confirmed'],
      [4, 'in_review'],
    ]);
    const audited = await h.audit.list({ limit: 10, objectId: id });
    expect(audited.map((e) => e.action)).toEqual(['alert.review', 'alert.review', 'alert.review']);
    expect(audited.at(-1)).toMatchObject({ actorKeyId: analyst.keyId, from: '10.1.2.3' });
    expect((await h.audit.verify()).ok).toBe(true);
  });

  it('keeps the review status when the ad is rescored, with a new revision', async () => {
    const ad = scored(301, 'high', 70);
    await h.store.store(ad);
    const id = alertIdOf(ad.id);
    await h.reviews.review(id, { decision: 'start_review' }, analyst);
    await h.store.store({ ...ad, scoredAt: '2026-02-01T00:00:00.000Z', risk: { score: 88, probability: 0.88, level: 'critical' } });
    expect(await h.dataSource.getRepository(AlertEntity).findOneByOrFail({ id })).toMatchObject({
      status: 'in_review',
      revision: 3,
      level: 'critical',
    });
    await expect(h.reviews.review(id, { decision: 'confirm', expectedRevision: 2 }, analyst)).rejects.toMatchObject({ status: 409 });
    expect(await h.dataSource.getRepository(ReviewEntity).countBy({ alertId: id })).toBe(1);
  });

  it('counts stats by day, level, indicator, country and language', async () => {
    const stats = await new StatsController(h.dataSource).stats({ from: '2026-01-01T00:00:00Z' });
    const ads = await count(AdEntity);
    expect(stats.ads.total).toBe(ads);
    expect(stats.ads.byDay.reduce((sum, c) => sum + c.count, 0)).toBe(ads);
    expect(stats.ads.byLevel.reduce((sum, c) => sum + c.count, 0)).toBe(ads);
    expect(stats.ads.byIndicator).toContainEqual({ key: 'fee.recruitment', count: 41 });
    expect(stats.ads.byCountry).toContainEqual({ key: '??', count: ads });
    expect(stats.alerts.total).toBe(await count(AlertEntity));
    expect(stats.alerts.byStatus.map((c) => c.key)).toEqual(expect.arrayContaining(['new', 'in_review']));
    await expect(new StatsController(h.dataSource).stats({ from: 'soon' })).rejects.toMatchObject({ status: 400 });
  });

  describe('GET /api/alerts filters', () => {
    const ids = (page: { items: Array<{ adId: string }> }) => page.items.map((i) => i.adId).sort();
    const list = (query: Record<string, unknown>, who: Principal = investigator) => h.controller.list(query, who);
    let fixtures: ScoredAdV1[];

    beforeAll(async () => {
      fixtures = [
        scored(
          400,
          'high',
          71,
          { indicators: [indicator('filter.alpha', 'high')], language: { code: 'pt', script: 'Latn', confidence: 1 } },
          {
            source: 'filter-src-a',
            location: { country: 'PT' },
            description: 'Filter fixture: 100% guaranteed visa, call now.',
          },
        ),
        scored(
          401,
          'critical',
          96,
          { indicators: [indicator('filter.beta', 'critical')], scoredAt: '2026-03-01T00:00:00.000Z' },
          {
            source: 'filter-src-b',
            location: { country: 'RO' },
            description: 'Filter fixture: free housing and transport.',
          },
        ),
        scored(
          402,
          'high',
          80,
          { indicators: [indicator('filter.alpha', 'high')] },
          { source: 'filter-src-b', location: { country: 'RO' } },
        ),
      ];
      await h.store.store(fixtures[0]!, new Date('2026-03-01T10:00:00.000Z'));
      await h.store.store(fixtures[1]!, new Date('2026-03-02T10:00:00.000Z'));
      await h.store.store(fixtures[2]!, new Date('2026-03-03T10:00:00.000Z'));
    });

    it('filters by each field, alone and together', async () => {
      const [a, b, c] = fixtures.map((f) => f.id);
      expect(ids(await list({ indicator: 'filter.alpha' }))).toEqual([a, c].sort());
      expect(ids(await list({ source: 'filter-src-b' }))).toEqual([b, c].sort());
      expect(ids(await list({ country: 'ro', level: 'critical' }))).toEqual([b]);
      expect(ids(await list({ language: 'pt' }))).toEqual([a]);
      expect(ids(await list({ source: 'filter-src-b', minScore: '90' }))).toEqual([b]);
      expect(ids(await list({ from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' }))).toEqual([b]);
      expect(ids(await list({ q: 'FREE HOUSING' }))).toEqual([b]);
      // A % in the query is a literal percent sign, not a wildcard.
      expect(ids(await list({ q: '100%' }))).toEqual([a]);
      expect(ids(await list({ q: '0% g' }))).toEqual([a]);
      expect(ids(await list({ q: '%%' }))).toEqual([]);
      expect(ids(await list({ status: 'confirmed', source: 'filter-src-b' }))).toEqual([]);
    });

    it('pages through every alert once in either sort, and refuses a cursor from the other sort', async () => {
      for (const sort of ['newest', 'risk'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let previous: number | string | undefined;
        do {
          const page: Awaited<ReturnType<AlertsController['list']>> = await list({ sort, limit: '7', ...(cursor ? { cursor } : {}) });
          for (const item of page.items) {
            const key = sort === 'risk' ? item.score : item.raisedAt;
            if (previous !== undefined) expect(key <= previous).toBe(true);
            previous = key;
            seen.push(item.id);
          }
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(await count(AlertEntity));
        expect(new Set(seen).size).toBe(seen.length);
      }
      const page = await list({ sort: 'risk', limit: '1' });
      await expect(list({ sort: 'newest', cursor: page.nextCursor })).rejects.toMatchObject({ status: 400 });
    });

    it('refuses unknown and malformed filters with a 400 that names them', async () => {
      await expect(list({ colour: 'red' })).rejects.toMatchObject({ status: 400 });
      await expect(list({ minScore: '101' })).rejects.toThrow(/minScore/);
      await expect(list({ from: 'yesterday' })).rejects.toThrow(/from/);
      await expect(list({ from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' })).rejects.toThrow(/from must not be after to/);
      await expect(list({ limit: '101' })).rejects.toThrow(/limit/);
    });

    it('shows the ad with contacts masked for analysts and raw for investigators', async () => {
      const withContacts = scored(
        410,
        'critical',
        97,
        {
          entities: {
            phones: [{ e164: '+447700900123' }],
            emails: [{ address: 'fixture.recruiter@example.org', freeMail: false }],
            handles: [{ platform: 'telegram', value: 'fixture_handle' }],
            urls: [],
            money: [],
            ages: [],
            genders: [],
            places: [],
          },
        },
        { description: 'Invented fixture: write to fixture.recruiter@example.org or +44 7700 900123, telegram fixture_handle.' },
      );
      await h.store.store(withContacts);
      const id = alertIdOf(withContacts.id);
      const masked = JSON.stringify(await h.controller.get(id, analyst));
      expect(masked).not.toContain('7700 900123');
      expect(masked).not.toContain('+447700900123');
      expect(masked).not.toContain('fixture.recruiter@');
      expect(masked).not.toContain('fixture_handle');
      const raw = await h.controller.get(id, investigator);
      expect(raw.ad.contactsMasked).toBe(false);
      expect(raw.ad.entities.phones[0]?.e164).toBe('+447700900123');
      expect(raw.ad.ad.description).toContain('fixture.recruiter@example.org');
    });
  });
});
