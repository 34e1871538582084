import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IndicatorHit, type ScoredAdV1, Topics } from '@lantern/contracts';
import { Publisher } from '@lantern/messaging';
import { ApiKeys, AuditLog, LanternApp, loadConfig, type Role, startLantern } from '@lantern/platform';
import { AlertsModule, API_OPERATIONS, alertIdOf } from '@lantern/service-alerts';
import { eventually, makeScoredAd } from '@lantern/testing';
import pino from 'pino';

// INVENTED TEST FIXTURES: synthetic scored ads, contacts and indicators written for this suite.
const RATE_LIMIT = 200;
const critical: IndicatorHit = {
  id: 'fixture.critical',
  title: 'Fixture critical indicator',
  category: 'test',
  severity: 'critical',
  weight: 2,
  sources: [],
  evidence: [{ field: 'description', start: 0, end: 7, text: 'Fixture' }],
};
const entities = (phone: string): ScoredAdV1['entities'] => ({
  phones: [{ e164: phone }],
  emails: [{ address: 'fixture.contact@example.org', freeMail: false }],
  handles: [],
  urls: [],
  money: [],
  ages: [],
  genders: [],
  places: [],
});
const FIXTURES: ScoredAdV1[] = [
  {
    ...makeScoredAd(
      9001,
      { score: 91, probability: 0.91, level: 'critical' },
      { title: '=HYPERLINK("http://x.invalid")', description: 'Fixture ad: call +44 7700 900555 or fixture.contact@example.org today.' },
    ),
    indicators: [critical],
    entities: entities('+447700900555'),
  },
  { ...makeScoredAd(9002, { score: 75, probability: 0.75, level: 'high' }), entities: entities('+447700900555') },
  makeScoredAd(9003, { score: 12, probability: 0.12, level: 'low' }),
];

type Who = Role | 'anonymous';
const WHO: Who[] = ['analyst', 'investigator', 'admin', 'ingest', 'anonymous'];

/**
 * Route x role: the status each caller gets. 2xx = allowed, 403 = valid key with the wrong role, 401 = no key.
 * The same table is in README.md ("Alerts API").
 */
const ROUTES: Array<{ method: 'GET' | 'POST'; path: string; expect: Record<Who, number> }> = [
  { method: 'GET', path: '/api/alerts', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/alerts/:alert', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  {
    method: 'POST',
    path: '/api/alerts/:alert/review',
    expect: { analyst: 200, investigator: 403, admin: 200, ingest: 403, anonymous: 401 },
  },
  {
    method: 'POST',
    path: '/api/alerts/:alert/notes',
    expect: { analyst: 201, investigator: 403, admin: 201, ingest: 403, anonymous: 401 },
  },
  { method: 'GET', path: '/api/ads', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/ads/:ad', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/ads/:ad/linked', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'POST', path: '/api/ads/:ad/reveal', expect: { analyst: 200, investigator: 403, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/stats', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/export', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/audit', expect: { analyst: 403, investigator: 403, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/audit/verify', expect: { analyst: 403, investigator: 403, admin: 200, ingest: 403, anonymous: 401 } },
  { method: 'GET', path: '/api/openapi.json', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 200, anonymous: 200 } },
  { method: 'GET', path: '/api/docs', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 200, anonymous: 200 } },
  { method: 'GET', path: '/health', expect: { analyst: 200, investigator: 200, admin: 200, ingest: 200, anonymous: 200 } },
];

