import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExtractedEntities, IndicatorHit, RawAdV1, RiskLevel } from '@lantern/contracts';

/**
 * The latest scored version of every ad. Times are ISO-8601 UTC strings: they sort correctly and
 * keep one schema for PostgreSQL and SQLite.
 */
@Entity({ name: 'ads' })
@Index('ads_scored_at_idx', ['scoredAt', 'id'])
@Index('ads_country_idx', ['country'])
@Index('ads_language_idx', ['language'])
@Index('ads_source_idx', ['source'])
export class AdEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  source!: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  url!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'varchar', length: 20 })
  language!: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'risk_score', type: 'integer' })
  riskScore!: number;

  @Column({ name: 'risk_probability', type: 'real' })
  riskProbability!: number;

  @Column({ name: 'risk_level', type: 'varchar', length: 10 })
  riskLevel!: RiskLevel;

  /** The raw ad as received (bounded by the contract). */
  @Column({ type: 'simple-json' })
  ad!: RawAdV1;

  @Column({ type: 'simple-json' })
  indicators!: IndicatorHit[];

  @Column({ type: 'simple-json' })
  entities!: ExtractedEntities;

  @Column({ type: 'simple-json' })
  versions!: { model: string; ruleset: string; scorer: string };

  /** Lower-cased title and description, bounded, for the `q` filter (LIKE with escaped wildcards). */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false })
  searchText!: string | null;

  @Column({ name: 'first_seen_at', type: 'varchar', length: 30 })
  firstSeenAt!: string;

  @Column({ name: 'scored_at', type: 'varchar', length: 30 })
  scoredAt!: string;
}

/** One row per distinct content of an ad: a changed ad is a new version of the same id. */
@Entity({ name: 'ad_versions' })
export class AdVersionEntity {
  @PrimaryColumn({ name: 'ad_id', type: 'varchar', length: 128 })
  adId!: string;

  @PrimaryColumn({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'risk_score', type: 'integer' })
  riskScore!: number;

  @Column({ name: 'risk_level', type: 'varchar', length: 10 })
  riskLevel!: RiskLevel;

  @Column({ name: 'first_scored_at', type: 'varchar', length: 30 })
  firstScoredAt!: string;
}

/** Which indicators an ad has, one row each, so alerts filter by indicator with an index. */
@Entity({ name: 'ad_indicators' })
@Index('ad_indicators_indicator_idx', ['indicatorId', 'adId'])
export class AdIndicatorEntity {
  @PrimaryColumn({ name: 'ad_id', type: 'varchar', length: 128 })
  adId!: string;

  @PrimaryColumn({ name: 'indicator_id', type: 'varchar', length: 100 })
  indicatorId!: string;

  @Column({ type: 'varchar', length: 10 })
  severity!: string;
}

/** Keyed HMACs of an ad's contacts ("phone:<hex>"): ads sharing one are linked without storing the contact here. */
@Entity({ name: 'ad_contacts' })
@Index('ad_contacts_key_idx', ['contactKey', 'adId'])
export class AdContactEntity {
  @PrimaryColumn({ name: 'ad_id', type: 'varchar', length: 128 })
  adId!: string;

  @PrimaryColumn({ name: 'contact_key', type: 'varchar', length: 80 })
  contactKey!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'phone' | 'email' | 'handle';
}
