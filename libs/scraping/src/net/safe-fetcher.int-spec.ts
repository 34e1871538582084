import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { SsrfRefusedError } from './errors';
import { PoliteFetcher } from './polite-fetcher';
import { SafeFetcher } from './safe-fetcher';

/** A canary: a loopback server that counts every connection it accepts. */
async function canary(host: string): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((_, res) => res.end('canary'));
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

describe('SafeFetcher against canary servers on 127.0.0.x', () => {
  let two: Awaited<ReturnType<typeof canary>>;
  let three: Awaited<ReturnType<typeof canary>>;
  const fetcher = new SafeFetcher({
    userAgent: 'LanternBot/test (+https://lantern.invalid/bot)',
    resolver: async (host) => (host === 'rebind.test' ? ['127.0.0.3'] : ['93.184.216.34']),
  });

  beforeAll(async () => {
    two = await canary('127.0.0.2');
    three = await canary('127.0.0.3');
  });
  afterAll(async () => {
    await fetcher.close();
    two.server.close();
    three.server.close();
  });

  it.each([
    ['dotted', (p: number) => `http://127.0.0.2:${p}/`],
    ['decimal', (p: number) => `http://2130706434:${p}/`],
    ['hex', (p: number) => `http://0x7f000002:${p}/`],
    ['octal', (p: number) => `http://0177.0.0.2:${p}/`],
    ['short', (p: number) => `http://127.2:${p}/`],
    ['IPv4-mapped IPv6', (p: number) => `http://[::ffff:127.0.0.2]:${p}/`],
    ['IPv4-mapped IPv6 hex', (p: number) => `http://[::ffff:7f00:2]:${p}/`],
    ['NAT64', (p: number) => `http://[64:ff9b::7f00:2]:${p}/`],
    ['credentials in URL', (p: number) => `http://user:pass@127.0.0.2:${p}/`],
  ])('refuses the %s spelling without connecting', async (_, url) => {
    await expect(fetcher.fetch({ url: url(two.port) })).rejects.toBeInstanceOf(SsrfRefusedError);
    expect(two.connections()).toBe(0);
  });

  it('refuses a host name that resolves to loopback (DNS rebinding) without connecting', async () => {
    await expect(fetcher.fetch({ url: `http://rebind.test:${three.port}/` })).rejects.toBeInstanceOf(SsrfRefusedError);
    expect(three.connections()).toBe(0);
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.2/', 'gopher://127.0.0.2/'])('refuses the scheme of %s', async (url) => {
    await expect(fetcher.fetch({ url })).rejects.toBeInstanceOf(SsrfRefusedError);
  });
});

describe('SafeFetcher and PoliteFetcher on a loopback fixture site (private allowed for the test)', () => {
  let server: Server;
  let base: string;
  const hits: { path: string; at: number; headers: Record<string, string | string[] | undefined> }[] = [];
  let throttled = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push({ path: req.url ?? '', at: Date.now(), headers: req.headers });
      const path = req.url ?? '/';
      if (path === '/robots.txt') return res.end('User-agent: *\nDisallow: /private\n');
      if (path === '/page') return res.end('<html>fixture page</html>');
      if (path === '/etag') {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res.writeHead(200, { etag: '"v1"' }).end('first');
      }
      if (path === '/throttle') {
        if (throttled++ === 0) return res.writeHead(429, { 'retry-after': '1' }).end();
        return res.end('after the wait');
      }
      if (path === '/big') return res.end('x'.repeat(300_000));
      if (path === '/bomb') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50_000_000)));
      if (path.startsWith('/loop')) return res.writeHead(302, { location: `/loop${Number(path.slice(5) || 0) + 1}` }).end();
      if (path === '/to-canary') return res.writeHead(302, { location: 'http://127.0.0.3:9/' }).end();
      return res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const open = (options: Partial<ConstructorParameters<typeof SafeFetcher>[0]> = {}) =>
    new SafeFetcher({
      userAgent: 'LanternBot/test (+https://lantern.invalid/bot)',
      allowPrivate: true,
      maxBytes: 100_000,
      maxDecodedBytes: 1_000_000,
      ...options,
    });

  it('caps the response size, the decoded size and the redirects', async () => {
    const fetcher = open();
    await expect(fetcher.fetch({ url: `${base}/big` })).rejects.toMatchObject({ kind: 'too-large' });
    await expect(fetcher.fetch({ url: `${base}/bomb` })).rejects.toMatchObject({ kind: 'too-large' });
    await expect(fetcher.fetch({ url: `${base}/loop` })).rejects.toMatchObject({ kind: 'too-many-redirects' });
    await fetcher.close();
  });

  it('spaces requests to one host, honours Retry-After, robots.txt and conditional GET', async () => {
    const polite = new PoliteFetcher(open(), { robotsAgent: 'LanternBot', minDelayMs: 300 });
    hits.length = 0;
    await Promise.all([polite.get(`${base}/page`), polite.get(`${base}/page`), polite.get(`${base}/page`)]);
    const times = hits.map((h) => h.at);
    expect(hits.map((h) => h.path)).toEqual(['/robots.txt', '/page', '/page', '/page']);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(290);
    expect(hits[1]!.headers['user-agent']).toContain('+https://lantern.invalid/bot');

    await expect(polite.get(`${base}/private/x`)).rejects.toMatchObject({ name: 'RobotsRefusedError' });

    hits.length = 0;
    const after = await polite.get(`${base}/throttle`);
    expect(after.body).toBe('after the wait');
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(990);

    const first = await polite.get(`${base}/etag`, { conditional: true });
    const second = await polite.get(`${base}/etag`, { conditional: true });
    expect([first.notModified, second.notModified]).toEqual([false, true]);
  });

  it('checks every redirect hop', async () => {
    const strict = open({ allowPrivate: false });
    await expect(strict.fetch({ url: `${base}/to-canary` })).rejects.toBeInstanceOf(SsrfRefusedError);
    await strict.close();
  });
});
