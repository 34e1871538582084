import Redis from 'ioredis';

/**
 * A small key-value cache: Redis in distributed mode, memory in embedded mode. It is a fast path
 * only; the database's unique constraints stay the truth (Redis restarts, TTLs expire, Kafka replays).
 */
export interface Cache {
  /** Sets `key` only if absent (Redis SET NX EX); true when this caller claimed it. */
  claim(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  /** Adds one to a counter and returns it; the counter expires `ttlSeconds` after its first increment. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const CACHE = Symbol('CACHE');

export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 200_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    this.put(key, value, ttlSeconds);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.put(key, value, ttlSeconds);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const entry = this.live(key) === undefined ? undefined : this.entries.get(key);
    if (!entry) {
      this.put(key, '1', ttlSeconds);
      return 1;
    }
    const next = Number(entry.value) + 1;
    entry.value = String(next);
    return next;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async ping(): Promise<void> {
    // Always reachable: it lives in this process.
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  private put(key: string, value: string, ttlSeconds: number): void {
    // Map keeps insertion order: evicting the first keys drops the oldest, bounding memory on a laptop.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }
}

export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  static connect(url: string, prefix: string): RedisCache {
    return new RedisCache(new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false }), prefix);
  }

  async claim(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    // One round trip; EXPIRE NX sets the TTL on the first increment only, so the window does not slide.
    const results = await this.redis
      .multi()
      .incr(this.prefix + key)
      .expire(this.prefix + key, ttlSeconds, 'NX')
      .exec();
    const [error, count] = results?.[0] ?? [new Error('Redis returned no result')];
    if (error) throw error;
    return Number(count);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** For adapters that need Redis data structures beyond a cache (linkage sets, rate limits). */
  get client(): Redis {
    return this.redis;
  }
}
