import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SubscriptionFilter } from './subscription-filter';

export type SubscriptionChannel = 'webhook' | 'stream';
export type SubscriptionStatus = 'active' | 'disabled';

@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  /** The API key that created it: investigators see only their own. */
  @Column({ name: 'owner_key_id', type: 'varchar', length: 36 })
  ownerKeyId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  channel!: SubscriptionChannel;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  url!: string | null;

  @Column({ type: 'simple-json' })
  filter!: SubscriptionFilter;

  @Column({ type: 'varchar', length: 10 })
  status!: SubscriptionStatus;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}

/** A webhook signing secret, encrypted at rest. After a rotation the old one lives on until expiresAt. */
@Entity({ name: 'subscription_secrets' })
export class SubscriptionSecretEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'subscription_id', type: 'varchar', length: 40 })
  subscriptionId!: string;

  @Column({ type: 'text' })
  ciphertext!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30, nullable: true })
  expiresAt!: string | null;
}
