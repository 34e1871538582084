import { backoffMs, nextAttemptAt, retryAfterMs, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 5, maxAgeMs: 3_600_000, backoffBaseMs: 1_000, backoffMaxMs: 60_000, retryAfterMaxMs: 600_000 };
const now = new Date('2026-11-29T10:00:00.000Z');

describe('retry policy', () => {
  it('doubles the cap of a fully jittered wait, up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(policy, n, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffMs(policy, 30, () => 0.999999)).toBe(59_999);
    expect(backoffMs(policy, 3, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date, capped, and ignores nonsense', () => {
    expect(retryAfterMs('120', now, policy.retryAfterMaxMs)).toBe(120_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 10:00:30 GMT', now, policy.retryAfterMaxMs)).toBe(30_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 09:00:00 GMT', now, policy.retryAfterMaxMs)).toBe(0);
    expect(retryAfterMs('999999', now, policy.retryAfterMaxMs)).toBe(600_000);
    expect(retryAfterMs('soon', now, policy.retryAfterMaxMs)).toBeUndefined();
    expect(retryAfterMs(undefined, now, policy.retryAfterMaxMs)).toBeUndefined();
  });

  it('prefers Retry-After, and gives up after the last attempt or past the maximum age', () => {
    expect(nextAttemptAt(policy, 1, now, now, 5_000)?.toISOString()).toBe('2026-11-29T10:00:05.000Z');
    expect(nextAttemptAt(policy, 5, now, now, undefined)).toBeUndefined();
    const created = new Date(now.getTime() - policy.maxAgeMs + 1_000);
    expect(nextAttemptAt(policy, 2, created, now, 5_000)).toBeUndefined();
  });
});
