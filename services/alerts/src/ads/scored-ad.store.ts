import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AlertV1, ScoredAdV1, Topics } from '@lantern/contracts';
import { LANTERN_CONFIG, type LanternConfig } from '@lantern/platform';
import { DataSource, EntityManager, In, type ObjectLiteral } from 'typeorm';
import { alertReasons } from '../alerts/alert-policy';
import { AlertEntity } from '../alerts/alert.entity';
import { OutboxEntity } from '../outbox/outbox.entity';
import { AdContactEntity, AdEntity, AdIndicatorEntity, AdVersionEntity } from './ad.entity';
import { CONTACT_LINK_KEY, contactKeysOf } from './contact-keys';
import { inTransaction } from '../database/transactions';

export type AlertOutcome = 'none' | 'raised' | 'updated' | 'unchanged';
export type StoreOutcome = { alert: AlertOutcome };

/** Bound on bind parameters per statement (PostgreSQL allows 65,535, SQLite 32,766). */
const MAX_PARAMETERS = 30_000;
const SEARCH_TEXT_CHARS = 20_000;
const UPDATED_AD_COLUMNS = [
  'source',
  'url',
  'title',
  'country',
  'language',
  'content_hash',
  'risk_score',
  'risk_probability',
  'risk_level',
  'ad',
  'indicators',
  'entities',
  'versions',
  'search_text',
  'scored_at',
];
const UPDATED_ALERT_COLUMNS = ['revision', 'level', 'score', 'indicator_ids', 'reasons', 'updated_at'];

/**
 * Stores scored ads and raises or updates their alerts, a batch per transaction with the outbox rows
 * that announce the alerts. Every statement covers the whole batch (multi-row upserts, one read per
 * table), and a message that is not newer than what is stored writes nothing: replays change nothing.
 */
