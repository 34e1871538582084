import { type ScoredAdV1, Topics } from '@lantern/contracts';
import { Publisher } from '@lantern/messaging';
import { contactKey } from '@lantern/detection';
import { ApiKeys, AuditLog, type LanternApp, loadConfig, type Role, startLantern } from '@lantern/platform';
import { createSchema, eventually, makeScoredAd, requiredEnv, SseReader, uniqueName, WebhookReceiver } from '@lantern/testing';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { AlertsModule } from '../alerts.module';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { AlertEvents } from './alert-events';

// Test-only keys.
const ADMIN_KEY = 'lan_feeds-int-admin-key-0123456789abcdef';
const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');
const LINK_KEY = 'feeds-int-link-key-feeds-int-link-key-0000';

const high = { score: 75, probability: 0.75, level: 'high' as const };
const critical = { score: 95, probability: 0.95, level: 'critical' as const };

interface Subscription {
  id: string;
  secret?: string;
  status: string;
  ownerKeyId?: string;
}
interface Delivery {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  attemptLog: Array<{ at: string; statusCode: number | null; outcome: string; retryAt?: string }>;
}

/**
 * Two alerts-service replicas over one PostgreSQL schema, real Kafka and Redis: subscriptions over
 * HTTP, webhooks checked by the standardwebhooks verifier, SSE with resume, once-per-subscription.
 */
