import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Messages that must leave with a database change are written here in the same transaction, then
 * published by the relay: a crash between the two loses nothing (it may publish twice; consumers
 * drop repeats by alert id and revision).
 */
@Entity({ name: 'outbox' })
@Index('outbox_pending_idx', ['publishedAt', 'id'])
export class OutboxEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  topic!: string;

  @Column({ name: 'message_key', type: 'varchar', length: 128 })
  messageKey!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'published_at', type: 'varchar', length: 30, nullable: true })
  publishedAt!: string | null;
}