describe('alerts API on the embedded app: route x role, bad input, export, audit', () => {
  let dataDir: string;
  let lantern: LanternApp;
  const keys = {} as Record<Role, string>;
  const alertId = alertIdOf(FIXTURES[0]!.id);
  const adId = FIXTURES[0]!.id;

  const call = async (method: string, path: string, who: Who | string, body?: unknown) => {
    const key = who === 'anonymous' ? undefined : (keys[who as Role] ?? who);
    const response = await fetch(`${lantern.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json: json as Record<string, unknown>, headers: response.headers };
  };
  const newKey = async (role: Role, name: string) => (await lantern.app.get(ApiKeys).create(role, name)).key;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-alerts-api-'));
    lantern = await startLantern({
      service: 'embedded',
      modules: [AlertsModule],
      config: loadConfig('embedded', { PORT: '0', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) }),
      logger: pino({ level: 'silent' }),
    });
    for (const role of ['analyst', 'investigator', 'admin', 'ingest'] as const) keys[role] = await newKey(role, `${role} e2e`);
    await lantern.app.get(Publisher).publish(Topics.AdsScored, FIXTURES);
    const setup = await newKey('admin', 'setup poller');
    await eventually(
      async () => {
        const { json } = await call('GET', '/api/ads?limit=10', setup);
        return (json['items'] as unknown[]).length === FIXTURES.length ? true : undefined;
      },
      { what: 'fixtures stored' },
    );
  });

  afterAll(async () => {
    await lantern.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every route x role as the table says', async () => {
    const bodies: Record<string, (who: Who) => unknown> = {
      '/api/alerts/:alert/review': (who) => ({ decision: who === 'analyst' ? 'start_review' : 'confirm' }),
      '/api/alerts/:alert/notes': () => ({ body: 'A fixture note.' }),
      '/api/ads/:ad/reveal': () => ({ reason: 'Case 17: contacting the platform' }),
    };
    const seen: string[] = [];
    for (const route of ROUTES) {
      const path = route.path.replace(':alert', alertId).replace(':ad', adId);
      // The analyst goes first: its start_review puts the alert in review, so the admin's confirm is valid.
      for (const who of WHO) {
        const body = route.method === 'POST' ? (bodies[route.path]?.(who) ?? {}) : undefined;
        const { status } = await call(route.method, path, who, body);
        seen.push(`${route.method} ${route.path} ${who} ${status}`);
      }
    }
    expect(seen).toEqual(ROUTES.flatMap((r) => WHO.map((who) => `${r.method} ${r.path} ${who} ${r.expect[who]}`)));
  });

  it('documents exactly the routes of the table, with the same roles', async () => {
    const table = ROUTES.filter((r) => r.path !== '/health').map((r) => {
      const allowed = (['analyst', 'investigator', 'admin', 'ingest'] as const).filter((role) => r.expect[role] < 300);
      return `${r.method} ${r.path.replace(/:(alert|ad)/, '{id}')} ${allowed.length === 4 ? 'public' : allowed.join(',')}`;
    });
    // Subscription and stream routes have their own route x role table (delivery/feeds.int-spec.ts), and
    // session and key routes theirs (test/embedded.e2e-spec.ts).
    const documented = API_OPERATIONS.filter((op) => !/^\/api\/(subscriptions|alerts\/stream|session|keys)/.test(op.path)).map(
      (op) => `${op.method.toUpperCase()} ${op.path} ${op.roles === 'public' ? 'public' : op.roles.join(',')}`,
    );
    expect(documented.sort()).toEqual(table.sort());
    const { json } = await call('GET', '/api/openapi.json', 'anonymous');
    expect(json['openapi']).toBe('3.1.0');
    expect(Object.keys(json['paths'] as object)).toContain('/api/alerts/{id}/review');
  });

  it('answers bad input with a clear 4xx, never a 500, and writes nothing', async () => {
    const key = await newKey('admin', 'bad input');
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ['GET', '/api/alerts?colour=red', undefined, 400, /colour/],
      ['GET', '/api/alerts?minScore=abc', undefined, 400, /minScore/],
      ['GET', '/api/alerts?country=Portugal', undefined, 400, /country/],
      ['GET', '/api/alerts?limit=1000', undefined, 400, /limit/],
      ['GET', '/api/alerts?cursor=not-a-cursor', undefined, 400, /cursor/],
      ['GET', '/api/alerts/al_nothex', undefined, 400, /alert id/],
      ['GET', '/api/alerts/al_00000000000000000000000000000000', undefined, 404, /No alert/],
      ['GET', '/api/ads/not-stored', undefined, 404, /No ad/],
      ['GET', '/api/export?format=xlsx', undefined, 400, /format/],
      ['GET', '/api/stats?from=yesterday', undefined, 400, /from/],
      ['GET', '/api/audit?action=delete-everything', undefined, 400, /action/],
      ['POST', `/api/alerts/${alertId}/review`, { decision: 'confirm', status: 'confirmed' }, 400, /status/],
      ['POST', `/api/alerts/${alertId}/review`, { decision: 'approve' }, 400, /decision/],
      ['POST', `/api/alerts/${alertId}/review`, '{"decision":', 400, /JSON|Unexpected|Bad Request/i],
      ['POST', `/api/alerts/${alertId}/review`, { decision: 'confirm', note: 'x'.repeat(2_001) }, 400, /note/],
      ['POST', `/api/alerts/${alertId}/review`, { decision: 'escalate', note: 'x'.repeat(1_100_000) }, 413, /too large/i],
      ['POST', `/api/ads/${adId}/reveal`, {}, 400, /reason/],
      ['POST', `/api/ads/${adId}/reveal`, { reason: 'too short' }, 400, /reason/],
    ];
    const before = (await call('GET', `/api/alerts/${alertId}`, key)).json;
    for (const [method, path, body, status, message] of cases) {
      const response = await call(method, path, key, body);
      expect(`${method} ${path.slice(0, 60)} -> ${response.status}`).toBe(`${method} ${path.slice(0, 60)} -> ${status}`);
      expect(response.text).toMatch(message);
    }
    expect((await call('GET', `/api/alerts/${alertId}`, key)).json).toEqual(before);
  });

  it('refuses a replayed or stale review with 409 and records one review', async () => {
    const analyst = await newKey('analyst', 'replay');
    const target = alertIdOf(FIXTURES[1]!.id);
    const first = await call('POST', `/api/alerts/${target}/review`, analyst, { decision: 'start_review', expectedRevision: 1 });
    expect(first.status).toBe(200);
    const replay = await call('POST', `/api/alerts/${target}/review`, analyst, { decision: 'start_review', expectedRevision: 1 });
    expect(replay.status).toBe(409);
    expect(replay.json['message']).toMatch(/revision 2, not 1/);
    const wrongStep = await call('POST', `/api/alerts/${target}/review`, analyst, { decision: 'reopen' });
    expect(wrongStep.status).toBe(403);
    const detail = await call('GET', `/api/alerts/${target}`, analyst);
    expect((detail.json['reviews'] as unknown[]).length).toBe(1);
  });

  it('masks contacts for analysts, shows them to investigators, and audits a reveal', async () => {
    const analyst = (await call('GET', `/api/alerts/${alertId}`, 'analyst')).text;
    expect(analyst).not.toContain('7700 900555');
    expect(analyst).not.toContain('+447700900555');
    expect(analyst).not.toContain('fixture.contact@');
    expect((await call('GET', `/api/alerts/${alertId}`, 'investigator')).text).toContain('+447700900555');
    const linked = await call('GET', `/api/ads/${adId}/linked`, 'analyst');
    expect(linked.json['items']).toEqual([expect.objectContaining({ adId: FIXTURES[1]!.id, via: ['shared email', 'shared phone'] })]);

    const revealed = await call('POST', `/api/ads/${adId}/reveal`, 'analyst', { reason: 'Case 17: contacting the platform' });
    expect(revealed.json).toMatchObject({ phones: ['+447700900555'], emails: ['fixture.contact@example.org'] });
    const audit = lantern.app.get(AuditLog);
    const reveals = await audit.list({ limit: 5, action: 'contact.reveal', objectId: adId });
    expect(reveals.length).toBeGreaterThan(0);
    expect(reveals[0]!.details).toContain('Case 17');
  });

  it('exports formula-safe CSV and JSON lines with contacts masked per role, and audits the export', async () => {
    const csv = await call('GET', '/api/export?format=csv&minScore=70&sort=risk', 'analyst');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^alertId,adId,status/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.invalid"")"`);
    expect(csv.text).not.toContain('+447700900555');
    const jsonl = await call('GET', '/api/export?format=jsonl', 'investigator');
    const rows = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { adId: string; phones: string[] });
    expect(rows.map((r) => r.adId).sort()).toEqual([FIXTURES[0]!.id, FIXTURES[1]!.id].sort());
    expect(rows.find((r) => r.adId === adId)?.phones).toEqual(['+447700900555']);
    const exports = await lantern.app.get(AuditLog).list({ limit: 5, action: 'export' });
    expect(exports.length).toBeGreaterThanOrEqual(2);
    expect((await lantern.app.get(AuditLog).verify()).ok).toBe(true);
  });

  it('counts stats over the stored ads', async () => {
    const { json } = await call('GET', '/api/stats', 'analyst');
    expect(json).toMatchObject({ ads: { total: 3, byIndicator: [{ key: 'fixture.critical', count: 1 }] }, alerts: { total: 2 } });
  });

  it('answers 429 with Retry-After once a key passes the per-minute limit', async () => {
    const key = await newKey('analyst', 'hammer');
    // Windows are fixed minutes: if one ends mid-loop the count restarts, so allow up to two windows' worth.
    let allowed = 0;
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i <= 2 * RATE_LIMIT + 1 && !limited; i++) {
      const response = await call('GET', '/api/stats', key);
      if (response.status === 200) allowed += 1;
      else limited = response;
    }
    expect(allowed).toBeGreaterThanOrEqual(RATE_LIMIT);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.json['message']).toMatch(/Rate limit/);
    // Other keys keep their own budget.
    expect((await call('GET', '/api/stats', 'investigator')).status).toBe(200);
  });
});
