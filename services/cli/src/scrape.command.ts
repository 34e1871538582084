import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { crawl, PoliteFetcher, SafeFetcher, SOURCE_TYPES, type CrawlSource } from '@lantern/scraping';
import { CliIo, UsageError, writeLine } from './io';

export const SCRAPE_HELP = `Usage: lantern scrape URL [--type auto|rss|atom|jsonld|sitemap|html] [--max-pages N] [--out FILE] [--allow-private]

Fetches one source once (robots.txt, one request at a time per host, SSRF checks) and writes its
ads as JSON lines of the raw-ad contract (stdout by default). Errors and a summary go to stderr.

--allow-private   let the fetch reach loopback and private addresses (local fixtures, an intranet)
--delay-ms N      gap between requests to one host (default 1000)`;

const TYPES = ['auto', ...SOURCE_TYPES.filter((t) => t !== 'json-api')];

export async function scrapeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: 'string', default: 'auto' },
      'max-pages': { type: 'string', default: '20' },
      'delay-ms': { type: 'string', default: '1000' },
      out: { type: 'string' },
      'allow-private': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await writeLine(io.stdout, SCRAPE_HELP);
    return 0;
  }
  const [url] = positionals;
  if (!url || positionals.length > 1) throw new UsageError('scrape takes one URL');
  if (!TYPES.includes(values.type)) throw new UsageError(`--type must be one of ${TYPES.join(', ')}`);
  const maxPages = Number(values['max-pages']);
  const delayMs = Number(values['delay-ms']);
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 10_000) throw new UsageError('--max-pages must be 1-10000');
  if (!Number.isInteger(delayMs) || delayMs < 0) throw new UsageError('--delay-ms must be a whole number of milliseconds');
  const fetcher = new SafeFetcher({
    userAgent: 'LanternBot/0.1 (+https://lantern.invalid/bot)',
    allowPrivate: values['allow-private'] === true,
  });
  const polite = new PoliteFetcher(fetcher, { robotsAgent: 'LanternBot', minDelayMs: delayMs });
  const out = values.out ? createWriteStream(values.out) : io.stdout;
  const counts = { pages: 0, ads: 0, errors: 0 };
  const source = {
    name: 'cli',
    type: values.type as CrawlSource['type'],
    urls: [url],
    limits: { maxPages, maxAds: 100_000 },
    allowPrivate: values['allow-private'] === true,
  };
  try {
    for await (const ad of crawl(source, {
      fetcher: polite,
      onEvent: (event) => {
        if (event.kind === 'page') counts.pages++;
        if (event.kind === 'error' || event.kind === 'robots-refused' || event.kind === 'ssrf-refused') {
          counts.errors++;
          io.stderr.write(`${JSON.stringify(event)}\n`);
        }
      },
    })) {
      counts.ads++;
      await writeLine(out, JSON.stringify(ad));
    }
  } finally {
    await fetcher.close();
    if (values.out) await new Promise((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
  }
  await writeLine(io.stderr, `pages ${counts.pages}, ads ${counts.ads}, errors ${counts.errors}`);
  return counts.errors ? 1 : 0;
}
