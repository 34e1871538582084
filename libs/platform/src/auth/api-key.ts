import { createHash, randomBytes } from 'node:crypto';

/** Lantern keys start with this, so secret scanners and people recognise them. */
export const API_KEY_PREFIX = 'lan_';

/** A new key: 32 random bytes, shown once; only its hash is stored. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys are long random strings, not passwords: a fast hash is enough (nothing to brute-force),
 * and it lets a request find its key by an indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A short, non-secret handle for lists and audit entries ("lan_Ab3x…"). */
export function apiKeyHint(key: string): string {
  return `${key.slice(0, API_KEY_PREFIX.length + 4)}…`;
}

/** The bearer token of an Authorization header, or undefined when it has none or it is malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > 1_000) return undefined;
  const match = /^Bearer[ ]+([\x21-\x7e]+)\s*$/i.exec(header);
  return match?.[1];
}
