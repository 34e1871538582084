import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanternConfig } from './config';

/**
 * The secret for contact HMACs (classifier linkage, the alerts service's contact index). LINK_HMAC_KEY
 * when set; otherwise a random one kept in DATA_DIR so links survive restarts and every module of an
 * embedded process shares it.
 */
export function linkKeyOf(config: Pick<LanternConfig, 'linkHmacKey' | 'dataDir'>): string {
  if (config.linkHmacKey) return config.linkHmacKey;
  const file = join(config.dataDir, 'link-hmac.key');
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep the first one's key.
    writeFileSync(file, `${randomBytes(48).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
