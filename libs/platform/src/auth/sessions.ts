import { createHash, randomBytes } from 'node:crypto';
import type { Cache } from '../cache/cache';
import type { ApiKeys, Principal } from './api-keys';

export const SESSION_COOKIE = 'lantern_session';
/** Unsafe requests authenticated by cookie must carry this header: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-lantern-csrf';

interface StoredSession {
  keyId: string;
  expiresAt: number;
}

/**
 * Browser sessions for the dashboard: an API key is exchanged once for a random session token in an
 * httpOnly cookie, so the key never lives in page script. Sessions sit in the cache (Redis across
 * replicas) under a hash of the token, and die with the key: a revoked key ends its sessions.
 */
export class Sessions {
  constructor(
    private readonly cache: Cache,
    private readonly keys: ApiKeys,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async start(principal: Principal): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = randomBytes(32).toString('base64url');
    const session: StoredSession = { keyId: principal.keyId, expiresAt: this.now() + this.ttlSeconds * 1000 };
    await this.cache.set(this.cacheKey(token), JSON.stringify(session), this.ttlSeconds);
    return { token, maxAgeSeconds: this.ttlSeconds };
  }

  async resolve(token: string): Promise<Principal | undefined> {
    if (!/^[\w-]{20,100}$/.test(token)) return undefined;
    const raw = await this.cache.get(this.cacheKey(token));
    if (!raw) return undefined;
    const session = JSON.parse(raw) as StoredSession;
    if (session.expiresAt <= this.now()) return undefined;
    return this.keys.findActive(session.keyId);
  }

  async end(token: string): Promise<void> {
    await this.cache.delete(this.cacheKey(token));
  }

  private cacheKey(token: string): string {
    return `session:${createHash('sha256').update(token).digest('hex')}`;
  }
}

/** One cookie's value from a Cookie header (no dependency on a cookie parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8_192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