@Injectable()
export class ScoredAdStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    @Inject(CONTACT_LINK_KEY) private readonly linkKey: string,
  ) {}

  async store(scored: ScoredAdV1, now: Date = new Date()): Promise<StoreOutcome> {
    const outcomes = await this.storeMany([scored], now);
    return { alert: outcomes.get(scored.id) ?? 'unchanged' };
  }

  /** Stores a batch in one transaction; returns what happened to each ad's alert. */
  async storeMany(batch: readonly ScoredAdV1[], now: Date = new Date()): Promise<Map<string, AlertOutcome>> {
    const latest = new Map<string, ScoredAdV1>();
    for (const scored of batch) {
      const seen = latest.get(scored.id);
      if (!seen || scored.scoredAt >= seen.scoredAt) latest.set(scored.id, scored);
    }
    if (latest.size === 0) return new Map();
    return inTransaction(this.dataSource, async (manager) => {
      const outcomes = new Map<string, AlertOutcome>([...latest.keys()].map((id) => [id, 'unchanged']));
      const fresh = await this.newerThanStored(manager, [...latest.values()]);
      if (fresh.length === 0) return outcomes;
      await this.upsertAds(manager, fresh);
      for (const [id, outcome] of await this.applyAlertPolicy(manager, fresh, now.toISOString())) outcomes.set(id, outcome);
      return outcomes;
    });
  }

  /** Messages that change something: ads not stored yet, or scored later (or with other content) than the stored row. */
  private async newerThanStored(manager: EntityManager, batch: ScoredAdV1[]): Promise<ScoredAdV1[]> {
    const stored = new Map<string, { scoredAt: string; contentHash: string }>();
    for (const ids of chunks(
      batch.map((s) => s.id),
      1_000,
    )) {
      const rows = await manager.find(AdEntity, { select: { id: true, scoredAt: true, contentHash: true }, where: { id: In(ids) } });
      for (const row of rows) stored.set(row.id, row);
    }
    return batch.filter((scored) => {
      const row = stored.get(scored.id);
      if (!row) return true;
      return scored.scoredAt > row.scoredAt || (scored.scoredAt === row.scoredAt && scored.ad.contentHash !== row.contentHash);
    });
  }

  private async upsertAds(manager: EntityManager, batch: ScoredAdV1[]): Promise<void> {
    const ads = batch.map((scored) => {
      const { ad, risk } = scored;
      return {
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
        searchText: `${ad.title ?? ''}\n${ad.description}`.toLowerCase().slice(0, SEARCH_TEXT_CHARS),
        firstSeenAt: scored.scoredAt,
        scoredAt: scored.scoredAt,
      };
    });
    await insertInChunks(manager, AdEntity, ads, (qb) => qb.orUpdate(UPDATED_AD_COLUMNS, ['id']));
    const versions = batch.map((scored) => ({
      adId: scored.id,
      contentHash: scored.ad.contentHash,
      riskScore: scored.risk.score,
      riskLevel: scored.risk.level,
      firstScoredAt: scored.scoredAt,
    }));
    await insertInChunks(manager, AdVersionEntity, versions, (qb) => qb.orIgnore());

    // Index rows follow the latest version: replace them wholesale for the ads in this batch.
    const ids = batch.map((s) => s.id);
    for (const part of chunks(ids, 1_000)) {
      await manager.delete(AdIndicatorEntity, { adId: In(part) });
      await manager.delete(AdContactEntity, { adId: In(part) });
    }
    const indicators = batch.flatMap((scored) => {
      const unique = new Map(scored.indicators.map((i) => [i.id, i.severity]));
      return [...unique].map(([indicatorId, severity]) => ({ adId: scored.id, indicatorId, severity }));
    });
    await insertInChunks(manager, AdIndicatorEntity, indicators);
    const contacts = batch.flatMap((scored) => contactKeysOf(scored.entities, this.linkKey).map((c) => ({ adId: scored.id, ...c })));
    await insertInChunks(manager, AdContactEntity, contacts);
  }

  /**
   * One alert per ad, raised when the policy gives a reason (see alertReasons). A rescored ad keeps its
   * alert and status; the alert gets a new revision and is announced again through the outbox.
   */
  private async applyAlertPolicy(manager: EntityManager, batch: ScoredAdV1[], at: string): Promise<Map<string, AlertOutcome>> {
    const outcomes = new Map<string, AlertOutcome>();
    const existing = new Map<string, AlertEntity>();
    for (const ids of chunks(
      batch.map((s) => s.id),
      1_000,
    )) {
      const query = manager
        .getRepository(AlertEntity)
        .createQueryBuilder('al')
        .where({ adId: In(ids) });
      // Reviews update alerts too: lock ours so a concurrent review and rescoring cannot both take the next revision.
      if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write');
      for (const alert of await query.getMany()) existing.set(alert.adId, alert);
    }

    const written: Array<{ alert: AlertEntity; scored: ScoredAdV1 }> = [];
    for (const scored of batch) {
      const reasons = alertReasons(scored, this.config.alertLevelThreshold);
      const indicatorIds = [...new Set(scored.indicators.map((i) => i.id))];
      const current = existing.get(scored.id);
      if (!current) {
        if (reasons.length === 0) {
          outcomes.set(scored.id, 'none');
          continue;
        }
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
          assigneeKeyId: null,
          reviewedAt: null,
        });
        written.push({ alert, scored });
        outcomes.set(scored.id, 'raised');
        continue;
      }
      const same =
        current.level === scored.risk.level &&
        current.score === scored.risk.score &&
        JSON.stringify(current.indicatorIds) === JSON.stringify(indicatorIds);
      if (same) {
        outcomes.set(scored.id, 'unchanged');
        continue;
      }
      Object.assign(current, {
        revision: current.revision + 1,
        level: scored.risk.level,
        score: scored.risk.score,
        indicatorIds,
        // An ad rescored below every rule keeps its alert (someone may be reviewing it) and says why.
        reasons: reasons.length ? reasons : ['rescored below the alert threshold; kept for review'],
        updatedAt: at,
      });
      written.push({ alert: current, scored });
      outcomes.set(scored.id, 'updated');
    }
    if (written.length === 0) return outcomes;
    await insertInChunks(
      manager,
      AlertEntity,
      written.map((w) => w.alert),
      (qb) => qb.orUpdate(UPDATED_ALERT_COLUMNS, ['id']),
    );
    await insertInChunks(
      manager,
      OutboxEntity,
      written.map(({ alert, scored }) => outboxRowOf(alert, scored, at)),
    );
    return outcomes;
  }
}

/** The alerts.v1 message for an alert, as an outbox row (the review workflow announces changes the same way). */
export function outboxRowOf(
  alert: AlertEntity,
  context: { source: string; country: string | null; language: string } | ScoredAdV1,
  at: string,
): Omit<OutboxEntity, 'id'> {
  const facts =
    'ad' in context
      ? { source: context.ad.source, country: context.ad.location?.country ?? null, language: context.language.code }
      : context;
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
    source: facts.source,
    ...(facts.country ? { country: facts.country } : {}),
    language: facts.language,
    raisedAt: alert.raisedAt,
    updatedAt: alert.updatedAt,
  };
  return { topic: Topics.Alerts, messageKey: alert.adId, payload: JSON.stringify(message), createdAt: at, publishedAt: null };
}

/** Derived from the ad id (bounded, whatever the ad id's length), so each ad has at most one alert. */
export function alertIdOf(adId: string): string {
  return `al_${createHash('sha256').update(adId).digest('hex').slice(0, 32)}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type InsertBuilder = ReturnType<ReturnType<EntityManager['createQueryBuilder']>['insert']>;

/** Multi-row INSERTs, as few as the bind-parameter limit allows. */
async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  rows: readonly Partial<T>[],
  conflict: (qb: ReturnType<InsertBuilder['values']>) => ReturnType<InsertBuilder['values']> = (qb) => qb,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = manager.connection.getMetadata(entity).columns.length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (const part of chunks(rows, perStatement)) {
    // updateEntity(false): no RETURNING round-trip to copy generated values back into the rows.
    await conflict(
      manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(part as T[])
        .updateEntity(false),
    ).execute();
  }
}
