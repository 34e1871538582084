import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardBundle } from './dashboard-bundle';
import { DashboardStaticMiddleware } from './dashboard-static.middleware';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  passedOn: boolean;
}

describe('DashboardStaticMiddleware', () => {
  let dir: string;
  let middleware: DashboardStaticMiddleware;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-bundle-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Lantern</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'notes.md'), 'not a served type');
    middleware = new DashboardStaticMiddleware(DashboardBundle.load(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function request(url: string, method = 'GET', headers: Record<string, string> = {}, target = middleware): Answer {
    const answer: Answer = { status: 0, headers: {}, body: undefined, passedOn: false };
    const response = {
      statusCode: 0,
      setHeader: (name: string, value: string) => (answer.headers[name.toLowerCase()] = value),
      end: (body?: Buffer | string) => {
        answer.status = response.statusCode;
        answer.body = body === undefined ? undefined : body.toString();
      },
    };
    target.use({ method, originalUrl: url, headers }, response, () => (answer.passedOn = true));
    return answer;
  }

  it('serves index.html for the app and its client routes, revalidated on every load', () => {
    for (const url of ['/', '/overview', '/alerts/al_0123?ad=x', '/ads/abc', '/admin/']) {
      const answer = request(url);
      expect({ url, status: answer.status, body: answer.body }).toEqual({
        url,
        status: 200,
        body: '<!doctype html><title>Lantern</title>',
      });
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('serves hashed assets as immutable and answers a matching ETag with 304', () => {
    const first = request('/assets/index-abc123.js');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const again = request('/assets/index-abc123.js', 'GET', { 'if-none-match': first.headers['etag']! });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
  });

  it('passes every API, health and unknown path on to Nest, and never serves files outside the bundle', () => {
    for (const url of [
      '/api/alerts',
      '/api/session',
      '/api',
      '/health',
      '/metrics',
      '/assets/notes.md',
      '/assets/../index.html',
      '/assets/..%2F..%2Fpackage.json',
      '/package.json',
      '/overview/extra/segments',
    ]) {
      expect({ url, passedOn: request(url).passedOn }).toEqual({ url, passedOn: true });
    }
    expect(request('/', 'POST').passedOn).toBe(true);
  });

  it('says how to build the bundle when it is missing, for app routes only', () => {
    const empty = new DashboardStaticMiddleware(DashboardBundle.load(join(dir, 'no-such-dir')));
    const page = request('/', 'GET', {}, empty);
    expect(page.status).toBe(503);
    expect(page.body).toContain('npm run dashboard:build');
    expect(request('/api/alerts', 'GET', {}, empty).passedOn).toBe(true);
  });
});
