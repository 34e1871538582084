import { CsvLimits, parseCsv, readCsvRows, TextSource, textChunks } from './csv';
import { EmscadOptions, emscadRowToRawAd, isEmscadHeader } from './emscad';
import { AdReadResult, readJsonLines } from './jsonl';

export type AdFormat = 'jsonl' | 'emscad-csv';

/** How far to look for the first line when sniffing. */
const SNIFF_CHARS = 64 * 1024;

/** Recognises the format from the start of the input: a JSON object, or an EMSCAD-style CSV header. */
export function sniffFormat(head: string): AdFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return 'jsonl';
  const end = text.search(/\r?\n/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  try {
    const header = parseCsv(firstLine)[0]?.fields ?? [];
    if (isEmscadHeader(header)) return 'emscad-csv';
  } catch {
    return undefined;
  }
  return undefined;
}

export interface ReadAdsOptions extends EmscadOptions {
  /** Skip sniffing. */
  format?: AdFormat;
  maxLineChars?: number;
  csvLimits?: Partial<CsvLimits>;
}

async function* replay(head: string[], rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Reads ads from JSON lines or an EMSCAD CSV, sniffing which unless told. Each item is an ad (with
 * its label when the input has one) or an error with a line number; the stream never throws for
 * bad input, only for an unrecognisable format.
 */
export async function* readAds(source: TextSource, options: ReadAdsOptions = {}): AsyncGenerator<AdReadResult> {
  const iterator = textChunks(source)[Symbol.asyncIterator]();
  const head: string[] = [];
  let format = options.format;
  if (!format) {
    let seen = '';
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      seen += next.value;
      if (/\n/.test(seen.replace(/^\s+/, '')) || seen.length >= SNIFF_CHARS) break;
    }
    if (seen.trim() === '') return;
    format = sniffFormat(seen);
    if (!format) throw new Error('unrecognised input: expected JSON lines of raw ads or an EMSCAD CSV with a header row');
  }
  const text = replay(head, iterator);
  if (format === 'jsonl') {
    yield* readJsonLines(text, options.maxLineChars);
    return;
  }
  const now = options.now ?? new Date();
  for await (const row of readCsvRows(text, options.csvLimits)) {
    if (!row.ok) {
      yield row;
      continue;
    }
    const mapped = emscadRowToRawAd(row.values, { ...options, now });
    if (!mapped.ok) yield { ok: false, line: row.line, reason: `not a valid ad: ${mapped.reason}` };
    else
      yield mapped.label === undefined
        ? { ok: true, line: row.line, ad: mapped.ad }
        : { ok: true, line: row.line, ad: mapped.ad, label: mapped.label };
  }
}

/** Reads every ad of a source, for evaluation and training (errors are returned, not thrown). */
export async function collectAds(source: TextSource, options: ReadAdsOptions = {}): Promise<{ ads: AdReadResult[] }> {
  const ads: AdReadResult[] = [];
  for await (const item of readAds(source, options)) ads.push(item);
  return { ads };
}
