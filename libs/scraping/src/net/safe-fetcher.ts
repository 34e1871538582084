import {
  AddressRefusedError,
  checkedAddress,
  HostUnresolvedError,
  pinnedConnector,
  systemHostResolver,
  type HostResolver,
} from '@lantern/platform';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import { FetchError, SsrfRefusedError } from './errors';

/** Resolves a host name to every address it has (a DNS adapter, replaceable in tests). */
export type Resolver = HostResolver;

export const systemResolver: Resolver = systemHostResolver;

export interface SafeFetcherOptions {
  /** Identifies us to site owners, with a contact URL. */
  userAgent: string;
  /** Lets private addresses through (a source marked so in config, `--allow-private`); never the default. */
  allowPrivate?: boolean;
  resolver?: Resolver;
  connectTimeoutMs?: number;
  /** Whole request, headers and body. */
  timeoutMs?: number;
  /** Bytes on the wire. */
  maxBytes?: number;
  /** Bytes after gzip/deflate/br: stops decompression bombs. */
  maxDecodedBytes?: number;
  maxRedirects?: number;
  /** Called before each connection is opened, with the address it goes to (metrics, tests). */
  onConnect?: (host: string, address: string) => void;
}

export interface FetchRequest {
  url: string;
  /** Conditional GET validators from a previous response. */
  etag?: string;
  lastModified?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface FetchResponse {
  /** After redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  redirects: number;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  timeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxDecodedBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
};

/**
 * HTTP GET that cannot be pointed at our own network. Every connection, redirect hops included,
 * resolves the host itself, checks every address and connects to the checked one (so a DNS answer
 * that changes between check and connect, "rebinding", changes nothing). Literal IPs in any spelling
 * are checked the same way (undici skips its lookup for them, so the check lives in `connect`).
 */
export class SafeFetcher {
  private readonly options: Required<Omit<SafeFetcherOptions, 'onConnect'>> & Pick<SafeFetcherOptions, 'onConnect'>;
  private readonly agent: Agent;

  constructor(options: SafeFetcherOptions) {
    this.options = { allowPrivate: false, resolver: systemResolver, ...DEFAULTS, ...options };
    const { allowPrivate, resolver, connectTimeoutMs, onConnect } = this.options;
    this.agent = new Agent({
      connections: 4,
      connect: pinnedConnector({ allowPrivate, resolve: resolver, connectTimeoutMs, ...(onConnect ? { onConnect } : {}) }),
    });
  }

  /** The one address a connection to `host` may use, or a refusal. */
  async checkedAddress(host: string): Promise<string> {
    try {
      return (await checkedAddress(host, { allowPrivate: this.options.allowPrivate, resolve: this.options.resolver })).address;
    } catch (error) {
      throw ourError(error);
    }
  }

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    let url = checkScheme(req.url);
    const signal = req.signal
      ? AbortSignal.any([req.signal, AbortSignal.timeout(this.options.timeoutMs)])
      : AbortSignal.timeout(this.options.timeoutMs);
    for (let redirects = 0; ; redirects++) {
      // Refuse before undici opens anything, so the error is ours and not a wrapped connect failure.
      await this.checkedAddress(url.hostname.replace(/^\[|\]$/g, ''));
      const headers: Record<string, string> = {
        'user-agent': this.options.userAgent,
        accept: req.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (redirects === 0 && req.etag) headers['if-none-match'] = req.etag;
      if (redirects === 0 && req.lastModified) headers['if-modified-since'] = req.lastModified;
      let response;
      try {
        response = await request(url, { dispatcher: this.agent, method: 'GET', headers, signal, maxRedirections: 0 });
      } catch (error) {
        throw unwrap(error, url.href);
      }
      const responseHeaders = flatHeaders(response.headers);
      if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304 && responseHeaders.location) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (redirects >= this.options.maxRedirects)
          throw new FetchError('too-many-redirects', `more than ${this.options.maxRedirects} redirects from ${req.url}`);
        try {
          url = checkScheme(new URL(responseHeaders.location, url).href);
        } catch (error) {
          if (error instanceof SsrfRefusedError) throw error;
          throw new FetchError('bad-redirect', `unusable redirect from ${url.href}`);
        }
        continue;
      }
      const body = await this.readBody(response.body, responseHeaders['content-encoding'], url.href, signal);
      return { url: url.href, status: response.statusCode, headers: responseHeaders, body, redirects };
    }
  }

  private async readBody(body: Readable, encoding: string | undefined, url: string, signal: AbortSignal): Promise<string> {
    const { maxBytes, maxDecodedBytes } = this.options;
    let wire = 0;
    const counted = body;
    counted.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > maxBytes) counted.destroy(new FetchError('too-large', `${url} is larger than ${maxBytes} bytes`));
    });
    const decoder = decoderFor(encoding);
    const stream: Readable = decoder ? counted.pipe(decoder) : counted;
    if (decoder) counted.on('error', (error) => decoder.destroy(error));
    const chunks: Buffer[] = [];
    let decoded = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        decoded += chunk.length;
        if (decoded > maxDecodedBytes) throw new FetchError('too-large', `${url} decodes to more than ${maxDecodedBytes} bytes`);
        chunks.push(chunk);
      }
    } catch (error) {
      counted.destroy();
      if (error instanceof FetchError) throw error;
      if (signal.aborted) throw new FetchError('timeout', `${url} took longer than ${this.options.timeoutMs} ms`);
      throw new FetchError('decoding', `cannot read ${url}: ${(error as Error).message}`);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function checkScheme(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfRefusedError(raw.slice(0, 200), 'invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SsrfRefusedError(url.protocol, 'scheme');
  // Credentials in a URL would be sent to whoever the URL points at.
  url.username = '';
  url.password = '';
  return url;
}

function decoderFor(encoding: string | undefined) {
  switch (encoding?.trim().toLowerCase() ?? '') {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** The shared address check's refusals, in this library's error types. */
function ourError(error: unknown): unknown {
  if (error instanceof AddressRefusedError) return new SsrfRefusedError(error.host, error.addressClass);
  if (error instanceof HostUnresolvedError) return new FetchError('network', error.message);
  return error;
}

function unwrap(error: unknown, url: string): Error {
  // undici wraps what connect() reported; find our refusal inside.
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const mapped = ourError(current);
    if (mapped instanceof SsrfRefusedError || mapped instanceof FetchError) return mapped;
    current = (current as { cause?: unknown }).cause;
  }
  const name = (error as Error).name;
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    name === 'HeadersTimeoutError' ||
    name === 'BodyTimeoutError' ||
    name === 'ConnectTimeoutError'
  ) {
    return new FetchError('timeout', `${url} timed out`);
  }
  return new FetchError('network', `${url}: ${(error as Error).message}`);
}
