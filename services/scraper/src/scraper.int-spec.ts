// FIXTURE: every ad and page below is invented for this test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RawAdV1, Topics } from '@lantern/contracts';
import { type LanternApp, loadConfig, startLantern } from '@lantern/platform';
import { createSchema, eventually, KafkaTopicReader, requiredEnv, uniqueName } from '@lantern/testing';
import pino from 'pino';
import { ScrapeScheduler } from './schedule/scrape-scheduler';
import { ScraperModule } from './scraper.module';

// Test-only key, handed to the service through LANTERN_BOOTSTRAP_ADMIN_KEY.
const ADMIN_KEY = 'lan_scraper-int-admin-key-0123456789abcdef';

const posting = (n: number, pay: string) =>
  `<html><head><script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: `Fixture fruit picker ${n}`,
    description: `<p>Invented fixture ad ${n}. Pay ${pay}. Accommodation provided.</p>`,
    identifier: { value: `fx-${n}` },
    hiringOrganization: { name: 'Fixture Farms' },
    jobLocation: { address: { addressLocality: 'Huelva', addressCountry: 'Spain' } },
  })}</script></head><body>fixture</body></html>`;

describe('scraper service (distributed: Kafka, PostgreSQL, Redis) on a loopback fixture site', () => {
  let server: Server;
  let lantern: LanternApp;
  let reader: KafkaTopicReader;
  let dir: string;
  let dropSchema: () => Promise<void>;
  let pay = '7 EUR an hour';
  let ingestKey: string;
  let analystKey: string;

  const call = async (path: string, init: { key?: string; method?: string; body?: string; type?: string } = {}) => {
    const response = await fetch(`${lantern.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const rawAds = async () => (await reader.read(Topics.AdsRaw)).map((m) => JSON.parse(m.value!.toString()) as RawAdV1);
  const fixtureAds = async () => (await rawAds()).filter((ad) => ad.source === 'fixture-board');
  const sources = async () => (await call('/api/sources', { key: analystKey })).body['items'] as Array<Record<string, unknown>>;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/jobs') return response.end('<html><body><a href="/jobs/1">one</a> <a href="/jobs/2">two</a></body></html>');
      const job = /^\/jobs\/(\d)$/.exec(path);
      if (job) return response.end(posting(Number(job[1]), Number(job[1]) === 2 ? pay : '7 EUR an hour'));
      return response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    dir = mkdtempSync(join(tmpdir(), 'lantern-scraper-'));
    const sourcesFile = join(dir, 'sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify({
        sources: [
          { name: 'fixture-board', type: 'jsonld', urls: [`${base}/jobs`], allowPrivate: true, schedule: { every: '1h' } },
          { name: 'switched-off', type: 'rss', urls: ['https://feed.example.org/jobs.rss'], enabled: false },
          // Nothing listens there: the run fails and the source backs off.
          { name: 'closed-port', type: 'rss', urls: [`http://127.0.0.1:${closedPort}/feed.xml`], allowPrivate: true },
          // Not marked allowPrivate: the loopback address is refused before any connection.
          { name: 'no-private', type: 'jsonld', urls: [`${base}/jobs`] },
        ],
      }),
    );
    const { schema, drop } = await createSchema();
    dropSchema = drop;
    const prefix = `${uniqueName('scraper')}.`;
    const config = loadConfig('scraper', {
      LANTERN_MODE: 'distributed',
      PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      KAFKA_TOPIC_PARTITIONS: '1',
      DATABASE_URL: requiredEnv('DATABASE_URL'),
      DATABASE_SCHEMA: schema,
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: prefix,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP_PREFIX: prefix,
      SCRAPER_DEMO: 'false',
      SCRAPER_SOURCES_FILE: sourcesFile,
      SCRAPER_CONTACT_URL: 'https://lantern.example.org/crawler',
      SCRAPER_REQUEST_DELAY_MS: '0',
      LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    });
    lantern = await startLantern({ service: 'scraper', modules: [ScraperModule], config, logger: pino({ level: 'silent' }) });
    reader = new KafkaTopicReader(config.kafka!.brokers, prefix);
    const created = async (role: string) =>
      (await call('/api/keys', { key: ADMIN_KEY, method: 'POST', body: JSON.stringify({ name: `partner ${role}`, role }) })).body[
        'key'
      ] as string;
    ingestKey = await created('ingest');
    analystKey = await created('analyst');
  });

  afterAll(async () => {
    await reader?.close();
    await lantern?.close();
    server?.close();
    await dropSchema?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each ad once, nothing on an unchanged re-run, and a new version of the same id when a page changes', async () => {
    const scheduler = lantern.app.get(ScrapeScheduler);
    // The interval schedule starts the first run at boot; wait for it to end.
    await eventually(
      async () => ((await sources()).find((source) => source['lastSuccessAt'])?.['id'] === 'fixture-board' ? true : undefined),
      {
        what: 'the first scheduled run',
      },
    );
    const first = await eventually(async () => ((await fixtureAds()).length >= 2 ? fixtureAds() : undefined), { what: 'two fixture ads' });
    expect(first.map((ad) => ad.title).sort()).toEqual(['Fixture fruit picker 1', 'Fixture fruit picker 2']);

    await scheduler.runNow('fixture-board');
    let [board] = await sources();
    expect(board!['counters']).toMatchObject({ pages: 6, ads: 4, new: 2, changed: 0, unchanged: 2, errors: 0 });

    pay = '2 EUR an hour, passport kept by employer';
    await scheduler.runNow('fixture-board');
    const all = await eventually(async () => ((await fixtureAds()).length >= 3 ? fixtureAds() : undefined), { what: 'the changed ad' });
    expect(all).toHaveLength(3);
    const changed = all[2]!;
    const original = first.find((ad) => ad.title === 'Fixture fruit picker 2')!;
    expect(changed.id).toBe(original.id);
    expect(changed.contentHash).not.toBe(original.contentHash);
    expect(changed.description).toContain('passport kept');

    [board] = await sources();
    expect(board).toMatchObject({
      id: 'fixture-board',
      kind: 'jsonld',
      status: 'ok',
      enabled: true,
      consecutiveFailures: 0,
      lastError: null,
      counters: { pages: 9, ads: 6, new: 2, changed: 1, unchanged: 3, errors: 0, robotsRefused: 0, ssrfRefused: 0 },
    });
    expect(typeof board!['lastSuccessAt']).toBe('string');
    expect(typeof board!['nextRunAt']).toBe('string');
  });

  it('lists disabled sources as disabled, and exposes the counters on /metrics', async () => {
    const all = await sources();
    expect(all.find((source) => source['id'] === 'switched-off')).toMatchObject({ status: 'disabled', nextRunAt: null, enabled: false });
    const metrics = await (await fetch(`${lantern.url}/metrics`)).text();
    expect(metrics).toMatch(/lantern_scraper_ads_new_total\{source="fixture-board"\} 2/);
    expect(metrics).toMatch(/lantern_scraper_pages_fetched_total\{source="fixture-board"\} 9/);
  });

  it('takes pushed ads from an ingest key, reports invalid items, and is idempotent on the ad id', async () => {
    const items = [
      { url: 'https://partner.example.org/ad/1', title: 'Fixture pushed cleaner', description: 'Invented pushed ad. Cash only.' },
      { title: 'no description' },
      'not an object',
    ];
    const pushed = await call('/api/ingest', { key: ingestKey, method: 'POST', body: JSON.stringify(items) });
    expect(pushed.status).toBe(207);
    expect(pushed.body).toMatchObject({ published: 1, unchanged: 0, rejected: 2 });
    const results = pushed.body['results'] as Array<Record<string, unknown>>;
    expect(results[0]).toMatchObject({ index: 0, outcome: 'new' });
    expect(results[1]!['error']).toMatch(/description/);
    expect(results[2]!['error']).toMatch(/JSON object/);
    const id = results[0]!['id'];
    const arrived = await eventually(async () => (await rawAds()).find((ad) => ad.id === id), { what: 'the pushed ad' });
    expect(arrived.source).toBe('push:partner-ingest');

    // The same item again, as JSON lines this time, beside a bad line: unchanged, not republished.
    const again = await call('/api/ingest', {
      key: ingestKey,
      method: 'POST',
      type: 'application/x-ndjson',
      body: `${JSON.stringify(items[0])}\n{oops\n`,
    });
    expect(again.status).toBe(207);
    expect(again.body).toMatchObject({
      published: 0,
      unchanged: 1,
      rejected: 1,
      results: [{ index: 0, id, outcome: 'unchanged' }, { index: 1 }],
    });

    const good = await call('/api/ingest', { key: ingestKey, method: 'POST', body: JSON.stringify(items[0]) });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ published: 0, unchanged: 1, rejected: 0 });
  });

  it('reports a failing source with its error and back-off, and counts SSRF refusals, without holding up the others', async () => {
    const scheduler = lantern.app.get(ScrapeScheduler);
    await Promise.all([scheduler.runNow('closed-port'), scheduler.runNow('no-private')]);
    const all = await sources();
    const failing = all.find((source) => source['id'] === 'closed-port')!;
    // One run at boot and possibly one more here (if the boot run had already ended): count per run.
    const runs = failing['consecutiveFailures'] as number;
    expect(runs).toBeGreaterThanOrEqual(1);
    // An unreachable robots.txt counts as "disallow everything" (RFC 9309): each run is refused and fails.
    expect(failing).toMatchObject({ status: 'failing', lastSuccessAt: null, counters: { errors: runs, robotsRefused: runs, pages: 0 } });
    expect(failing['lastError']).toMatch(/robots\.txt disallows/);
    expect(Date.parse(failing['nextRunAt'] as string)).toBeGreaterThan(Date.now());
    const refused = all.find((source) => source['id'] === 'no-private')!;
    const refusedRuns = refused['consecutiveFailures'] as number;
    expect(refusedRuns).toBeGreaterThanOrEqual(1);
    expect(refused).toMatchObject({ status: 'failing', counters: { ssrfRefused: refusedRuns, pages: 0, ads: 0 } });
    expect(all.find((source) => source['id'] === 'fixture-board')).toMatchObject({ status: 'ok' });
  });

  it('refuses pushes without a key (401), with another role (403), and over the size bounds (413)', async () => {
    const body = JSON.stringify({ title: 'Fixture', description: 'Invented.' });
    expect((await call('/api/ingest', { method: 'POST', body })).status).toBe(401);
    expect((await call('/api/ingest', { key: analystKey, method: 'POST', body })).status).toBe(403);
    expect((await call('/api/sources', { key: ingestKey })).status).toBe(403);
    const big = JSON.stringify({ title: 'Fixture', description: 'x'.repeat(1_100_000) });
    expect((await call('/api/ingest', { key: ingestKey, method: 'POST', body: big })).status).toBe(413);
    const bigLines = `${JSON.stringify({ description: 'y'.repeat(600_000) })}\n`.repeat(2);
    expect((await call('/api/ingest', { key: ingestKey, method: 'POST', type: 'application/x-ndjson', body: bigLines })).status).toBe(413);
    const many = JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ description: `Invented ${i}` })));
    expect((await call('/api/ingest', { key: ingestKey, method: 'POST', body: many })).status).toBe(413);
  });
});