describe('alert feeds: subscriptions, webhooks and SSE on two replicas', () => {
  let replicas: LanternApp[] = [];
  let dropSchema: () => Promise<void>;
  let receiver: WebhookReceiver;
  let receiverUrl: string;
  const keys: Partial<Record<'analyst' | 'investigatorA' | 'investigatorB' | 'ingest', string>> = {};
  let adNumber = 7_000;

  const api = async (
    replica: LanternApp,
    method: string,
    path: string,
    key: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> & { message?: string } }> => {
    const headers: Record<string, string> = {};
    if (key) headers['authorization'] = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${replica.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const first = () => replicas[0]!;
  const second = () => replicas[1]!;

  const subscribe = async (key: string, body: Record<string, unknown>): Promise<Subscription> => {
    const created = await api(first(), 'POST', '/api/subscriptions', key, { name: 'case', channel: 'webhook', ...body });
    expect(created.status).toBe(201);
    return created.body as unknown as Subscription;
  };

  /** Publishes scored ads as the classifier would; the replicas store them and raise alerts. */
  const publishAds = async (count: number, risk: ScoredAdV1['risk'] = high, title?: string): Promise<ScoredAdV1[]> => {
    const ads = Array.from({ length: count }, () => makeScoredAd(adNumber++, risk, title ? { title } : {}));
    await first().app.get(Publisher).publish(Topics.AdsScored, ads);
    return ads;
  };

  const deliveries = async (subscriptionId: string, key = ADMIN_KEY): Promise<Delivery[]> =>
    (await api(first(), 'GET', `/api/subscriptions/${subscriptionId}/deliveries?limit=100`, key)).body['items'] as Delivery[];

  beforeAll(async () => {
    const { schema, drop } = await createSchema();
    dropSchema = drop;
    const prefix = `${uniqueName('feeds')}.`;
    const env = {
      LANTERN_MODE: 'distributed',
      PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: requiredEnv('DATABASE_URL'),
      DATABASE_SCHEMA: schema,
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: prefix,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: '3',
      LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      SUBSCRIPTION_SECRET_KEY: SECRET_KEY,
      LINK_HMAC_KEY: LINK_KEY,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: '500',
      WEBHOOK_BACKOFF_BASE_MS: '20',
      WEBHOOK_BACKOFF_MAX_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '6',
      WEBHOOK_POLL_MS: '50',
      SSE_POLL_MS: '50',
      SSE_HEARTBEAT_MS: '1000',
    };
    // One after the other: both run the same migrations on the shared schema.
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startLantern({
          service: 'alerts',
          modules: [AlertsModule],
          config: loadConfig('alerts', env),
          logger: pino({ level: 'silent' }),
        }),
      );
    }
    const apiKeys = first().app.get(ApiKeys);
    for (const [name, role] of [
      ['analyst', 'analyst'],
      ['investigatorA', 'investigator'],
      ['investigatorB', 'investigator'],
      ['ingest', 'ingest'],
    ] as const) {
      keys[name] = (await apiKeys.create(role as Role, name)).key;
    }
    receiver = new WebhookReceiver();
    receiverUrl = await receiver.start();
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    replicas = [];
    await receiver?.stop();
    await dropSchema?.();
  });

  it('admits each role to the subscription and stream routes as the policy says', async () => {
    const table: Array<[string, string, string | null, number]> = [];
    const roles: Array<[string, string | null]> = [
      ['anonymous', null],
      ['ingest', keys.ingest!],
      ['analyst', keys.analyst!],
      ['investigator', keys.investigatorA!],
      ['admin', ADMIN_KEY],
    ];
    for (const [role, key] of roles) {
      const list = await api(first(), 'GET', '/api/subscriptions', key);
      const create = await api(first(), 'POST', '/api/subscriptions', key, { name: 'role check', channel: 'stream' });
      const stream = await new SseReader(`${first().url}/api/alerts/stream`, key ? { authorization: `Bearer ${key}` } : {}).open();
      await stream.close();
      table.push([role, 'GET /api/subscriptions', null, list.status], [role, 'POST /api/subscriptions', null, create.status]);
      table.push([role, 'GET /api/alerts/stream', null, stream.status]);
      // On an id nobody owns: the role check comes first (401/403), then the object check (404).
      const missing = '/api/subscriptions/sub_00000000000000000000000000000000';
      for (const [method, path, body] of [
        ['GET', missing, undefined],
        ['PATCH', missing, { name: 'x' }],
        ['DELETE', missing, undefined],
        ['POST', `${missing}/rotate-secret`, undefined],
        ['GET', `${missing}/deliveries`, undefined],
      ] as const) {
        const route = `${method} ${path.replace(/sub_0+/, ':id')}`;
        table.push([role, route, null, (await api(first(), method, path, key, body)).status]);
      }
    }
    const statuses = Object.fromEntries(table.map(([role, route, , status]) => [`${role} ${route}`, status]));
    expect(statuses).toEqual({
      'anonymous GET /api/subscriptions': 401,
      'anonymous POST /api/subscriptions': 401,
      'anonymous GET /api/alerts/stream': 401,
      'ingest GET /api/subscriptions': 403,
      'ingest POST /api/subscriptions': 403,
      'ingest GET /api/alerts/stream': 403,
      'analyst GET /api/subscriptions': 403,
      'analyst POST /api/subscriptions': 403,
      'analyst GET /api/alerts/stream': 200,
      'investigator GET /api/subscriptions': 200,
      'investigator POST /api/subscriptions': 201,
      'investigator GET /api/alerts/stream': 200,
      'admin GET /api/subscriptions': 200,
      'admin POST /api/subscriptions': 201,
      'admin GET /api/alerts/stream': 200,
      ...Object.fromEntries(
        [
          'GET /api/subscriptions/:id',
          'PATCH /api/subscriptions/:id',
          'DELETE /api/subscriptions/:id',
          'POST /api/subscriptions/:id/rotate-secret',
          'GET /api/subscriptions/:id/deliveries',
        ].flatMap((route) => [
          [`anonymous ${route}`, 401],
          [`ingest ${route}`, 403],
          [`analyst ${route}`, 403],
          [`investigator ${route}`, 404],
          [`admin ${route}`, 404],
        ]),
      ),
    });
  });

  it("keeps each investigator to their own subscriptions: another's id is a 404, admins see all", async () => {
    const mine = await subscribe(keys.investigatorA!, { url: `${receiverUrl}/a`, filter: { minLevel: 'critical' } });
    expect(mine.secret).toMatch(/^whsec_/);
    expect(mine.ownerKeyId).toBeUndefined();
    const other = keys.investigatorB!;
    for (const [method, path, body] of [
      ['GET', `/api/subscriptions/${mine.id}`, undefined],
      ['PATCH', `/api/subscriptions/${mine.id}`, { name: 'taken over' }],
      ['DELETE', `/api/subscriptions/${mine.id}`, undefined],
      ['POST', `/api/subscriptions/${mine.id}/rotate-secret`, undefined],
      ['GET', `/api/subscriptions/${mine.id}/deliveries`, undefined],
    ] as const) {
      expect({ method, path, status: (await api(first(), method, path, other, body)).status }).toEqual({ method, path, status: 404 });
    }
    const othersList = (await api(first(), 'GET', '/api/subscriptions?limit=100', other)).body['items'] as Subscription[];
    expect(othersList.map((s) => s.id)).not.toContain(mine.id);

    const asOwner = await api(first(), 'GET', `/api/subscriptions/${mine.id}`, keys.investigatorA!);
    expect(asOwner.status).toBe(200);
    expect(asOwner.body['name']).toBe('case');
    expect(asOwner.body['secret']).toBeUndefined();
    const asAdmin = await api(second(), 'GET', `/api/subscriptions/${mine.id}`, ADMIN_KEY);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body['ownerKeyId']).toEqual(expect.any(String));

    const patched = await api(first(), 'PATCH', `/api/subscriptions/${mine.id}`, keys.investigatorA!, { filter: { minScore: 90 } });
    expect(patched.status).toBe(200);
    expect(patched.body['filter']).toEqual({ minScore: 90 });
    expect((await api(first(), 'DELETE', `/api/subscriptions/${mine.id}`, keys.investigatorA!)).status).toBe(204);
    expect((await api(first(), 'GET', `/api/subscriptions/${mine.id}`, keys.investigatorA!)).status).toBe(404);

    const audit = await first().app.get(AuditLog).list({ limit: 50, objectId: mine.id });
    expect(audit.map((e) => e.action).sort()).toEqual(['subscription.create', 'subscription.delete', 'subscription.update']);
    expect(JSON.stringify(audit)).not.toContain(mine.secret!.slice(6));
  });

  it.each([
    ['an unknown field', { name: 'x', channel: 'stream', owner: 'someone-else' }, /Unrecognized key|owner/i],
    ['a webhook without a url', { name: 'x', channel: 'webhook' }, /needs a url/],
    ['a non-http url', { name: 'x', channel: 'webhook', url: 'file:///etc/passwd' }, /http/],
    ['a bad filter', { name: 'x', channel: 'stream', filter: { minLevel: 'severe' } }, /minLevel/],
    [
      'too many keywords',
      { name: 'x', channel: 'stream', filter: { keywords: Array.from({ length: 30 }, (_, i) => `kw${i}`) } },
      /keywords/,
    ],
  ])('refuses %s with a 400 that says why, writing nothing', async (_what, body, message) => {
    const before = ((await api(first(), 'GET', '/api/subscriptions?limit=100', ADMIN_KEY)).body['items'] as unknown[]).length;
    const response = await api(first(), 'POST', '/api/subscriptions', keys.investigatorA!, body);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
    expect(((await api(first(), 'GET', '/api/subscriptions?limit=100', ADMIN_KEY)).body['items'] as unknown[]).length).toBe(before);
  });

  it('refuses an oversize body, a bad patch and unknown ids with 4xx, never 500', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), channel: 'stream' });
    expect((await api(first(), 'POST', '/api/subscriptions', keys.investigatorA!, huge)).status).toBe(413);
    const created = await subscribe(keys.investigatorA!, { url: `${receiverUrl}/unused`, filter: { keywords: ['nothing-matches-this'] } });
    expect((await api(first(), 'PATCH', `/api/subscriptions/${created.id}`, keys.investigatorA!, {})).status).toBe(400);
    expect((await api(first(), 'PATCH', `/api/subscriptions/${created.id}`, keys.investigatorA!, { channel: 'stream' })).status).toBe(400);
    expect((await api(first(), 'GET', '/api/subscriptions/sub_00000000000000000000000000000000', ADMIN_KEY)).status).toBe(404);
    expect((await api(first(), 'GET', `/api/subscriptions/${'z'.repeat(500)}`, ADMIN_KEY)).status).toBe(404);
    expect((await api(first(), 'GET', '/api/subscriptions?limit=5000', ADMIN_KEY)).status).toBe(400);
    expect((await api(first(), 'GET', '/api/alerts/stream?minScore=abc', ADMIN_KEY)).status).toBe(400);
    const badResume = await new SseReader(`${first().url}/api/alerts/stream`, {
      authorization: `Bearer ${ADMIN_KEY}`,
      'last-event-id': 'x',
    }).open();
    await badResume.close();
    expect(badResume.status).toBe(400);
  });

  it('delivers a signed webhook that the standardwebhooks verifier accepts, retrying a flaky receiver to success', async () => {
    receiver.script('/flaky', [{ status: 500 }, { status: 429, headers: { 'retry-after': '1' } }, 'hang', { status: 200 }]);
    const subscription = await subscribe(keys.investigatorA!, {
      url: `${receiverUrl}/flaky`,
      filter: { minLevel: 'critical', keywords: ['flaky-case'] },
    });
    const [ad] = await publishAds(1, critical, 'Fixture flaky-case job');

    const [delivery] = await eventually(
      async () => {
        const list = await deliveries(subscription.id, keys.investigatorA!);
        return list.length === 1 && list[0]!.status === 'delivered' ? list : undefined;
      },
      { what: 'the flaky delivery to succeed', timeoutMs: 60_000 },
    );
    expect(delivery).toMatchObject({ attempts: 4, lastStatusCode: 200 });
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([500, 429, null, 200]);
    expect(delivery!.attemptLog[2]!.outcome).toBe('timeout');
    // Retry-After: 1 scheduled the next attempt exactly one second on, not by back-off.
    const throttled = delivery!.attemptLog[1]!;
    expect(Date.parse(throttled.retryAt!) - Date.parse(throttled.at)).toBe(1_000);
    expect(delivery!.attemptLog[3]!.retryAt).toBeUndefined();

    const requests = receiver.at('/flaky');
    expect(requests).toHaveLength(4);
    const verifier = new Webhook(subscription.secret!);
    for (const request of requests) {
      expect(request.headers['webhook-id']).toBe(delivery!.id);
      const payload = verifier.verify(request.body, request.headers) as Record<string, unknown>;
      expect(payload).toEqual({
        type: 'alert.raised',
        timestamp: expect.any(String),
        alertId: expect.stringMatching(/^al_/),
        adId: ad!.id,
        revision: 1,
        level: 'critical',
        score: 95,
        url: expect.stringMatching(/^\/api\/alerts\/al_/),
      });
      // Thin: nothing of the ad's text or contacts.
      expect(request.body).not.toContain('flaky-case');
    }
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS failures and says so in the delivery log', async () => {
    receiver.script(
      '/down',
      Array.from({ length: 10 }, () => ({ status: 503 })),
    );
    const subscription = await subscribe(keys.investigatorB!, { url: `${receiverUrl}/down`, filter: { keywords: ['down-case'] } });
    await publishAds(1, high, 'Fixture down-case job');
    const [delivery] = await eventually(
      async () => {
        const list = await deliveries(subscription.id, keys.investigatorB!);
        return list[0]?.status === 'failed' ? list : undefined;
      },
      { what: 'the delivery to be given up', timeoutMs: 60_000 },
    );
    expect(delivery).toMatchObject({ attempts: 6, lastStatusCode: 503 });
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503, 503, 503, 503]);
    expect(delivery!.attemptLog.at(-1)!.retryAt).toBeUndefined();
    expect(receiver.at('/down')).toHaveLength(6);
    // A failing receiver is not a gone one: the subscription stays active.
    expect((await api(first(), 'GET', `/api/subscriptions/${subscription.id}`, keys.investigatorB!)).body['status']).toBe('active');
  });

  it('matches a linked contact by its link key, without the contact itself in the subscription', async () => {
    const phone = '+40700000099'; // fixture number
    const subscription = await subscribe(keys.investigatorA!, {
      url: `${receiverUrl}/linked`,
      filter: { linkedContact: `phone:${contactKey(LINK_KEY, 'phone', phone)}` },
    });
    const withContact = makeScoredAd(adNumber++, high);
    withContact.entities.phones.push({ e164: phone, country: 'RO' });
    const without = makeScoredAd(adNumber++, high);
    without.entities.phones.push({ e164: '+40700000098', country: 'RO' });
    await first().app.get(Publisher).publish(Topics.AdsScored, [without, withContact]);
    await eventually(async () => (receiver.at('/linked').length ? true : undefined), {
      what: 'the linked-contact webhook',
      timeoutMs: 60_000,
    });
    // The other ad's alert is recorded too (both events exist), yet made no delivery.
    await eventually(
      async () => {
        const adIds = (await first().app.get(AlertEvents).after(0, 10_000)).map((e) => e.alert.adId);
        return adIds.includes(withContact.id) && adIds.includes(without.id) ? true : undefined;
      },
      { what: 'both alert events', timeoutMs: 60_000 },
    );
    const list = await deliveries(subscription.id, keys.investigatorA!);
    expect(list).toHaveLength(1);
    expect(JSON.parse(receiver.at('/linked')[0]!.body)).toMatchObject({ adId: withContact.id });
  });

  it('disables a subscription whose receiver answers 410 Gone and queues nothing more for it', async () => {
    receiver.script('/gone', [{ status: 410 }]);
    const subscription = await subscribe(keys.investigatorB!, { url: `${receiverUrl}/gone`, filter: { keywords: ['gone-case'] } });
    await publishAds(1, high, 'Fixture gone-case job');
    await eventually(
      async () =>
        (await api(first(), 'GET', `/api/subscriptions/${subscription.id}`, keys.investigatorB!)).body['status'] === 'disabled'
          ? true
          : undefined,
      { what: 'the subscription to be disabled', timeoutMs: 60_000 },
    );
    const [delivery] = await deliveries(subscription.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    const view = await api(first(), 'GET', `/api/subscriptions/${subscription.id}`, keys.investigatorB!);
    expect(view.body['disabledReason']).toMatch(/410/);

    // A later matching alert makes no delivery for a disabled subscription (a control subscription proves the alert got through).
    const control = await subscribe(keys.investigatorB!, { url: `${receiverUrl}/gone-control`, filter: { keywords: ['gone-case'] } });
    await publishAds(1, high, 'Fixture gone-case job again');
    await eventually(async () => ((await deliveries(control.id)).some((d) => d.status === 'delivered') ? true : undefined), {
      what: 'the control delivery',
      timeoutMs: 60_000,
    });
    expect(await deliveries(subscription.id)).toHaveLength(1);
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  it('signs with both secrets after a rotation, and only the new one once the grace period is over', async () => {
    const subscription = await subscribe(keys.investigatorA!, { url: `${receiverUrl}/rotated`, filter: { keywords: ['rotation-case'] } });
    const rotated = await api(first(), 'POST', `/api/subscriptions/${subscription.id}/rotate-secret`, keys.investigatorA!);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body['secret'] as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(subscription.secret);

    await publishAds(1, high, 'Fixture rotation-case job');
    const [request] = await eventually(async () => (receiver.at('/rotated').length ? receiver.at('/rotated') : undefined), {
      what: 'the webhook after rotation',
      timeoutMs: 60_000,
    });
    expect(request!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(subscription.secret!).verify(request!.body, request!.headers)).toBeTruthy();
    expect(new Webhook(newSecret).verify(request!.body, request!.headers)).toBeTruthy();

    const afterGrace = new Date(Date.parse(rotated.body['previousValidUntil'] as string) + 1_000);
    expect(await first().app.get(SubscriptionsService).signingSecrets(subscription.id, afterGrace)).toEqual([newSecret]);
    const audit = await first().app.get(AuditLog).list({ limit: 10, objectId: subscription.id, action: 'subscription.rotate-secret' });
    expect(audit).toHaveLength(1);
  });

  it('delivers each alert once per subscription with two replicas sharing the work', async () => {
    const subscribers = [keys.investigatorA!, keys.investigatorB!, ADMIN_KEY];
    const subscriptions: Subscription[] = [];
    for (const key of subscribers)
      subscriptions.push(await subscribe(key, { url: `${receiverUrl}/once`, filter: { keywords: ['once-case'] } }));
    const ads = await publishAds(20, high, 'Fixture once-case job');
    // Replays and duplicates, as Kafka and the outbox may produce: nothing more may be sent.
    await first().app.get(Publisher).publish(Topics.AdsScored, ads.slice(0, 5));

    const expected = subscriptions.length * ads.length;
    await eventually(
      async () => {
        const lists = await Promise.all(subscriptions.map((s) => deliveries(s.id)));
        return lists.every((l) => l.length === ads.length && l.every((d) => d.status === 'delivered')) ? true : undefined;
      },
      { what: `${expected} deliveries`, timeoutMs: 90_000 },
    );
    // The same alerts.v1 messages reaching both replicas at once (a rebalance, an outbox re-publish): no new event, no new delivery.
    const events = first().app.get(AlertEvents);
    const stored = (await events.after(0, 10_000)).filter((e) => ads.some((a) => a.id === e.alert.adId));
    expect(stored).toHaveLength(ads.length);
    const lastSeq = await events.lastSeq();
    await Promise.all(replicas.flatMap((replica) => stored.map((e) => replica.app.get(AlertEvents).record(e.alert))));
    expect(await events.lastSeq()).toBe(lastSeq);
    for (const subscription of subscriptions) expect(await deliveries(subscription.id)).toHaveLength(ads.length);

    const ids = receiver.at('/once').map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    for (const subscription of subscriptions) {
      const verifier = new Webhook(subscription.secret!);
      const mine = receiver.at('/once').filter((r) => {
        try {
          verifier.verify(r.body, r.headers);
          return true;
        } catch {
          return false;
        }
      });
      expect(new Set(mine.map((r) => (JSON.parse(r.body) as { adId: string }).adId))).toEqual(new Set(ads.map((a) => a.id)));
    }
  });

  it('streams new alerts to the SSE clients of every replica and resumes from Last-Event-ID without loss or repeats', async () => {
    const auth = { authorization: `Bearer ${keys.investigatorA!}` };
    const query = '/api/alerts/stream?keywords=stream-case&minLevel=high';
    const onFirst = await new SseReader(`${first().url}${query}`, auth).open();
    const onSecond = await new SseReader(`${second().url}${query}`, auth).open();
    expect([onFirst.status, onSecond.status]).toEqual([200, 200]);

    const [firstAd] = await publishAds(1, high, 'Fixture stream-case job');
    await publishAds(1, high, 'Fixture unrelated job');
    for (const reader of [onFirst, onSecond]) {
      await eventually(async () => (reader.events.length >= 1 ? true : undefined), { what: 'the first streamed alert', timeoutMs: 60_000 });
    }
    expect(onFirst.events.map((e) => JSON.parse(e.data).adId)).toEqual([firstAd!.id]);
    expect(onSecond.events).toEqual(onFirst.events);
    const lastId = onFirst.events[0]!.id!;
    expect(lastId).toMatch(/^\d+$/);
    expect(onFirst.events[0]!.event).toBe('alert.raised');
    await onFirst.close();
    await onSecond.close();

    // Missed while disconnected.
    const missed = await publishAds(3, high, 'Fixture stream-case job, missed');
    await eventually(
      async () => {
        const probe = await new SseReader(`${first().url}${query}`, { ...auth, 'last-event-id': lastId }).open();
        await new Promise((r) => setTimeout(r, 300));
        await probe.close();
        return probe.events.length >= missed.length ? true : undefined;
      },
      { what: 'the missed alerts to be stored', timeoutMs: 60_000 },
    );
    const resumed = await new SseReader(`${second().url}${query}`, { ...auth, 'last-event-id': lastId }).open();
    await eventually(async () => (resumed.events.length >= missed.length ? true : undefined), { what: 'the replay', timeoutMs: 30_000 });
    const [live] = await publishAds(1, high, 'Fixture stream-case job, live');
    await eventually(async () => (resumed.events.length >= missed.length + 1 ? true : undefined), {
      what: 'the live alert after replay',
      timeoutMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    await resumed.close();

    const adIds = resumed.events.map((e) => JSON.parse(e.data).adId as string);
    // The missed ads sit on different partitions, so their order among themselves is not the publish order.
    expect(adIds).toHaveLength(missed.length + 1);
    expect(adIds.slice(0, missed.length).sort()).toEqual(missed.map((a) => a.id).sort());
    expect(adIds.at(-1)).toBe(live!.id);
    const seqs = resumed.events.map((e) => Number(e.id));
    expect(seqs.every((s, i) => s > Number(lastId) && (i === 0 || s > seqs[i - 1]!))).toBe(true);
  });
});
