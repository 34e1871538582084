import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RawAdV1 } from '@lantern/contracts';
import { crawl, PoliteFetcher, SafeFetcher, SOURCE_TYPES, type CrawlSource } from '@lantern/scraping';
import { CliIo, UsageError, writeLine } from './io';
import { PipelinePublisher } from './pipeline';
import { Progress } from './progress';

export const SCRAPE_HELP = `Usage: lantern scrape URL [--type auto|rss|atom|jsonld|sitemap|html] [--max-pages N] [--out FILE | --publish] [--allow-private]

Fetches one source once (robots.txt, one request at a time per host, SSRF checks) and writes its
ads as JSON lines of the raw-ad contract (stdout by default). Errors and a summary go to stderr.

--publish            publish the ads to the pipeline (ads.raw.v1) instead; needs KAFKA_BROKERS (and TOPIC_PREFIX)
--publish-only-new   with --publish: skip ads already published with the same content (needs REDIS_URL)
--allow-private      let the fetch reach loopback and private addresses (local fixtures, an intranet)
--delay-ms N         gap between requests to one host (default 1000)
--progress           show progress on stderr even when it is not a terminal`;

/** Ads sent to Kafka per request when publishing. */
const PUBLISH_BATCH = 100;

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
      publish: { type: 'boolean' },
      'publish-only-new': { type: 'boolean' },
      progress: { type: 'boolean' },
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
  if (values.publish && values.out) throw new UsageError('--publish and --out exclude each other');
  if (values['publish-only-new'] && !values.publish) throw new UsageError('--publish-only-new goes with --publish');
  // Connect first: a missing pipeline is a usage error before any site is fetched.
  const pipeline = values.publish
    ? await PipelinePublisher.connect(io.env ?? process.env, { onlyNew: values['publish-only-new'] === true, stderr: io.stderr })
    : undefined;
  const fetcher = new SafeFetcher({
    userAgent: 'LanternBot/0.1 (+https://lantern.invalid/bot)',
    allowPrivate: values['allow-private'] === true,
  });
  const polite = new PoliteFetcher(fetcher, { robotsAgent: 'LanternBot', minDelayMs: delayMs });
  const out = values.out ? createWriteStream(values.out) : io.stdout;
  const progress = new Progress(io.stderr, Progress.shown(io.stderr, values.progress), ['pages', 'ads', 'errors']);
  let batch: RawAdV1[] = [];
  let published = 0;
  const flush = async () => {
    if (pipeline) published += await pipeline.publish(batch);
    batch = [];
  };
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
        if (event.kind === 'page') progress.add('pages');
        if (event.kind === 'error' || event.kind === 'robots-refused' || event.kind === 'ssrf-refused') {
          progress.add('errors');
          progress.finish();
          io.stderr.write(`${JSON.stringify(event)}\n`);
        }
      },
    })) {
      progress.add('ads');
      if (!pipeline) await writeLine(out, JSON.stringify(ad));
      else {
        batch.push(ad);
        if (batch.length >= PUBLISH_BATCH) await flush();
      }
    }
    await flush();
  } finally {
    progress.finish();
    await fetcher.close();
    await pipeline?.close();
    if (values.out) await new Promise((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
  }
  const summary = progress.line() + (pipeline ? `, published ${published}` : '');
  await writeLine(io.stderr, summary);
  return progress.count('errors') ? 1 : 0;
}
