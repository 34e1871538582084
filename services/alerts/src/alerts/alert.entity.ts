import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AlertStatus, RiskLevel } from '@lantern/contracts';

/** At most one alert per ad: its id is derived from the ad's, so a replayed message cannot make a second. */
@Entity({ name: 'alerts' })
@Index('alerts_status_updated_idx', ['status', 'updatedAt'])
@Index('alerts_score_idx', ['score', 'id'])
@Index('alerts_raised_idx', ['raisedAt', 'id'])
@Index('alerts_level_idx', ['level'])
export class AlertEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('alerts_ad_id_uq', { unique: true })
  @Column({ name: 'ad_id', type: 'varchar', length: 128 })
  adId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: AlertStatus;

  @Column({ type: 'varchar', length: 10 })
  level!: RiskLevel;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ name: 'indicator_ids', type: 'simple-json' })
  indicatorIds!: string[];

  @Column({ type: 'simple-json' })
  reasons!: string[];

  @Column({ name: 'raised_at', type: 'varchar', length: 30 })
  raisedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  /** The reviewer who took the alert into review (an API key id). */
  @Column({ name: 'assignee_key_id', type: 'varchar', length: 36, nullable: true })
  assigneeKeyId!: string | null;

  @Column({ name: 'reviewed_at', type: 'varchar', length: 30, nullable: true })
  reviewedAt!: string | null;
}
