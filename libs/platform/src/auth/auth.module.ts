import { Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CACHE, type Cache } from '../cache/cache';
import { LANTERN_CONFIG, type LanternConfig } from '../config/config';
import { migrate } from '../database/migrate';
import { HealthRegistry } from '../health/health';
import { LOGGER } from '../logging/logger';
import { ApiKeyStore } from './api-key.store';
import { ApiKeys } from './api-keys';
import { AuditLog } from './audit-log';
import { AuthFailure, AuthFailureSink } from './auth.guard';
import { createSecurityDataSource, TypeOrmApiKeyStore } from './security-database';
import { KeysController } from './keys.controller';
import { SessionController } from './session.controller';
import { Sessions } from './sessions';

/** Injection token for the security database (API keys, audit). */
export const SECURITY_DATA_SOURCE = Symbol('SECURITY_DATA_SOURCE');

/** Every refused request goes into the audit log: who tried (when known), what, from where. */
class AuditedAuthFailures extends AuthFailureSink {
  constructor(private readonly audit: AuditLog) {
    super();
  }

  async record(failure: AuthFailure): Promise<void> {
    await this.audit.record({
      action: 'auth.failure',
      objectType: 'route',
      objectId: `${failure.method} ${failure.path}`,
      ...(failure.ip ? { from: failure.ip } : {}),
      details: { reason: failure.reason, keyId: failure.keyId ?? null },
    });
  }
}

/**
 * API keys and the audit log from the security database. Services with protected routes import this module; the
 * guard itself is global (PlatformModule), so a process without it still denies by default.
 */
@Global()
@Module({
  providers: [
    {
      provide: SECURITY_DATA_SOURCE,
      inject: [LANTERN_CONFIG],
      useFactory: async (config: LanternConfig) => {
        const dataSource = await createSecurityDataSource(config).initialize();
        await migrate(dataSource);
        return dataSource;
      },
    },
    { provide: ApiKeyStore, inject: [SECURITY_DATA_SOURCE], useFactory: (dataSource: DataSource) => new TypeOrmApiKeyStore(dataSource) },
    { provide: ApiKeys, inject: [ApiKeyStore], useFactory: (store: ApiKeyStore) => new ApiKeys(store) },
    {
      provide: Sessions,
      inject: [CACHE, ApiKeys, LANTERN_CONFIG],
      useFactory: (cache: Cache, keys: ApiKeys, config: LanternConfig) => new Sessions(cache, keys, config.session.ttlSeconds),
    },
    { provide: AuditLog, inject: [SECURITY_DATA_SOURCE], useFactory: (dataSource: DataSource) => new AuditLog(dataSource) },
    { provide: AuthFailureSink, inject: [AuditLog], useFactory: (audit: AuditLog) => new AuditedAuthFailures(audit) },
  ],
  controllers: [SessionController, KeysController],
  exports: [SECURITY_DATA_SOURCE, ApiKeyStore, ApiKeys, Sessions, AuditLog, AuthFailureSink],
})
export class AuthModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(SECURITY_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly keys: ApiKeys,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.health.register('security-database', async () => {
      await this.dataSource.query('SELECT 1');
    });
    if (await this.keys.bootstrapAdmin(this.config.bootstrapAdminKey)) {
      this.logger.warn('Stored LANTERN_BOOTSTRAP_ADMIN_KEY as the first admin key; create named keys and revoke it');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
