/// <reference lib="dom" />
// DOM types for the functions that run inside the browser (page.evaluate).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@lantern/contracts';
import { DashboardModule } from '@lantern/dashboard';
import { ApiKeys, LanternApp, loadConfig, startLantern } from '@lantern/platform';
import { AlertsModule } from '@lantern/service-alerts';
import { ClassifierModule } from '@lantern/service-classifier';
import { ScraperModule } from '@lantern/service-scraper';
import { eventually } from '@lantern/testing';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { hostileAds, lureAd, PWNED } from './dashboard/hostile-ads.fixture';

// Test-only keys, made for this run.
const ADMIN_KEY = 'lan_dashboard-e2e-admin-key-0123456789abcdef';
const ARTIFACTS = join(__dirname, 'artifacts');
const LURES = 22;
const TRIAGED = 20;

interface AlertItem {
  id: string;
  adId: string;
  status: string;
  level: string;
  ad: { source: string; title: string | null } | null;
}
interface AlertDetail {
  alert: AlertItem;
  ad: {
    ad: { description: string; title?: string };
    indicators: Array<{
      id: string;
      title: string;
      category: string;
      severity: string;
      evidence: Array<{ field: string; start: number; end: number }>;
    }>;
  };
  reviews: Array<{ decision: string }>;
}

async function getJson<T>(url: string, key = ADMIN_KEY): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

