import { readAds, readJsonLines, sniffFormat, type AdReadResult } from '@lantern/ad-io';
import { Limits, type RawAdV1 } from '@lantern/contracts';
import { buildRawAd, type FoundAd } from '@lantern/scraping';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CliIo, UsageError, writeLine } from './io';
import { PipelinePublisher } from './pipeline';
import { Progress } from './progress';

export const IMPORT_HELP = `Usage: lantern import FILE [--source NAME] [--publish-only-new] [--progress]

Publishes the ads of FILE to the pipeline (ads.raw.v1). FILE is JSON lines (each line a raw ad, or a
partial one with at least "description", completed as the scraper would), or an EMSCAD CSV.
Needs KAFKA_BROKERS (TOPIC_PREFIX when the pipeline uses one). Invalid lines are reported on stderr
with their line numbers; the exit code is 1 when there was any.

--source NAME         source name for partial items and CSV rows (default "import")
--publish-only-new    skip ads published before with the same content (needs REDIS_URL, shared with the scraper)
--progress            show progress on stderr even when it is not a terminal`;

/** Ads sent to Kafka per request. */
const BATCH = 200;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      source: { type: 'string', default: 'import' },
      'publish-only-new': { type: 'boolean' },
      progress: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await writeLine(io.stdout, IMPORT_HELP);
    return 0;
  }
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('import takes one FILE');
  const source = values.source;
  if (!/^[\w.-]{1,64}$/.test(source)) throw new UsageError('--source must be 1-64 letters, digits, ".", "_" or "-"');
  const pipeline = await PipelinePublisher.connect(io.env ?? process.env, {
    onlyNew: values['publish-only-new'] === true,
    stderr: io.stderr,
  });
  const progress = new Progress(io.stderr, Progress.shown(io.stderr, values.progress), ['read', 'published', 'invalid']);
  const now = new Date();
  let batch: RawAdV1[] = [];
  const flush = async () => {
    progress.add('published', await pipeline.publish(batch));
    batch = [];
  };
  try {
    for await (const item of await readImportFile(file, source, now)) {
      progress.add('read');
      if (!item.ok) {
        progress.add('invalid');
        await progress.message(`line ${item.line}: ${item.reason}`);
        continue;
      }
      batch.push(item.ad);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    progress.finish();
    await pipeline.close();
  }
  const invalid = progress.count('invalid');
  const published = progress.count('published');
  await writeLine(io.stderr, `published ${published}, skipped ${progress.count('read') - invalid - published}, invalid ${invalid}`);
  return invalid ? 1 : 0;
}

/** How much of the file is read to tell JSON lines from CSV. */
const SNIFF_BYTES = 64 * 1024;

async function readImportFile(file: string, source: string, now: Date): Promise<AsyncIterable<AdReadResult>> {
  const handle = await open(file, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const format = sniffFormat(head);
  if (format === 'emscad-csv') return readAds(createReadStream(file), { format, source, now });
  // Partial items (at least a "description") are completed the way the scraper completes what it finds.
  if (format === 'jsonl' || head.trim() === '')
    return readJsonLines(createReadStream(file), Limits.messageBytes, (value) => {
      const found = asFoundAd(value);
      return found ? buildRawAd(source, found, now) : undefined;
    });
  throw new UsageError(`${file}: expected JSON lines of raw ads or an EMSCAD CSV with a header row`);
}

const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const textList = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 50) : undefined;

/** Picks the known fields of a partial item, by name and type only (no prototype walk, no unknown keys). */
function asFoundAd(value: unknown): FoundAd | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const item = value as Record<string, unknown>;
  const description = optionalText(item['description']);
  if (!description?.trim()) return undefined;
  const location = item['location'];
  const contacts = item['contacts'];
  const found: FoundAd = { description };
  for (const key of ['url', 'externalId', 'title', 'descriptionHtml', 'company', 'salaryText', 'employmentType', 'postedAt'] as const) {
    const text = optionalText(item[key]);
    if (text !== undefined) found[key] = text;
  }
  if (typeof location === 'string') found.location = { raw: location };
  else if (typeof location === 'object' && location !== null) {
    const raw = optionalText((location as Record<string, unknown>)['raw']);
    const country = optionalText((location as Record<string, unknown>)['country']);
    found.location = { ...(raw ? { raw } : {}), ...(country ? { country } : {}) };
  }
  if (typeof contacts === 'object' && contacts !== null) {
    const c = contacts as Record<string, unknown>;
    const phones = textList(c['phones']);
    const emails = textList(c['emails']);
    const urls = textList(c['urls']);
    found.contacts = { ...(phones ? { phones } : {}), ...(emails ? { emails } : {}), ...(urls ? { urls } : {}) };
  }
  return found;
}
