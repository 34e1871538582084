import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, AuditLog, LanternApp, loadConfig, startLantern } from '@lantern/platform';
import { AlertsModule } from '@lantern/service-alerts';
import { ClassifierModule } from '@lantern/service-classifier';
import { ScraperModule } from '@lantern/service-scraper';
import pino from 'pino';
import { eventually } from '@lantern/testing';

const DEMO_AD_COUNT = 10;

interface AdsPage {
  items: Array<{ id: string; url: string; risk: { level: string; score: number } }>;
}

// Test-only key, handed to the service through LANTERN_BOOTSTRAP_ADMIN_KEY.
const ADMIN_KEY = 'lan_embedded-e2e-admin-key-0123456789abcdef';

async function getJson<T>(url: string, key: string | null = ADMIN_KEY): Promise<{ status: number; body: T }> {
  const response = await fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: response.status, body: (await response.json()) as T };
}

describe('embedded mode: one process, in-process bus, SQLite', () => {
  let dataDir: string;
  let lantern: LanternApp | undefined;

  const start = () =>
    startLantern({
      service: 'embedded',
      modules: [ScraperModule, ClassifierModule, AlertsModule],
      config: loadConfig('embedded', { PORT: '0', DATA_DIR: dataDir, LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY }),
      logger: pino({ level: 'silent' }),
    });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-embedded-'));
  });

  afterEach(async () => {
    await lantern?.close();
    lantern = undefined;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ingests the demo ads, scores and stores every one, and serves them over HTTP', async () => {
    lantern = await start();
    expect((await getJson<{ status: string }>(`${lantern.url}/health`)).body.status).toBe('ok');

    const ads = await eventually(
      async () => {
        const { body } = await getJson<AdsPage>(`${lantern!.url}/api/ads?limit=100`);
        return body.items.length === DEMO_AD_COUNT ? body.items : undefined;
      },
      { what: 'all demo ads stored' },
    );

    const byUrl = new Map(ads.map((ad) => [ad.url, ad]));
    // Demo ad 1003: fee, passport on WhatsApp, free visa and ticket, "only girls 18-25".
    expect(['high', 'critical']).toContain(byUrl.get('https://jobs.example.org/demo/1003')?.risk.level);
    // Demo ad 1001: an ordinary warehouse job with a named employer and address.
    expect(byUrl.get('https://jobs.example.org/demo/1001')?.risk.level).toBe('low');

    const alerts = await getJson<{ items: Array<{ adId: string; revision: number }> }>(`${lantern.url}/api/alerts`);
    expect(alerts.body.items.map((a) => a.adId)).toContain(byUrl.get('https://jobs.example.org/demo/1003')?.id);

    const one = await getJson<{ id: string; ad: { description: string } }>(`${lantern.url}/api/ads/${ads[0]!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.ad.description.length).toBeGreaterThan(50);
  });

  it('keeps one copy of each ad and alert across a restart that ingests the demo again', async () => {
    lantern = await start();
    const before = await eventually(
      async () => {
        const { body } = await getJson<AdsPage>(`${lantern!.url}/api/ads?limit=100`);
        return body.items.length === DEMO_AD_COUNT ? body.items : undefined;
      },
      { what: 'demo ads present after restart' },
    );
    const alerts = await getJson<{ items: Array<{ adId: string; revision: number }> }>(`${lantern.url}/api/alerts?limit=100`);
    expect(new Set(before.map((a) => a.id)).size).toBe(DEMO_AD_COUNT);
    expect(new Set(alerts.body.items.map((a) => a.adId)).size).toBe(alerts.body.items.length);
    expect(alerts.body.items.every((a) => a.revision === 1)).toBe(true);
  });

  it('answers malformed requests with a 4xx that says what is wrong', async () => {
    lantern = await start();
    const badLimit = await getJson<{ message: string }>(`${lantern.url}/api/ads?limit=5000`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.message).toMatch(/limit/);
    const unknown = await getJson<{ message: string }>(`${lantern.url}/api/ads/does-not-exist`);
    expect(unknown.status).toBe(404);
    const badCursor = await getJson<{ message: string }>(`${lantern.url}/api/alerts?cursor=%%%`);
    expect(badCursor.status).toBe(400);
  });

  it('exchanges a key for an httpOnly session cookie, guards unsafe methods against CSRF, and signs out', async () => {
    lantern = await start();
    const keys = lantern.app.get(ApiKeys);
    const analyst = await keys.create('analyst', 'dashboard user');
    const post = (body: unknown) =>
      fetch(`${lantern!.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ key: 'lan_wrong' })).status).toBe(401);
    expect((await post({ key: analyst.key, role: 'admin' })).status).toBe(400);
    expect((await post({ key: (await keys.create('ingest', 'feed')).key })).status).toBe(403);

    const signedIn = await post({ key: analyst.key });
    expect(signedIn.status).toBe(204);
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^lantern_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const cookie = setCookie.split(';')[0]!;

    const who = await fetch(`${lantern.url}/api/session`, { headers: { cookie } });
    expect(await who.json()).toEqual({ keyId: analyst.record.id, name: 'dashboard user', role: 'analyst' });
    expect((await fetch(`${lantern.url}/api/alerts`, { headers: { cookie } })).status).toBe(200);

    const withoutCsrf = await fetch(`${lantern.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(withoutCsrf.status).toBe(403);
    expect(((await withoutCsrf.json()) as { message: string }).message).toMatch(/x-lantern-csrf/);
    const signedOut = await fetch(`${lantern.url}/api/session`, { method: 'DELETE', headers: { cookie, 'x-lantern-csrf': '1' } });
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${lantern.url}/api/session`, { headers: { cookie } })).status).toBe(401);

    // Revoking the key ends its sessions at once.
    const again = (await post({ key: analyst.key })).headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${lantern.url}/api/session`, { headers: { cookie: again } })).status).toBe(200);
    await keys.revoke(analyst.record.id);
    expect((await fetch(`${lantern.url}/api/session`, { headers: { cookie: again } })).status).toBe(401);
  });

  it('lets admins create, list and revoke keys over the API, audited, but never the last admin key', async () => {
    lantern = await start();
    const call = async (method: string, path: string, key: string, body?: unknown) => {
      const response = await fetch(`${lantern!.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>) };
    };
    const created = await call('POST', '/api/keys', ADMIN_KEY, { name: 'night analyst', role: 'analyst' });
    expect(created.status).toBe(201);
    const analystKey = created.body!['key'] as string;
    expect(analystKey).toMatch(/^lan_/);
    expect((await call('GET', '/api/keys', analystKey)).status).toBe(403);
    const listed = await call('GET', '/api/keys', ADMIN_KEY);
    expect(JSON.stringify(listed.body)).not.toContain(analystKey);
    expect((listed.body!['items'] as Array<{ name: string }>).map((k) => k.name)).toContain('night analyst');

    expect((await call('POST', '/api/keys', ADMIN_KEY, { name: 'x', role: 'root' })).status).toBe(400);
    expect((await call('POST', '/api/keys', ADMIN_KEY, { name: 'x', role: 'analyst', hash: 'mine' })).status).toBe(400);
    expect((await call('DELETE', '/api/keys/not-a-uuid', ADMIN_KEY)).status).toBe(400);
    expect((await call('DELETE', `/api/keys/${created.body!['id'] as string}`, ADMIN_KEY)).status).toBe(204);
    expect((await call('GET', '/api/alerts', analystKey)).status).toBe(401);
    expect((await call('DELETE', `/api/keys/${created.body!['id'] as string}`, ADMIN_KEY)).status).toBe(404);

    const admins = (listed.body!['items'] as Array<{ id: string; role: string; revokedAt: string | null }>).filter(
      (k) => k.role === 'admin' && !k.revokedAt,
    );
    expect(admins).toHaveLength(1);
    const lastAdmin = await call('DELETE', `/api/keys/${admins[0]!.id}`, ADMIN_KEY);
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body!['message']).toMatch(/last active admin key/);

    const actions = (await lantern.app.get(AuditLog).list({ limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['key.create', 'key.revoke']));
  });

  it('denies the API without a valid key, and lets /health and /metrics answer anyone', async () => {
    lantern = await start();
    const anonymous = await fetch(`${lantern.url}/api/alerts`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await getJson<{ message: string }>(`${lantern.url}/api/ads`, 'lan_not-a-real-key')).status).toBe(401);
    expect((await getJson<{ message: string }>(`${lantern.url}/api/ads`, null)).body.message).toMatch(/Authorization: Bearer/);
    expect((await getJson(`${lantern.url}/health`, null)).status).toBe(200);
    expect((await fetch(`${lantern.url}/metrics`)).status).toBe(200);

    const keys = lantern.app.get(ApiKeys);
    const ingest = await keys.create('ingest', 'partner feed');
    const forbidden = await getJson<{ message: string }>(`${lantern.url}/api/alerts`, ingest.key);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/ingest role may not/);
    const analyst = await keys.create('analyst', 'analyst one');
    expect((await getJson(`${lantern.url}/api/alerts`, analyst.key)).status).toBe(200);
    await keys.revoke(analyst.record.id);
    expect((await getJson(`${lantern.url}/api/alerts`, analyst.key)).status).toBe(401);

    const audit = lantern.app.get(AuditLog);
    const failures = await audit.list({ limit: 10, action: 'auth.failure' });
    expect(failures.map((f) => JSON.parse(f.details) as { reason: string }).map((d) => d.reason)).toEqual(
      expect.arrayContaining(['missing-key', 'invalid-key', 'forbidden-role']),
    );
    expect(failures.find((f) => f.details.includes('forbidden-role'))?.details).toContain(ingest.record.id);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});
