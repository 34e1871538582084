// FIXTURE: every ad below is invented for this test.
import { parseMessage, Topics } from '@lantern/contracts';
import { buildRawAd } from '@lantern/scraping';
import { KafkaTopicReader, requiredEnv, uniqueName } from '@lantern/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from './main';

async function run(argv: string[], env: Record<string, string>) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await runCli(argv, { stdin: Readable.from(['']), stdout: out, stderr: err, env });
  return { code, stdout, stderr };
}

async function eventually<T>(read: () => Promise<T[]>, count: number): Promise<T[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const seen = await read();
    if (seen.length >= count) return seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

describe('lantern import and scrape --publish against real Kafka', () => {
  const brokers = requiredEnv('KAFKA_BROKERS');
  const redis = requiredEnv('REDIS_URL');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes full and partial JSON lines, reports the invalid line and exits 1', async () => {
    const prefix = `${uniqueName('cli')}.`;
    const full = buildRawAd(
      'fixture-board',
      { url: 'https://jobs.fixture.invalid/1', title: 'Fixture cleaner', description: 'Invented ad one, pay 700 USD' },
      new Date(),
    );
    const file = join(dir, 'ads.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify(full),
        JSON.stringify({ title: 'Fixture welder', description: 'Invented ad two, free visa and ticket', location: 'Doha, Qatar' }),
        '{"title": "no description here"}',
        '',
        'not json at all',
      ].join('\n'),
    );
    const result = await run(['import', file, '--source', 'fixture-import', '--progress'], {
      KAFKA_BROKERS: brokers,
      TOPIC_PREFIX: prefix,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^line 3: not a raw ad: /m);
    expect(result.stderr).toMatch(/^line 5: not JSON/m);
    expect(result.stderr).toMatch(/\rread \d+, published \d+, invalid \d+/);
    expect(result.stderr).toMatch(/published 2, skipped 0, invalid 2\n$/);

    const reader = new KafkaTopicReader([brokers], prefix);
    try {
      const messages = await eventually(() => reader.read(Topics.AdsRaw), 2);
      const ads = messages.map((m) => parseMessage(Topics.AdsRaw, m.value));
      expect(ads.every((a) => a.ok)).toBe(true);
      const values = ads.flatMap((a) => (a.ok ? [a.value] : []));
      expect(values.map((ad) => ad.id).sort()).toEqual([full.id, values.find((ad) => ad.source === 'fixture-import')!.id].sort());
      expect(messages.find((m) => m.key === full.id)).toBeDefined();
      const partial = values.find((ad) => ad.source === 'fixture-import')!;
      expect(partial).toMatchObject({ title: 'Fixture welder', location: { raw: 'Doha, Qatar' } });
    } finally {
      await reader.close();
    }
  });

  it('with --publish-only-new, a second import of the same file publishes nothing', async () => {
    const prefix = `${uniqueName('cli')}.`;
    const env = { KAFKA_BROKERS: brokers, TOPIC_PREFIX: prefix, REDIS_URL: redis, REDIS_KEY_PREFIX: `${uniqueName('cli')}:` };
    const file = join(dir, 'again.jsonl');
    writeFileSync(file, JSON.stringify({ externalId: 'fx-9', description: 'Invented ad nine, deposit required before start' }) + '\n');
    const first = await run(['import', file, '--publish-only-new'], env);
    const second = await run(['import', file, '--publish-only-new'], env);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stderr).toMatch(/published 1, skipped 0, invalid 0/);
    expect(second.stderr).toMatch(/published 0, skipped 1, invalid 0/);
    const reader = new KafkaTopicReader([brokers], prefix);
    try {
      expect(await eventually(() => reader.read(Topics.AdsRaw), 1)).toHaveLength(1);
    } finally {
      await reader.close();
    }
  });

  it('publishes the rows of an EMSCAD CSV under --source and reports a broken row', async () => {
    const prefix = `${uniqueName('cli')}.`;
    const header =
      'job_id,title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent';
    const file = join(dir, 'ads.csv');
    writeFileSync(
      file,
      [header, 'c1,Fixture painter,,,,,"Invented CSV ad, daily cash",,,0,0,0,,,,,,0', 'c2,Fixture mover,only three fields'].join('\n') +
        '\n',
    );
    const result = await run(['import', file, '--source', 'csv-fixture'], { KAFKA_BROKERS: brokers, TOPIC_PREFIX: prefix });
    expect(result.stderr).toMatch(/^line 3: /m);
    expect(result.stderr).toMatch(/published 1, skipped 0, invalid 1\n$/);
    expect(result.code).toBe(1);
    const reader = new KafkaTopicReader([brokers], prefix);
    try {
      const [message] = await eventually(() => reader.read(Topics.AdsRaw), 1);
      const parsed = parseMessage(Topics.AdsRaw, message!.value);
      expect(parsed.ok && parsed.value).toMatchObject({ source: 'csv-fixture', title: 'Fixture painter' });
    } finally {
      await reader.close();
    }
  });

  describe('scrape --publish', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture board</title>
<item><title>Fixture driver</title><link>/job/1</link><guid>feed-1</guid><description>Invented feed ad, salary 800 USD</description></item>
<item><title>Fixture cook</title><link>/job/2</link><guid>feed-2</guid><description>Invented feed ad two</description></item>
</channel></rss>`;
      server = createServer((req, res) => {
        if (req.url === '/robots.txt') res.end('User-agent: *\nAllow: /\n');
        else res.setHeader('content-type', 'application/rss+xml').end(rss);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('publishes the scraped ads instead of writing them', async () => {
      const prefix = `${uniqueName('cli')}.`;
      const result = await run(['scrape', `${base}/feed.xml`, '--publish', '--allow-private', '--delay-ms', '0', '--type', 'rss'], {
        KAFKA_BROKERS: brokers,
        TOPIC_PREFIX: prefix,
      });
      expect(result.stderr).toMatch(/pages 1, ads 2, errors 0, published 2/);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      const reader = new KafkaTopicReader([brokers], prefix);
      try {
        const messages = await eventually(() => reader.read(Topics.AdsRaw), 2);
        const titles = messages.map((m) => parseMessage(Topics.AdsRaw, m.value)).map((a) => (a.ok ? a.value.title : undefined));
        expect(titles.sort()).toEqual(['Fixture cook', 'Fixture driver']);
      } finally {
        await reader.close();
      }
    });
  });
});
