import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AlertV1, riskLevelAtLeast, ScoredAdV1, Topics } from '@lantern/contracts';
import { LANTERN_CONFIG, type LanternConfig } from '@lantern/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AlertEntity } from '../alerts/alert.entity';
import { OutboxEntity } from '../outbox/outbox.entity';
import { AdEntity, AdVersionEntity } from './ad.entity';
import { inTransaction } from '../database/transactions';

export type StoreOutcome = { alert: 'none' | 'raised' | 'updated' | 'unchanged' };

/**
 * Stores a scored ad and raises or updates its alert, in one transaction with the outbox row that
 * announces the alert. Every write is an upsert keyed by ad id, so a replayed or duplicated message
 * changes nothing.
 */
@Injectable()
export class ScoredAdStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
  ) {}

  async store(scored: ScoredAdV1, now: Date = new Date()): Promise<StoreOutcome> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.upsertAd(manager, scored);
      await manager
        .createQueryBuilder()
        .insert()
        .into(AdVersionEntity)
        .values({
          adId: scored.id,
          contentHash: scored.ad.contentHash,
          riskScore: scored.risk.score,
          riskLevel: scored.risk.level,
          firstScoredAt: scored.scoredAt,
        })
        .orIgnore()
        .execute();
      return { alert: await this.applyAlertPolicy(manager, scored, now) };
    });
  }

  private async upsertAd(manager: EntityManager, scored: ScoredAdV1): Promise<void> {
    const { ad, risk } = scored;
    const row = {
      id: scored.id,
      source: ad.source,
      url: ad.url ?? null,
      title: ad.title ?? null,
      country: ad.location?.country ?? null,
      language: scored.language.code,
      contentHash: ad.contentHash,
      riskScore: risk.score,
      riskProbability: risk.probability,
      riskLevel: risk.level,
      ad,
      indicators: scored.indicators,
      entities: scored.entities,
      versions: scored.versions,
      firstSeenAt: scored.scoredAt,
      scoredAt: scored.scoredAt,
    };
    const updated = Object.keys(row).filter((column) => column !== 'id' && column !== 'firstSeenAt');
    await manager
      .createQueryBuilder()
      .insert()
      .into(AdEntity)
      .values(row)
      .orUpdate(
        updated.map((property) => columnOf(manager, AdEntity, property)),
        ['id'],
      )
      .execute();
  }

  /** An alert when the level reaches the threshold; one per ad, updated (new revision) when its score changes. */
  private async applyAlertPolicy(manager: EntityManager, scored: ScoredAdV1, now: Date): Promise<StoreOutcome['alert']> {
    if (!riskLevelAtLeast(scored.risk.level, this.config.alertLevelThreshold)) return 'none';
    const indicatorIds = scored.indicators.map((i) => i.id);
    const reasons = [`level ${scored.risk.level} reached the ${this.config.alertLevelThreshold} threshold`];
    const existing = await manager.findOne(AlertEntity, { where: { adId: scored.id } });
    const at = now.toISOString();
    if (!existing) {
      const alert: AlertEntity = Object.assign(new AlertEntity(), {
        id: alertIdOf(scored.id),
        adId: scored.id,
        revision: 1,
        status: 'new',
        level: scored.risk.level,
        score: scored.risk.score,
        indicatorIds,
        reasons,
        raisedAt: at,
        updatedAt: at,
      });
      await manager.insert(AlertEntity, alert);
      await this.enqueue(manager, alert, scored, at);
      return 'raised';
    }
    const same =
      existing.level === scored.risk.level &&
      existing.score === scored.risk.score &&
      JSON.stringify(existing.indicatorIds) === JSON.stringify(indicatorIds);
    if (same) return 'unchanged';
    Object.assign(existing, {
      revision: existing.revision + 1,
      level: scored.risk.level,
      score: scored.risk.score,
      indicatorIds,
      reasons,
      updatedAt: at,
    });
    await manager.save(AlertEntity, existing);
    await this.enqueue(manager, existing, scored, at);
    return 'updated';
  }

  private async enqueue(manager: EntityManager, alert: AlertEntity, scored: ScoredAdV1, at: string): Promise<void> {
    const message: AlertV1 = {
      schemaVersion: 1,
      alertId: alert.id,
      adId: alert.adId,
      revision: alert.revision,
      status: alert.status,
      level: alert.level,
      score: alert.score,
      indicatorIds: alert.indicatorIds,
      reasons: alert.reasons,
      source: scored.ad.source,
      ...(scored.ad.location?.country ? { country: scored.ad.location.country } : {}),
      language: scored.language.code,
      raisedAt: alert.raisedAt,
      updatedAt: alert.updatedAt,
    };
    await manager.insert(OutboxEntity, {
      topic: Topics.Alerts,
      messageKey: alert.adId,
      payload: JSON.stringify(message),
      createdAt: at,
      publishedAt: null,
    });
  }
}

/** Derived from the ad id (bounded, whatever the ad id's length), so each ad has at most one alert. */
export function alertIdOf(adId: string): string {
  return `al_${createHash('sha256').update(adId).digest('hex').slice(0, 32)}`;
}

function columnOf(manager: EntityManager, entity: typeof AdEntity, property: string): string {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`No column for ${property}`);
  return column.databaseName;
}
