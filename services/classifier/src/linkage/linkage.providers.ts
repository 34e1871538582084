import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { MemoryLinkageStore } from '@lantern/detection';
import { CACHE, type Cache, LANTERN_CONFIG, type LanternConfig, RedisCache } from '@lantern/platform';
import { RedisLinkageStore } from './redis-linkage-store';

export const LINKAGE_STORE = Symbol('LINKAGE_STORE');

/** Redis when the process has one (shared by classifier replicas), memory in embedded mode. */
export const linkageStoreProvider: Provider = {
  provide: LINKAGE_STORE,
  inject: [CACHE, LANTERN_CONFIG],
  useFactory: (cache: Cache, config: LanternConfig) =>
    cache instanceof RedisCache ? new RedisLinkageStore(cache.client, config.redis?.keyPrefix ?? 'lantern:') : new MemoryLinkageStore(),
};

/**
 * The secret for contact HMACs. Distributed mode requires LINK_HMAC_KEY (config refuses to start
 * without it); embedded mode keeps a random one in DATA_DIR so links survive restarts.
 */
export function linkKeyOf(config: LanternConfig): string {
  if (config.linkHmacKey) return config.linkHmacKey;
  const file = join(config.dataDir, 'link-hmac.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
