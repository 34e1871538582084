import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertStatus } from '@lantern/contracts';
import type { ReviewDecision } from './review-policy';

/** Append-only history of decisions on an alert; the alert row holds the current status. */
@Entity({ name: 'alert_reviews' })
@Index('alert_reviews_alert_idx', ['alertId', 'id'])
@Index('alert_reviews_revision_uq', ['alertId', 'alertRevision'], { unique: true })
export class ReviewEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'alert_id', type: 'varchar', length: 64 })
  alertId!: string;

  @Column({ type: 'varchar', length: 20 })
  decision!: ReviewDecision;

  @Column({ name: 'from_status', type: 'varchar', length: 20 })
  fromStatus!: AlertStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus!: AlertStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ name: 'actor_key_id', type: 'varchar', length: 36 })
  actorKeyId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole!: string;

  /** The alert revision the reviewer saw; the review moves the alert to the next one. */
  @Column({ name: 'alert_revision', type: 'integer' })
  alertRevision!: number;

  @Column({ type: 'varchar', length: 30 })
  at!: string;
}

@Entity({ name: 'alert_notes' })
@Index('alert_notes_alert_idx', ['alertId', 'id'])
export class NoteEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'alert_id', type: 'varchar', length: 64 })
  alertId!: string;

  @Column({ type: 'varchar', length: 2000 })
  body!: string;

  @Column({ name: 'actor_key_id', type: 'varchar', length: 36 })
  actorKeyId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole!: string;

  @Column({ type: 'varchar', length: 30 })
  at!: string;
}
