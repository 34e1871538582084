// FIXTURE: every ad below is invented for this test.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crawl, type CrawlSource } from './crawl';
import { PoliteFetcher } from './net/polite-fetcher';
import { SafeFetcher } from './net/safe-fetcher';

const posting = (n: number, pay: string) =>
  `<html><head><script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'JobPosting',
        title: `Fixture warehouse picker ${n}`,
        description: `<p>Invented fixture ad ${n}. Pay ${pay}. Free visa and ticket.</p>`,
        identifier: { value: `fx-${n}` },
        datePosted: '2026-11-01',
        hiringOrganization: { name: 'Fixture Logistics', email: 'jobs@fixture.invalid', telephone: '+974 5555 0000' },
        jobLocation: { address: { addressLocality: 'Doha', addressCountry: 'Qatar' } },
      },
    ],
  })}</script></head><body>fixture</body></html>`;

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture board</title><language>en</language>
<item><title>Fixture driver</title><link>/feed-job/1?utm_source=x</link><guid>feed-1</guid><description>&lt;p&gt;Invented feed ad, salary 800 USD&lt;/p&gt;</description><pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Fixture cook</title><link>/feed-job/2</link><guid>feed-2</guid><description>Invented feed ad two</description></item>
</channel></rss>`;

describe('crawl on a loopback fixture site', () => {
  let server: Server;
  let base: string;
  let pay = '900 USD';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/robots.txt') return res.end('User-agent: *\nDisallow: /jobs/3\n');
      if (path === '/jobs' || path === '/jobs?page=2')
        return res.end(`<html><head>${path === '/jobs' ? '<link rel="next" href="/jobs?page=2">' : ''}</head><body>
          <a href="/jobs/${path === '/jobs' ? 1 : 2}">a job</a><a href="/jobs/3">disallowed</a></body></html>`);
      const job = /^\/jobs\/(\d)$/.exec(path);
      if (job) return res.end(posting(Number(job[1]), pay));
      if (path === '/feed.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
      return res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  async function run(source: Omit<CrawlSource, 'limits' | 'allowPrivate' | 'name'>, events: string[] = []) {
    const fetcher = new SafeFetcher({ userAgent: 'LanternBot/test', allowPrivate: true });
    const polite = new PoliteFetcher(fetcher, { robotsAgent: 'LanternBot', minDelayMs: 0 });
    const ads = [];
    for await (const ad of crawl(
      { name: 'fixture', limits: { maxPages: 10, maxAds: 100 }, allowPrivate: true, ...source },
      { fetcher: polite, onEvent: (e) => events.push(e.kind) },
    ))
      ads.push(ad);
    await fetcher.close();
    return ads;
  }

  it('follows listing pages to JSON-LD detail pages, skips what robots.txt disallows, and versions changed ads', async () => {
    const events: string[] = [];
    const first = await run({ type: 'auto', urls: [`${base}/jobs`] }, events);
    expect(first.map((ad) => ad.title).sort()).toEqual(['Fixture warehouse picker 1', 'Fixture warehouse picker 2']);
    expect(events).toContain('robots-refused');
    const ad = first.find((a) => a.externalId === 'fx-1')!;
    expect(ad).toMatchObject({
      company: 'Fixture Logistics',
      location: { raw: 'Doha, Qatar', country: 'QA' },
      contacts: { emails: ['jobs@fixture.invalid'], phones: ['+974 5555 0000'] },
    });
    expect(ad.description).toContain('Invented fixture ad 1');
    expect(ad.descriptionHtml).toContain('<p>');

    const again = await run({ type: 'jsonld', urls: [`${base}/jobs`] });
    expect(again.find((a) => a.externalId === 'fx-1')!.contentHash).toBe(ad.contentHash);
    pay = '2500 USD';
    const changed = (await run({ type: 'jsonld', urls: [`${base}/jobs`] })).find((a) => a.externalId === 'fx-1')!;
    expect(changed.id).toBe(ad.id);
    expect(changed.contentHash).not.toBe(ad.contentHash);
  });

  it('reads an RSS feed with canonical URLs', async () => {
    const ads = await run({ type: 'auto', urls: [`${base}/feed.xml`] });
    expect(ads).toHaveLength(2);
    expect(ads[0]).toMatchObject({ url: `${base}/feed-job/1`, externalId: 'feed-1', title: 'Fixture driver', languageHint: 'en' });
    expect(ads[0]!.description).toBe('Invented feed ad, salary 800 USD');
  });

  it('refuses loopback when the source is not marked allowPrivate', async () => {
    const fetcher = new SafeFetcher({ userAgent: 'LanternBot/test' });
    const polite = new PoliteFetcher(fetcher, { robotsAgent: 'LanternBot', minDelayMs: 0 });
    const iterate = async () => {
      for await (const ad of crawl(
        { name: 'fixture', type: 'rss', urls: [`${base}/feed.xml`], limits: { maxPages: 1, maxAds: 1 }, allowPrivate: false },
        { fetcher: polite },
      ))
        void ad;
    };
    await expect(iterate()).rejects.toMatchObject({ name: 'SsrfRefusedError' });
    await fetcher.close();
  });
});
