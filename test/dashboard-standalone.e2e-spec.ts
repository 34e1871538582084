import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStandaloneConfig, type StandaloneDashboard, startStandaloneDashboard } from '@lantern/dashboard';
import { LanternApp, loadConfig, startLantern } from '@lantern/platform';
import { AlertsModule } from '@lantern/service-alerts';
import { ClassifierModule } from '@lantern/service-classifier';
import { ScraperModule } from '@lantern/service-scraper';
import pino from 'pino';

// Test-only key, handed to the service through LANTERN_BOOTSTRAP_ADMIN_KEY.
const ADMIN_KEY = 'lan_dashboard-standalone-admin-key-0123456789';

describe('the dashboard on its own (distributed mode), in front of the alerts service', () => {
  let dataDir: string;
  let lantern: LanternApp;
  let dashboard: StandaloneDashboard;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(__dirname, '../services/dashboard/build-bundle.mjs')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-dashboard-standalone-'));
    lantern = await startLantern({
      service: 'embedded',
      modules: [ScraperModule, ClassifierModule, AlertsModule],
      config: loadConfig('embedded', { PORT: '0', DATA_DIR: dataDir, LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY }),
      logger: pino({ level: 'silent' }),
    });
    dashboard = await startStandaloneDashboard(loadStandaloneConfig({ DASHBOARD_API_URL: lantern.url, HOST: '127.0.0.1', PORT: '0' }));
  });

  afterAll(async () => {
    await dashboard?.close();
    await lantern?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the app with its CSP and forwards the API, cookies and CSRF rules included', async () => {
    const page = await fetch(`${dashboard.url}/alerts/al_0123`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const signIn = await fetch(`${dashboard.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN_KEY }),
    });
    expect(signIn.status).toBe(204);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lantern_session=[^;]+;.*HttpOnly/i);
    const session = cookie.split(';', 1)[0]!;

    const who = await fetch(`${dashboard.url}/api/session`, { headers: { cookie: session } });
    expect(await who.json()).toMatchObject({ role: 'admin' });
    expect(who.headers.get('content-security-policy')).toContain("default-src 'none'");
    // The alerts service still applies its own rules behind the proxy: no CSRF header, no change.
    expect((await fetch(`${dashboard.url}/api/session`, { method: 'DELETE', headers: { cookie: session } })).status).toBe(403);
    expect((await fetch(`${dashboard.url}/api/alerts`)).status).toBe(401);
    const missing = await fetch(`${dashboard.url}/api/no-such-route`, { headers: { cookie: session } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${dashboard.url}/health`)).status).toBe(404);
  });

  it('streams Server-Sent Events through', async () => {
    const signIn = await fetch(`${dashboard.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN_KEY }),
    });
    const session = (signIn.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
    const controller = new AbortController();
    const stream = await fetch(`${dashboard.url}/api/alerts/stream`, { headers: { cookie: session }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('retry:');
    controller.abort();
  });

  it('refuses an API address with a path, or one that is not http(s), at start-up', () => {
    expect(() => loadStandaloneConfig({ DASHBOARD_API_URL: 'http://alerts:3003/api' })).toThrow(/DASHBOARD_API_URL: must be an origin/);
    expect(() => loadStandaloneConfig({ DASHBOARD_API_URL: 'file:///etc/passwd' })).toThrow(/DASHBOARD_API_URL/);
    expect(() => loadStandaloneConfig({})).toThrow(/DASHBOARD_API_URL/);
  });
});
