import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  /** A short reason (timeout, refused target, HTTP status); never a secret or the response body. */
  outcome: string;
  /** When the next attempt was scheduled, for attempts that will be retried. */
  retryAt?: string;
}

/** Every alert event, numbered in commit order: the SSE event ids and the source of webhook deliveries. */
@Entity({ name: 'alert_events' })
export class AlertEventEntity {
  @PrimaryGeneratedColumn()
  seq!: number;

  @Column({ name: 'alert_id', type: 'varchar', length: 64 })
  alertId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'ad_id', type: 'varchar', length: 128 })
  adId!: string;

  /** The alerts.v1 message as received. */
  @Column({ type: 'text' })
  alert!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}

/** One webhook delivery per (subscription, alert, revision): the unique key makes replicas and replays harmless. */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  /** Also the webhook-id header: stable across retries so receivers can drop repeats. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'subscription_id', type: 'varchar', length: 40 })
  subscriptionId!: string;

  @Column({ name: 'alert_id', type: 'varchar', length: 64 })
  alertId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'event_seq', type: 'integer' })
  eventSeq!: number;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;

  @Column({ name: 'attempt_log', type: 'simple-json' })
  attemptLog!: DeliveryAttempt[];

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  @Column({ name: 'delivered_at', type: 'varchar', length: 30, nullable: true })
  deliveredAt!: string | null;
}
