import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import type { LanternConfig } from '@lantern/platform';
import { AdContactEntity, AdEntity, AdIndicatorEntity, AdVersionEntity } from '../ads/ad.entity';
import { AlertEntity } from '../alerts/alert.entity';
import { OutboxEntity } from '../outbox/outbox.entity';
import { NoteEntity, ReviewEntity } from '../reviews/review.entity';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { Subscriptions1764600000000 } from './migrations/1764600000000-subscriptions';
import { SubscriptionEntity, SubscriptionSecretEntity } from '../subscriptions/subscription.entity';
import { AlertEventEntity, DeliveryEntity } from '../delivery/delivery.entity';
import { ReviewAndSearch1764500000000 } from './migrations/1764500000000-review-and-search';

// Listed explicitly, not by glob: globs match nothing inside a bundle.
export const ENTITIES = [
  AdEntity,
  AdVersionEntity,
  AdIndicatorEntity,
  AdContactEntity,
  AlertEntity,
  OutboxEntity,
  ReviewEntity,
  NoteEntity,
  SubscriptionEntity,
  SubscriptionSecretEntity,
  AlertEventEntity,
  DeliveryEntity,
];
export const MIGRATIONS = [InitialSchema1764300000000, ReviewAndSearch1764500000000, Subscriptions1764600000000];

/** The one data-source definition, shared by the service and the migration CLI. */
export function dataSourceOptions(database: LanternConfig['database']): DataSourceOptions {
  if (database.kind === 'postgres') {
    return {
      type: 'postgres',
      url: database.url,
      schema: database.schema,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      extra: { max: 10 },
    };
  }
  if (database.file !== ':memory:') mkdirSync(dirname(database.file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: database.file,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
  };
}
