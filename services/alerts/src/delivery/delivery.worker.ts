import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LANTERN_CONFIG, type LanternConfig, LOGGER } from '@lantern/platform';
import type { Logger } from 'pino';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { PollingLoop } from '../database/polling-loop';
import { inTransaction } from '../database/transactions';
import { SubscriptionEntity } from '../subscriptions/subscription.entity';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { type DeliveryAttempt, DeliveryEntity } from './delivery.entity';
import { nextAttemptAt, type RetryPolicy, retryAfterMs } from './retry-policy';
import { type SendResult, WebhookSender } from './webhook-sender';
import { signWebhook } from './webhook-signature';

const BATCH = 20;
/** A claimed delivery whose replica died is retried by another after this much beyond the send timeout. */
const LEASE_MARGIN_MS = 30_000;

/** Sends due webhook deliveries; several replicas share the queue without sending any delivery twice at once. */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly policy: RetryPolicy;
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    private readonly subscriptions: SubscriptionsService,
    private readonly sender: WebhookSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const { maxAttempts, maxAgeMs, backoffBaseMs, backoffMaxMs, retryAfterMaxMs } = config.webhooks;
    this.policy = { maxAttempts, maxAgeMs, backoffBaseMs, backoffMaxMs, retryAfterMaxMs };
    this.loop = new PollingLoop(
      async () => (await this.runOnce()) > 0,
      config.webhooks.pollMs,
      (error) => this.logger.warn({ err: { message: error.message } }, 'Webhook delivery round failed; retrying'),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  poke(): void {
    this.loop.poke();
  }

  /** Claims and sends one batch of due deliveries; returns how many were attempted. */
  async runOnce(now = new Date()): Promise<number> {
    const claimed = await this.claim(now);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  /**
   * Claiming pushes next_attempt_at out by a lease and counts the attempt, in the transaction that
   * locked the rows (SKIP LOCKED on PostgreSQL, so replicas take different rows). The send happens
   * after commit, holding no lock; a replica that dies mid-send leaves the row to be retried when the
   * lease runs out (receivers drop the repeat by webhook-id).
   */
  private async claim(now: Date): Promise<DeliveryEntity[]> {
    const leaseUntil = new Date(now.getTime() + this.config.webhooks.timeoutMs + LEASE_MARGIN_MS).toISOString();
    return inTransaction(this.dataSource, async (manager) => {
      const query = manager
        .getRepository(DeliveryEntity)
        .createQueryBuilder('d')
        .where({ status: 'pending', nextAttemptAt: LessThanOrEqual(now.toISOString()) })
        .orderBy('d.nextAttemptAt', 'ASC')
        .limit(BATCH);
      if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await query.getMany();
      for (const row of rows) {
        row.attempts += 1;
        row.nextAttemptAt = leaseUntil;
        await manager.update(DeliveryEntity, { id: row.id }, { attempts: row.attempts, nextAttemptAt: leaseUntil });
      }
      return rows;
    });
  }

  private async attempt(delivery: DeliveryEntity): Promise<void> {
    const subscription = await this.dataSource.getRepository(SubscriptionEntity).findOneBy({ id: delivery.subscriptionId });
    if (!subscription || subscription.status !== 'active' || !subscription.url) {
      await this.finish(delivery, 'cancelled', { statusCode: null, outcome: 'subscription disabled or deleted' });
      return;
    }
    let result: SendResult;
    const sentAt = new Date();
    try {
      const secrets = await this.subscriptions.signingSecrets(subscription.id, sentAt);
      const headers = signWebhook(secrets, { id: delivery.id, timestamp: sentAt, body: delivery.payload });
      result = await this.sender.send({ url: subscription.url, headers, body: delivery.payload });
    } catch (error) {
      this.logger.error({ deliveryId: delivery.id, err: { message: (error as Error).message } }, 'Webhook delivery failed unexpectedly');
      result = { kind: 'failed', reason: 'internal error' };
    }
    const done = new Date();
    if (result.kind === 'response' && result.statusCode >= 200 && result.statusCode < 300) {
      await this.finish(delivery, 'delivered', { statusCode: result.statusCode, outcome: 'delivered' }, done);
      return;
    }
    if (result.kind === 'response' && result.statusCode === 410) {
      await this.disableOnGone(delivery, subscription.id, done);
      return;
    }
    const attemptRecord: Omit<DeliveryAttempt, 'at'> =
      result.kind === 'response'
        ? { statusCode: result.statusCode, outcome: `HTTP ${result.statusCode}` }
        : { statusCode: null, outcome: result.kind === 'refused' ? `refused target: ${result.reason}` : result.reason };
    const retryAfter = result.kind === 'response' ? retryAfterMs(result.retryAfter, done, this.policy.retryAfterMaxMs) : undefined;
    const next = nextAttemptAt(this.policy, delivery.attempts, new Date(delivery.createdAt), done, retryAfter);
    if (!next) {
      await this.finish(delivery, 'failed', attemptRecord, done);
      return;
    }
    await this.save(
      delivery,
      { ...attemptRecord, at: done.toISOString(), retryAt: next.toISOString() },
      { status: 'pending', nextAttemptAt: next.toISOString() },
    );
  }

  /** 410 Gone: the receiver says this endpoint is no more. Stop the subscription and its queued deliveries. */
  private async disableOnGone(delivery: DeliveryEntity, subscriptionId: string, at: Date): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(
        SubscriptionEntity,
        { id: subscriptionId },
        { status: 'disabled', disabledReason: 'the receiver answered 410 Gone', updatedAt: at.toISOString() },
      );
      await manager
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({ status: 'cancelled', nextAttemptAt: null, updatedAt: at.toISOString() })
        .where('subscription_id = :subscriptionId AND status = :pending AND id <> :id', {
          subscriptionId,
          pending: 'pending',
          id: delivery.id,
        })
        .execute();
    });
    this.logger.warn({ subscriptionId }, 'Webhook receiver answered 410 Gone; subscription disabled');
    await this.finish(delivery, 'failed', { statusCode: 410, outcome: 'HTTP 410: subscription disabled' }, at);
  }

  private async finish(
    delivery: DeliveryEntity,
    status: 'delivered' | 'failed' | 'cancelled',
    attempt: Omit<DeliveryAttempt, 'at'>,
    at = new Date(),
  ): Promise<void> {
    await this.save(
      delivery,
      { ...attempt, at: at.toISOString() },
      { status, nextAttemptAt: null, ...(status === 'delivered' ? { deliveredAt: at.toISOString() } : {}) },
    );
  }

  private async save(delivery: DeliveryEntity, attempt: DeliveryAttempt, change: Partial<DeliveryEntity>): Promise<void> {
    const attemptLog = [...delivery.attemptLog, attempt].slice(-this.policy.maxAttempts - 1);
    await this.dataSource.getRepository(DeliveryEntity).update(
      { id: delivery.id },
      {
        ...change,
        attemptLog,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.outcome === 'delivered' ? null : attempt.outcome.slice(0, 200),
        updatedAt: attempt.at,
      },
    );
  }
}
