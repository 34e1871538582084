import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanternConfig } from '@lantern/platform';

const FORMAT = 'v1';

/**
 * Webhook secrets must be readable to sign with, so they cannot be hashed like API keys: they are
 * encrypted with AES-256-GCM instead. The subscription id is bound in as associated data, so a
 * ciphertext copied onto another subscription's row does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The subscription secret key must be 32 bytes');
    this.key = key;
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string, boundTo: string): string {
    const [format, iv, tag, body] = sealed.split('.');
    if (format !== FORMAT || !iv || !tag || !body) throw new Error('Unrecognised secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

/**
 * SUBSCRIPTION_SECRET_KEY when set (config requires it in distributed mode, where replicas must
 * share it); embedded mode keeps a random key in DATA_DIR so secrets survive restarts.
 */
export function subscriptionSecretKeyOf(config: LanternConfig): Buffer {
  if (config.subscriptionSecretKey) return Buffer.from(config.subscriptionSecretKey, 'base64');
  const file = join(config.dataDir, 'subscription-secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** The contact link key, when this process has one: LINK_HMAC_KEY, or the embedded classifier's key file. */
export function linkKeyIfAny(config: LanternConfig): string | undefined {
  if (config.linkHmacKey) return config.linkHmacKey;
  const file = join(config.dataDir, 'link-hmac.key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
