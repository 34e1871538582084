export interface RetryPolicy {
  maxAttempts: number;
  maxAgeMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  retryAfterMaxMs: number;
}

/** Exponential back-off with full jitter (a random wait between 0 and the exponential cap) so retries of many deliveries spread out. */
export function backoffMs(policy: RetryPolicy, failedAttempts: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(failedAttempts - 1, 30));
  return Math.floor(random() * cap);
}

/** Retry-After as seconds or an HTTP date, in ms from now, capped; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date, capMs: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now.getTime());
  }
  return Math.min(ms, capMs);
}

/** When to try again, or undefined to give up: after the last attempt or past the delivery's maximum age. */
export function nextAttemptAt(
  policy: RetryPolicy,
  attempts: number,
  createdAt: Date,
  now: Date,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): Date | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  const wait = retryAfter ?? backoffMs(policy, attempts, random);
  const next = new Date(now.getTime() + wait);
  if (next.getTime() - createdAt.getTime() > policy.maxAgeMs) return undefined;
  return next;
}
