import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@lantern/contracts';
import { Publisher } from '@lantern/messaging';
import { ApiKeys, type LanternApp, loadConfig, startLantern } from '@lantern/platform';
import { eventually, makeScoredAd, SseReader, WebhookReceiver } from '@lantern/testing';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { AlertsModule } from '../alerts.module';
import { AlertStream } from '../stream/alert-stream';
import { AlertEvents } from './alert-events';

// Test-only key.
const ADMIN_KEY = 'lan_feeds-embedded-admin-key-0123456789abcdef';

/** The same feeds in embedded mode: SQLite, the in-process bus, a generated secret key in DATA_DIR. */
describe('alert feeds in embedded mode', () => {
  const dirs: string[] = [];
  let lantern: LanternApp | undefined;
  let receiver: WebhookReceiver;
  let receiverUrl: string;

  const start = (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lantern-feeds-'));
    dirs.push(dataDir);
    return startLantern({
      service: 'alerts',
      modules: [AlertsModule],
      config: loadConfig('alerts', { PORT: '0', DATA_DIR: dataDir, LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, ...env }),
      logger: pino({ level: 'silent' }),
    });
  };
  const post = async (path: string, key: string, body: unknown) => {
    const response = await fetch(`${lantern!.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  beforeEach(async () => {
    receiver = new WebhookReceiver();
    receiverUrl = await receiver.start();
  });

  afterEach(async () => {
    await lantern?.close();
    lantern = undefined;
    await receiver.stop();
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a webhook to a loopback or private address unless WEBHOOK_ALLOW_PRIVATE is set', async () => {
    lantern = await start({});
    for (const url of [`${receiverUrl}/hook`, 'http://10.0.0.1/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest']) {
      const response = await post('/api/subscriptions', ADMIN_KEY, { name: 'ssrf', channel: 'webhook', url });
      expect({ url, status: response.status }).toEqual({ url, status: 400 });
      expect(response.body['message']).toMatch(/private, loopback or reserved/);
    }
    expect(receiver.connections).toBe(0);
  });

  it('delivers a verified webhook and streams the alert over SQLite', async () => {
    lantern = await start({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50', SSE_POLL_MS: '50' });
    const investigator = (await lantern.app.get(ApiKeys).create('investigator', 'embedded')).key;
    const created = await post('/api/subscriptions', investigator, {
      name: 'case',
      channel: 'webhook',
      url: `${receiverUrl}/hook`,
      filter: { minLevel: 'high' },
    });
    expect(created.status).toBe(201);
    const stream = await new SseReader(`${lantern.url}/api/alerts/stream?minLevel=high`, {
      authorization: `Bearer ${investigator}`,
    }).open();

    const ads = [
      makeScoredAd(1, { score: 80, probability: 0.8, level: 'high' }),
      makeScoredAd(2, { score: 10, probability: 0.1, level: 'low' }),
    ];
    await lantern.app.get(Publisher).publish(Topics.AdsScored, ads);

    const [request] = await eventually(async () => (receiver.at('/hook').length ? receiver.at('/hook') : undefined), {
      what: 'the webhook',
    });
    expect(new Webhook(created.body['secret']!).verify(request!.body, request!.headers)).toMatchObject({
      adId: ads[0]!.id,
      type: 'alert.raised',
    });
    await eventually(async () => (stream.events.length ? true : undefined), { what: 'the streamed alert' });
    await stream.close();
    expect(stream.events.map((e) => JSON.parse(e.data).adId)).toEqual([ads[0]!.id]);
  });

  it('bounds the number of streams, sends heartbeats, frees slots on disconnect and ends streams at shutdown', async () => {
    lantern = await start({ SSE_MAX_CLIENTS: '2', SSE_HEARTBEAT_MS: '100', SSE_POLL_MS: '50' });
    const investigator = (await lantern.app.get(ApiKeys).create('investigator', 'streams')).key;
    const other = (await lantern.app.get(ApiKeys).create('investigator', 'other')).key;
    const saved = await post('/api/subscriptions', investigator, { name: 'stream case', channel: 'stream', filter: { minScore: 90 } });
    expect(saved.status).toBe(201);
    expect(saved.body['secret']).toBeUndefined();
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    const streamUrl = `${lantern.url}/api/alerts/stream`;

    // Someone else's stream subscription is a 404, like every other subscription route.
    const foreign = await new SseReader(`${streamUrl}?subscriptionId=${saved.body['id']}`, auth(other)).open();
    await foreign.close();
    expect(foreign.status).toBe(404);

    const bySubscription = await new SseReader(`${streamUrl}?subscriptionId=${saved.body['id']}`, auth(investigator)).open();
    const plain = await new SseReader(streamUrl, auth(investigator)).open();
    const refused = await new SseReader(streamUrl, auth(investigator)).open();
    await refused.close();
    expect([bySubscription.status, plain.status, refused.status]).toEqual([200, 200, 503]);
    await eventually(async () => (plain.comments >= 2 ? true : undefined), { what: 'heartbeats' });

    const ads = [
      makeScoredAd(11, { score: 95, probability: 0.95, level: 'critical' }),
      makeScoredAd(12, { score: 75, probability: 0.75, level: 'high' }),
    ];
    await lantern.app.get(Publisher).publish(Topics.AdsScored, ads);
    await eventually(async () => (plain.events.length === 2 && bySubscription.events.length === 1 ? true : undefined), {
      what: 'both streams',
    });
    expect(JSON.parse(bySubscription.events[0]!.data).adId).toBe(ads[0]!.id);

    await plain.close();
    const again = await eventually(
      async () => {
        const reader = await new SseReader(streamUrl, auth(investigator)).open();
        if (reader.status === 200) return reader;
        await reader.close();
        return undefined;
      },
      { what: 'the freed slot' },
    );
    await lantern.close();
    lantern = undefined;
    await eventually(async () => (again.ended && bySubscription.ended ? true : undefined), { what: 'streams ended by shutdown' });
  });

  it('replays at most SSE_REPLAY_LIMIT missed events and says when it stopped short', async () => {
    lantern = await start({ SSE_REPLAY_LIMIT: '2', SSE_POLL_MS: '50' });
    const auth = { authorization: `Bearer ${ADMIN_KEY}` };
    const ads = [21, 22, 23].map((n) => makeScoredAd(n, { score: 80, probability: 0.8, level: 'high' }));
    await lantern.app.get(Publisher).publish(Topics.AdsScored, ads);
    // Wait until the three are stored and this replica's feed has moved past them, so nothing arrives live.
    const events = lantern.app.get(AlertEvents);
    const stream = lantern.app.get(AlertStream);
    await eventually(async () => ((await events.lastSeq()) >= 3 && stream.position >= (await events.lastSeq()) ? true : undefined), {
      what: 'three stored alerts',
    });
    const replay = await new SseReader(`${lantern.url}/api/alerts/stream`, { ...auth, 'last-event-id': '0' }).open();
    await eventually(async () => (replay.events.length >= 3 ? true : undefined), { what: 'the bounded replay' });
    await replay.close();
    const everything = replay.events;
    expect(everything.map((e) => e.event)).toEqual(['alert.raised', 'alert.raised', 'replay-truncated']);
    expect(JSON.parse(everything[2]!.data)).toEqual({ replayed: 2, limit: 2 });
    const fromSecond = await new SseReader(`${lantern.url}/api/alerts/stream`, { ...auth, 'last-event-id': everything[0]!.id! }).open();
    await eventually(async () => (fromSecond.events.length >= 2 ? true : undefined), { what: 'the rest' });
    await fromSecond.close();
    expect(fromSecond.events.map((e) => e.event)).toEqual(['alert.raised', 'alert.raised']);
    expect(fromSecond.events[0]!.id).toBe(everything[1]!.id);
  });
});
