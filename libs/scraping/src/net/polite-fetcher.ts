import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError, RobotsRefusedError, SsrfRefusedError } from './errors';
import { isAllowedBy, robotsVerdict, type RobotsVerdict } from './robots';
import type { FetchResponse, SafeFetcher } from './safe-fetcher';

export interface PolitenessOptions {
  /** The product token matched against robots.txt groups (e.g. "LanternBot"). */
  robotsAgent: string;
  /** Gap between two requests to one host; robots.txt Crawl-delay can only make it longer. 0 in benchmarks. */
  minDelayMs?: number;
  /** Longest Crawl-delay or Retry-After we wait for; beyond it the request fails as throttled. */
  maxWaitMs?: number;
  /** Attempts after a 429 or 503. */
  maxRetries?: number;
  /** RFC 9309 asks not to cache for more than 24 hours. */
  robotsTtlMs?: number;
  respectRobots?: boolean;
  now?: () => number;
}

export interface PoliteResponse extends FetchResponse {
  notModified: boolean;
}

interface HostState {
  tail: Promise<unknown>;
  nextAt: number;
  crawlDelayMs: number;
}

const MAX_REMEMBERED_VALIDATORS = 50_000;

/**
 * Fetching as a good citizen: robots.txt first (cached per origin), one request at a time per host
 * spaced by max(minDelay, Crawl-delay), back-off on 429/503 honouring Retry-After, and conditional
 * GET from the validators of the previous response.
 */
export class PoliteFetcher {
  private readonly hosts = new Map<string, HostState>();
  private readonly robots = new Map<string, { verdict: RobotsVerdict; until: number; pending?: Promise<RobotsVerdict> }>();
  private readonly validators = new Map<string, { etag?: string; lastModified?: string }>();
  private readonly options: Required<PolitenessOptions>;

  constructor(
    private readonly fetcher: SafeFetcher,
    options: PolitenessOptions,
  ) {
    this.options = {
      minDelayMs: 1000,
      maxWaitMs: 5 * 60_000,
      maxRetries: 3,
      robotsTtlMs: 24 * 3600_000,
      respectRobots: true,
      now: Date.now,
      ...options,
    };
    this.options.robotsTtlMs = Math.min(this.options.robotsTtlMs, 24 * 3600_000);
  }

  /** GET a URL politely. `conditional` sends the validators remembered for it; a 304 comes back as notModified. */
  async get(url: string, options: { conditional?: boolean; accept?: string; signal?: AbortSignal } = {}): Promise<PoliteResponse> {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new SsrfRefusedError(target.protocol, 'scheme');
    if (this.options.respectRobots) {
      const verdict = await this.robotsFor(target.origin, options.signal);
      if (!isAllowedBy(verdict, target.href)) throw new RobotsRefusedError(target.href);
    }
    const remembered = options.conditional ? this.validators.get(target.href) : undefined;
    for (let attempt = 0; ; attempt++) {
      const response = await this.onHost(target.host, () =>
        this.fetcher.fetch({
          url: target.href,
          ...remembered,
          ...(options.accept ? { accept: options.accept } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
      if (response.status === 429 || response.status === 503) {
        if (attempt >= this.options.maxRetries)
          throw new FetchError('throttled', `${target.href} answered ${response.status} ${attempt + 1} times`, response.status);
        const waitMs =
          retryAfterMs(response.headers['retry-after'], this.options.now()) ?? Math.max(this.options.minDelayMs, 500) * 2 ** attempt;
        if (waitMs > this.options.maxWaitMs)
          throw new FetchError('throttled', `${target.host} asks to wait ${Math.round(waitMs / 1000)} s`, response.status);
        this.pushBack(target.host, waitMs);
        continue;
      }
      if (response.status === 304) return { ...response, notModified: true };
      if (response.status < 200 || response.status >= 300)
        throw new FetchError('status', `${target.href} answered ${response.status}`, response.status);
      if (options.conditional) this.remember(target.href, response.headers);
      return { ...response, notModified: false };
    }
  }

  /** The robots.txt verdict for an origin; fetched once per TTL, concurrent callers share the fetch. */
  async robotsFor(origin: string, signal?: AbortSignal): Promise<RobotsVerdict> {
    const cached = this.robots.get(origin);
    if (cached && cached.until > this.options.now()) return cached.verdict;
    if (cached?.pending) return cached.pending;
    const pending = this.fetchRobots(origin, signal);
    this.robots.set(origin, { verdict: { kind: 'disallow-all' }, until: 0, pending });
    try {
      const verdict = await pending;
      this.robots.set(origin, { verdict, until: this.options.now() + this.options.robotsTtlMs });
      return verdict;
    } catch (error) {
      this.robots.delete(origin);
      throw error;
    }
  }

  private async fetchRobots(origin: string, signal?: AbortSignal): Promise<RobotsVerdict> {
    const robotsUrl = `${origin}/robots.txt`;
    const host = new URL(origin).host;
    let verdict: RobotsVerdict;
    try {
      const response = await this.onHost(host, () =>
        this.fetcher.fetch({ url: robotsUrl, accept: 'text/plain', ...(signal ? { signal } : {}) }),
      );
      verdict = robotsVerdict(robotsUrl, response.status, response.body, this.options.robotsAgent);
    } catch (error) {
      // SSRF refusals are not "unreachable": they must surface as what they are.
      if (error instanceof SsrfRefusedError) throw error;
      verdict = robotsVerdict(robotsUrl, undefined, '', this.options.robotsAgent);
    }
    if (verdict.kind === 'rules' && verdict.crawlDelaySeconds !== undefined) {
      const state = this.hostState(host);
      state.crawlDelayMs = Math.min(verdict.crawlDelaySeconds * 1000, this.options.maxWaitMs);
    }
    return verdict;
  }

  /** Runs `task` when it is this host's turn: after the previous request finished and the gap has passed. */
  private onHost<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.hostState(host);
    const run = state.tail.then(async () => {
      const wait = state.nextAt - this.options.now();
      if (wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        state.nextAt = Math.max(state.nextAt, this.options.now() + Math.max(this.options.minDelayMs, state.crawlDelayMs));
      }
    });
    state.tail = run.catch(() => undefined);
    return run;
  }

  private pushBack(host: string, waitMs: number): void {
    const state = this.hostState(host);
    state.nextAt = Math.max(state.nextAt, this.options.now() + waitMs);
  }

  private hostState(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { tail: Promise.resolve(), nextAt: 0, crawlDelayMs: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }

  private remember(url: string, headers: Record<string, string>): void {
    const etag = headers.etag;
    const lastModified = headers['last-modified'];
    if (!etag && !lastModified) return;
    if (this.validators.size >= MAX_REMEMBERED_VALIDATORS) this.validators.delete(this.validators.keys().next().value!);
    this.validators.set(url, { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
