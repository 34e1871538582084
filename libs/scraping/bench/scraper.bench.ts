// Throughput of the JSON-LD path (fetch, SSRF check, robots, parse, normalise) against a loopback
// fixture site with politeness delays off. FIXTURE: the ads served here are invented.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crawl, PoliteFetcher, SafeFetcher } from '../src';

const DETAIL_PAGES = 2000;
const LISTING_SIZE = 50;

const detail = (n: number) =>
  `<html><head><script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: `Fixture job ${n}`,
    description: `<p>Invented fixture ad number ${n}. ${'Duties include invented tasks. '.repeat(40)}</p>`,
    identifier: { value: `bench-${n}` },
    hiringOrganization: { name: 'Fixture Co' },
    jobLocation: { address: { addressLocality: 'Nowhere', addressCountry: 'GB' } },
  })}</script></head><body>${'<p>filler</p>'.repeat(100)}</body></html>`;

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if (url.pathname === '/jobs') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const links = Array.from({ length: LISTING_SIZE }, (_, i) => `<a href="/job/${(page - 1) * LISTING_SIZE + i}">job</a>`).join('');
      const next = page * LISTING_SIZE < DETAIL_PAGES ? `<link rel="next" href="/jobs?page=${page + 1}">` : '';
      return res.end(`<html><head>${next}</head><body>${links}</body></html>`);
    }
    const match = /^\/job\/(\d+)$/.exec(url.pathname);
    if (match) return res.end(detail(Number(match[1])));
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher = new SafeFetcher({ userAgent: 'LanternBot/bench', allowPrivate: true });
  const polite = new PoliteFetcher(fetcher, { robotsAgent: 'LanternBot', minDelayMs: 0 });
  let pages = 0;
  let ads = 0;
  const started = process.hrtime.bigint();
  for await (const ad of crawl(
    { name: 'bench', type: 'jsonld', urls: [`${base}/jobs`], limits: { maxPages: 10_000, maxAds: 100_000 }, allowPrivate: true },
    { fetcher: polite, onEvent: (e) => void (e.kind === 'page' && pages++) },
  )) {
    void ad;
    ads++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      pages,
      ads,
      seconds: Number(seconds.toFixed(2)),
      pagesPerSecond: Math.round(pages / seconds),
      adsPerSecond: Math.round(ads / seconds),
    }),
  );
  await fetcher.close();
  server.close();
}

void main();
