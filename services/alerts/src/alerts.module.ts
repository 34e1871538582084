import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, HealthRegistry, LANTERN_CONFIG, type LanternConfig, linkKeyOf, migrate } from '@lantern/platform';
import { DataSource } from 'typeorm';
import { AdEntity } from './ads/ad.entity';
import { AdViews } from './ads/ad-views';
import { AdsController } from './ads/ads.controller';
import { CONTACT_LINK_KEY } from './ads/contact-keys';
import { ScoredAdConsumer } from './ads/scored-ad.consumer';
import { ScoredAdBatcher } from './ads/scored-ad.batcher';
import { ScoredAdStore } from './ads/scored-ad.store';
import { AlertEntity } from './alerts/alert.entity';
import { AlertsController } from './alerts/alerts.controller';
import { AuditController } from './audit/audit.controller';
import { dataSourceOptions, ENTITIES } from './database/data-source';
import { ExportController } from './export/export.controller';
import { DocsController } from './openapi/docs.controller';
import { OutboxRelay } from './outbox/outbox.relay';
import { AlertEvents } from './delivery/alert-events';
import { AlertEventsConsumer } from './delivery/alert-events.consumer';
import { DeliveryWorker } from './delivery/delivery.worker';
import { AlertStream } from './stream/alert-stream';
import { AlertStreamController } from './stream/alert-stream.controller';
import { subscriptionProviders } from './subscriptions/subscriptions.providers';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { ReviewService } from './reviews/review.service';
import { StatsController } from './stats/stats.controller';

/** The alerts service: stores every scored ad, raises alerts, publishes alerts.v1, serves the API. */
@Module({
  imports: [
    AuthModule,
    TypeOrmModule.forRootAsync({
      inject: [LANTERN_CONFIG],
      useFactory: (config: LanternConfig) => dataSourceOptions(config.database),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  // AlertStreamController before AlertsController: /api/alerts/stream must not be read as an alert id.
  controllers: [
    AdsController,
    AlertStreamController,
    AlertsController,
    StatsController,
    ExportController,
    AuditController,
    DocsController,
    ScoredAdConsumer,
    SubscriptionsController,
    AlertEventsConsumer,
  ],
  providers: [
    ScoredAdStore,
    ScoredAdBatcher,
    OutboxRelay,
    AdViews,
    ReviewService,
    { provide: CONTACT_LINK_KEY, inject: [LANTERN_CONFIG], useFactory: (config: LanternConfig) => linkKeyOf(config) },
    ...subscriptionProviders,
    SubscriptionsService,
    AlertEvents,
    DeliveryWorker,
    AlertStream,
  ],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.dataSource);
    this.health.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

export { AdEntity, AlertEntity };
