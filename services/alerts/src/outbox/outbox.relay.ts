import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AlertV1, alertV1, Topics } from '@lantern/contracts';
import { Publisher } from '@lantern/messaging';
import { LOGGER } from '@lantern/platform';
import type { Logger } from 'pino';
import { DataSource, IsNull } from 'typeorm';
import { OutboxEntity } from './outbox.entity';
import { PollingLoop } from '../database/polling-loop';
import { inTransaction } from '../database/transactions';

const BATCH = 200;
const IDLE_POLL_MS = 250;

/**
 * Publishes outbox rows to alerts.v1, oldest first, then marks them sent. On PostgreSQL several
 * replicas share the work: rows are claimed with FOR UPDATE SKIP LOCKED inside the transaction that
 * marks them, so each row is published by one replica (at least once, if it dies mid-way).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: Publisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.loop = new PollingLoop(
      async () => (await this.relayOnce()) > 0,
      IDLE_POLL_MS,
      (error) => this.logger.warn({ err: { message: error.message } }, 'Outbox relay failed; retrying'),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Called after a commit that wrote outbox rows, to publish without waiting for the next poll. */
  poke(): void {
    this.loop.poke();
  }

  /** Publishes one batch; returns how many rows were sent. */
  async relayOnce(): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const query = manager
        .getRepository(OutboxEntity)
        .createQueryBuilder('o')
        .where({ publishedAt: IsNull() })
        .orderBy('o.id', 'ASC')
        .limit(BATCH);
      if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await query.getMany();
      if (rows.length === 0) return 0;
      const alerts = rows.filter((r) => r.topic === Topics.Alerts).map((r) => alertV1.parse(JSON.parse(r.payload)) as AlertV1);
      await this.publisher.publish(Topics.Alerts, alerts);
      await manager.update(
        OutboxEntity,
        rows.map((r) => r.id),
        { publishedAt: new Date().toISOString() },
      );
      return rows.length;
    });
  }
}
