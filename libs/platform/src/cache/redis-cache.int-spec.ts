import Redis from 'ioredis';
import { requiredEnv, uniqueName } from '@lantern/testing';
import { RedisCache } from './cache';

describe('RedisCache on a real Redis', () => {
  let cache: RedisCache;
  let prefix: string;

  beforeAll(() => {
    prefix = `${uniqueName('it')}:`;
    cache = RedisCache.connect(requiredEnv('REDIS_URL'), prefix);
  });

  afterAll(async () => {
    const keys = await cache.client.keys(`${prefix}*`);
    if (keys.length) await cache.client.del(...keys);
    await cache.close();
  });

  it('lets exactly one of many concurrent callers claim a key', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => cache.claim('job:1', `worker-${i}`, 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await cache.get('job:1')).toMatch(/^worker-\d+$/);
  });

  it('expires claims after their TTL and keeps keys under its prefix', async () => {
    expect(await cache.claim('short', 'a', 1)).toBe(true);
    const ttl = await cache.client.ttl(`${prefix}short`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1);
    const other = new Redis(requiredEnv('REDIS_URL'));
    expect(await other.get('short')).toBeNull();
    other.disconnect();
  });

  it('counts concurrent increments exactly, with a TTL set once on the first', async () => {
    const counts = await Promise.all(Array.from({ length: 30 }, () => cache.increment('rate:x', 60)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await cache.client.expire(`${prefix}rate:x`, 30);
    await cache.increment('rate:x', 60);
    expect(await cache.client.ttl(`${prefix}rate:x`)).toBeLessThanOrEqual(30);
  });

  it('sets, reads and deletes values', async () => {
    await cache.set('k', 'v', 60);
    expect(await cache.get('k')).toBe('v');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
  });
});
