// FIXTURE: every ad below is invented for this test.
import { buildRawAd } from './normalise';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crawl, type CrawlEvent } from './crawl';
import { PoliteFetcher } from './net/polite-fetcher';
import { SafeFetcher } from './net/safe-fetcher';

const EMSCAD_HEADER =
  'job_id,title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent';

const jsonLines = [
  JSON.stringify(
    buildRawAd('bulk-fixture', { externalId: 'b-1', title: 'Fixture packer', description: 'Invented bulk ad one' }, new Date()),
  ),
  '{"not": "an ad"}',
  JSON.stringify(
    buildRawAd('bulk-fixture', { externalId: 'b-2', title: 'Fixture loader', description: 'Invented bulk ad two' }, new Date()),
  ),
].join('\n');

const csv = [
  EMSCAD_HEADER,
  'c1,Fixture painter,"GR, I, Athens",,,,"Invented CSV ad one, daily cash",,,0,0,0,Full-time,,,,,0',
  'c2,Fixture mover,,,,,"Invented CSV ad two",,,1,0,0,,,,,,1',
].join('\n');

describe('bulk sources on a loopback fixture site', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(404).end();
      else if (req.url === '/ads.jsonl') res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(jsonLines);
      else if (req.url === '/ads.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function run(url: string, events: CrawlEvent[]) {
    const fetcher = new SafeFetcher({ userAgent: 'LanternBot/test', allowPrivate: true });
    const polite = new PoliteFetcher(fetcher, { robotsAgent: 'LanternBot', minDelayMs: 0 });
    const ads = [];
    try {
      for await (const ad of crawl(
        { name: 'bulk-fixture', type: 'auto', urls: [url], limits: { maxPages: 5, maxAds: 100 }, allowPrivate: true },
        { fetcher: polite, onEvent: (e) => events.push(e) },
      ))
        ads.push(ad);
    } finally {
      await fetcher.close();
    }
    return ads;
  }

  it('detects JSON lines, yields every valid raw ad and reports the bad line by number', async () => {
    const events: CrawlEvent[] = [];
    const ads = await run(`${base}/ads.jsonl`, events);
    expect(events).toContainEqual({ kind: 'detected', type: 'bulk' });
    expect(ads.map((ad) => ad.externalId)).toEqual(['b-1', 'b-2']);
    const errors = events.filter((e) => e.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/^line 2: /) });
  });

  it('detects an EMSCAD CSV and maps its rows under the source name', async () => {
    const events: CrawlEvent[] = [];
    const ads = await run(`${base}/ads.csv`, events);
    expect(events).toContainEqual({ kind: 'detected', type: 'bulk' });
    expect(ads.map((ad) => ad.title)).toEqual(['Fixture painter', 'Fixture mover']);
    expect(ads.every((ad) => ad.source === 'bulk-fixture')).toBe(true);
    expect(ads[0]!.description).toContain('Invented CSV ad one');
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
  });
});