describe('dashboard in the browser (embedded Lantern, Debian Chromium)', () => {
  let dataDir: string;
  let lantern: LanternApp;
  let browser: Browser;
  let analystKey: string;
  let investigatorKey: string;
  let alerts: AlertItem[];
  /** UTC day of the keyboard decisions, for the throughput chart. */
  let triageDay = '';
  const contexts: BrowserContext[] = [];

  async function signedInPage(key: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(lantern.url);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const build = spawnSync(process.execPath, [join(__dirname, '../services/dashboard/build-bundle.mjs')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-dashboard-'));
    lantern = await startLantern({
      service: 'embedded',
      modules: [ScraperModule, ClassifierModule, AlertsModule, DashboardModule],
      config: loadConfig('embedded', {
        PORT: '0',
        DATA_DIR: dataDir,
        LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
        WEBHOOK_ALLOW_PRIVATE: 'true',
      }),
      logger: pino({ level: 'silent' }),
    });
    const keys = lantern.app.get(ApiKeys);
    analystKey = (await keys.create('analyst', 'dashboard-e2e analyst')).key;
    investigatorKey = (await keys.create('investigator', 'dashboard-e2e investigator')).key;

    const ads = [...Array.from({ length: LURES }, (_, n) => lureAd(n)), ...hostileAds()];
    await lantern.bus.publish(
      Topics.AdsRaw,
      ads.map((ad) => ({ key: ad.id, value: Buffer.from(JSON.stringify(ad)) })),
    );
    alerts = await eventually(
      async () => {
        const page = await getJson<{ items: AlertItem[] }>(`${lantern.url}/api/alerts?limit=100`);
        const ours = page.items.filter((a) => a.ad?.source === 'dashboard-fixture' || a.ad?.source === 'dashboard-hostile');
        return ours.length === ads.length ? page.items : undefined;
      },
      { what: 'an alert for every fixture ad' },
    );

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await lantern?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the bundle with a strict CSP and never answers /api/* with the app', async () => {
    const root = await fetch(`${lantern.url}/`);
    const csp = root.headers.get('content-security-policy') ?? '';
    expect(root.status).toBe(200);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(root.headers.get('x-content-type-options')).toBe('nosniff');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    const html = await root.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the page
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    expect((await fetch(`${lantern.url}${asset}`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${lantern.url}/alerts/al_x`)).headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${lantern.url}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${lantern.url}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('signs in with a key for an httpOnly SameSite cookie, refuses a bad key, and signs out', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(lantern.url);
    await page.getByLabel('API key').fill('lan_not-a-real-key-000000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not valid');

    await page.getByLabel('API key').fill(analystKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'lantern_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('lantern_session');
    // An analyst sees neither the subscriptions nor the admin pages.
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toBe('QueueOverview');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect((await context.cookies()).find((c) => c.name === 'lantern_session')).toBeUndefined();
  });

  it('triages 20 alerts with one key press each and records every decision', async () => {
    const page = await signedInPage(analystKey);
    await page.goto(`${lantern.url}/?source=dashboard-fixture&status=new`);
    const rows = page.locator('.queue-row');
    await eventually(async () => ((await rows.count()) === LURES ? true : undefined), { what: 'the fixture alerts in the queue' });
    await page.screenshot({ path: join(ARTIFACTS, 'queue.png'), fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: join(ARTIFACTS, 'queue-tablet.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    // Every action shows its key.
    const hints = await page.getByRole('list', { name: 'Keyboard shortcuts' }).textContent();
    for (const hint of ['confirm', 'dismiss', 'escalate', 'add note', 'open ad', 'next', 'previous']) expect(hints).toContain(hint);

    // Navigation first: down twice, up once, so the first decision lands on the second row.
    const firstId = await rows.nth(0).getAttribute('data-alert-id');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.locator('.queue-row.selected').getAttribute('data-alert-id')).toBe(await rows.nth(1).getAttribute('data-alert-id'));
    await page.keyboard.press('k');
    expect(await page.locator('.queue-row.selected').getAttribute('data-alert-id')).toBe(firstId);

    const decisions = ['c', 'd', 'e'] as const;
    const expected = new Map<string, string>();
    let keys = 0;
    const started = Date.now();
    for (let i = 0; i < TRIAGED; i++) {
      const selected = page.locator('.queue-row.selected');
      const id = (await selected.getAttribute('data-alert-id'))!;
      const key = decisions[i % decisions.length]!;
      expected.set(id, key === 'c' ? 'confirmed' : key === 'd' ? 'dismissed' : 'escalated');
      await page.keyboard.press(key);
      keys += 1;
      await page.locator(`.queue-row[data-alert-id="${id}"] .status-${expected.get(id)}`).waitFor();
      if (i < TRIAGED - 1) await page.locator(`.queue-row.selected:not([data-alert-id="${id}"])`).waitFor();
    }
    const elapsedMs = Date.now() - started;
    triageDay = new Date().toISOString().slice(0, 10);
    console.log(`triage: ${TRIAGED} alerts, ${keys} key presses (${keys / TRIAGED} per alert), 0 clicks, ${elapsedMs} ms in the browser`);

    for (const [id, status] of expected) {
      const detail = await getJson<AlertDetail>(`${lantern.url}/api/alerts/${id}`);
      expect(detail.alert.status).toBe(status);
      expect(detail.reviews.map((r) => r.decision)).toEqual([
        'start_review',
        status === 'confirmed' ? 'confirm' : status === 'dismissed' ? 'dismiss' : 'escalate',
      ]);
    }

    // A note by keyboard, on the alert now selected.
    const noteId = (await page.locator('.queue-row.selected').getAttribute('data-alert-id'))!;
    await page.keyboard.press('n');
    await page.getByLabel(/Note on the selected alert/).fill('Invented test note: same phone as an earlier case.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('status').filter({ hasText: 'Note saved' }).waitFor();
    const withNote = await getJson<{ notes: Array<{ body: string }> }>(`${lantern.url}/api/alerts/${noteId}`);
    expect(withNote.notes.map((n) => n.body)).toEqual(['Invented test note: same phone as an earlier case.']);
  });

  it('slots a new alert into the queue live (SSE) while the analyst keeps their place', async () => {
    const page = await signedInPage(analystKey);
    await page.goto(`${lantern.url}/?status=new`);
    await page.getByText('Live updates on').waitFor();
    const rows = page.locator('.queue-row');
    await rows.nth(2).waitFor();
    const before = await rows.count();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const place = await page.locator('.queue-row.selected').getAttribute('data-alert-id');

    const fresh = lureAd(900);
    await lantern.bus.publish(Topics.AdsRaw, [{ key: fresh.id, value: Buffer.from(JSON.stringify(fresh)) }]);
    await page
      .getByRole('status')
      .filter({ hasText: /New (high|critical) alert/ })
      .waitFor();
    await page.getByRole('link', { name: fresh.title! }).waitFor();
    expect(await rows.count()).toBe(before + 1);
    expect(await page.locator('.queue-row.selected').getAttribute('data-alert-id')).toBe(place);
  });

  it('opens an ad by keyboard with every evidence span highlighted and explained on focus', async () => {
    const page = await signedInPage(analystKey);
    await page.goto(`${lantern.url}/?source=dashboard-fixture&status=new`);
    await page.locator('.queue-row.selected').waitFor();
    const id = (await page.locator('.queue-row.selected').getAttribute('data-alert-id'))!;
    await page.keyboard.press('o');
    await page.locator('.ad-view').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/alerts/${id}`);

    // What the analyst may see: contacts in the text are masked for this role.
    const detail = await getJson<AlertDetail>(`${lantern.url}/api/alerts/${id}`, analystKey);
    const description = detail.ad.ad.description;
    const spans = detail.ad.indicators.flatMap((hit) => hit.evidence.filter((e) => e.field === 'description').map((e) => ({ ...e, hit })));
    expect(spans.length).toBeGreaterThan(2);
    const marks = page.locator('[data-field="description"] mark.evidence');
    await marks.first().waitFor();
    const markTexts = await marks.allTextContents();
    // Every span's text is inside a highlight, and every highlight is evidence.
    for (const span of spans) {
      const text = description.slice(span.start, span.end);
      expect(markTexts.some((m) => m.includes(text) || text.includes(m))).toBe(true);
    }
    const highlighted = markTexts.join('');
    expect(highlighted.length).toBeLessThanOrEqual(description.length);
    // The field reads exactly as the ad: highlighting adds no text and drops none.
    expect(await page.locator('[data-field="description"]').evaluate((el) => el.textContent)).toBe(description);

    const first = spans[0]!;
    const mark = marks.filter({ hasText: description.slice(first.start, first.end) }).first();
    await mark.focus();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    const tipText = (await tip.textContent()) ?? '';
    expect(tipText).toContain(first.hit.title);
    expect(tipText).toContain(first.hit.category);
    expect(tipText).toContain(first.hit.severity);
    expect(await mark.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    await page.screenshot({ path: join(ARTIFACTS, 'ad-view.png'), fullPage: true });

    // Contacts are masked for analysts; revealing asks for a reason.
    await page.getByRole('button', { name: 'Reveal…' }).click();
    await page.getByLabel(/Why do you need them/).fill('Invented test reason: matching a reported case');
    await page.getByRole('button', { name: 'Reveal', exact: true }).click();
    await page.getByText('Contacts revealed').waitFor();
    expect(await page.locator('.entities').textContent()).toContain('+447700900');

    // Tablet width: the same page in one column, still usable.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: join(ARTIFACTS, 'ad-view-tablet.png'), fullPage: true });
  });

  it('renders hostile ads as inert text: nothing executes, no external loads, no CSP violation', async () => {
    const page = await signedInPage(analystKey);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(lantern.url)) outside.push(request.url());
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        w.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });

    const hostile = alerts.filter((a) => a.ad?.source === 'dashboard-hostile');
    expect(hostile.length).toBe(hostileAds().length);
    await page.goto(`${lantern.url}/?source=dashboard-hostile`);
    await page
      .locator('.queue-row')
      .nth(hostile.length - 1)
      .waitFor();
    expect(await page.locator('.queue-row .title').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('<script>')]),
    );

    for (const [index, alert] of hostile.entries()) {
      await page.goto(`${lantern.url}/alerts/${alert.id}`);
      await page.locator('.ad-view').waitFor();
      for (const mark of await page.locator('mark.evidence').all()) await mark.hover();
      const state = await page.evaluate((marker) => {
        const w = window as unknown as Record<string, unknown>;
        return {
          pwned: w[marker] ?? null,
          violations: (w as unknown as { __cspViolations: string[] }).__cspViolations,
          scripts: [...document.scripts].map((s) => s.src),
          images: document.images.length,
          iframes: document.querySelectorAll('iframe, object, embed, svg script, style:not([data-vite-dev-id])').length,
          badLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^(https?:|\/|#)/.test(a.getAttribute('href') ?? '')).length,
          externalLinksWithoutRel: [...document.querySelectorAll('a[href^="http"]')].filter(
            (a) => !(a.getAttribute('rel') ?? '').includes('noopener') || !(a.getAttribute('rel') ?? '').includes('noreferrer'),
          ).length,
          title: document.querySelector('h1')?.textContent ?? '',
          hidden: getComputedStyle(document.body).display,
        };
      }, PWNED);
      expect(state).toMatchObject({ pwned: null, violations: [], images: 0, iframes: 0, badLinks: 0, externalLinksWithoutRel: 0 });
      expect(state.hidden).not.toBe('none');
      expect(state.scripts.every((src) => src.startsWith(`${lantern.url}/assets/`))).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `hostile-${index}.png`) });
    }
    // The markup is shown, literally, as text; the bidi override is a visible label, not a reversal.
    const scripted = hostile.find((a) => a.ad?.title?.startsWith('<script>'))!;
    await page.goto(`${lantern.url}/alerts/${scripted.id}`);
    expect(await page.locator('h1').textContent()).toContain(`<script>window.${PWNED}='script-title'</script>`);
    const rtl = hostile.find((a) => a.ad?.title?.includes('Factory job'))!;
    await page.goto(`${lantern.url}/alerts/${rtl.id}`);
    expect(await page.locator('h1').textContent()).toContain('[RLO]exe.tnemucod[PDF]');
    expect(await page.locator('h1 abbr.control-char').count()).toBe(4);

    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('lets an investigator create a webhook subscription, shows its secret once, rotates it and opens the delivery log', async () => {
    const page = await signedInPage(investigatorKey);
    await page.getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByRole('button', { name: 'New subscription' }).click();
    await page.getByLabel('Name').fill('Gulf lures (test)');
    await page.getByLabel('Webhook URL (https)').fill('http://127.0.0.1:9/lantern-hook');
    await page.getByLabel('Minimum level').selectOption('high');
    await page.getByLabel('Countries (comma-separated ISO codes)').fill('AE, GB');
    await page.getByRole('button', { name: 'Create' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    const first = (await secret.textContent()) ?? '';
    expect(first).toMatch(/^whsec_/);
    await page.screenshot({ path: join(ARTIFACTS, 'subscriptions.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    const row = page.getByRole('row', { name: /Gulf lures \(test\)/ });
    expect(await row.textContent()).toContain('level ≥ high; countries: AE, GB');

    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^whsec_/);
    expect(await secret.textContent()).not.toBe(first);
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await row.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: /Deliveries of/ }).waitFor();
    const subs = await fetch(`${lantern.url}/api/subscriptions`, { headers: { authorization: `Bearer ${investigatorKey}` } });
    expect(((await subs.json()) as { items: Array<{ name: string }> }).items.map((s) => s.name)).toEqual(['Gulf lures (test)']);
  });

  it('shows the overview and the admin pages to an admin', async () => {
    const page = await signedInPage(ADMIN_KEY);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('.charts').waitFor();
    await page.locator('svg.columns rect').first().waitFor();
    // The 20 keyboard decisions, counted from the audit log (taking an alert into review is not one).
    const throughput = page.locator('figure', { hasText: 'Review throughput' });
    await throughput.getByRole('row').first().waitFor();
    expect(await throughput.getByRole('row').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^${triageDay}\\s*${TRIAGED}$`)),
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
    // A number is a way into the queue, filtered by what it counts.
    const countries = page.locator('figure', { hasText: 'Countries (ads)' });
    await countries.getByRole('row', { name: /^AE/ }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(new URL(page.url()).searchParams.get('country')).toBe('AE');
    await page.locator('.queue-row').first().waitFor();
    expect(new Set(await page.locator('.queue-row .meta').allTextContents()).size).toBeGreaterThan(0);
    for (const meta of await page.locator('.queue-row .meta').allTextContents()) expect(meta).toContain('AE');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Scraper sources' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'admin.png'), fullPage: true });
  });
});
