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

// Moved to the platform library: the alerts service indexes contacts with the same key.
export { linkKeyOf } from '@lantern/platform';
