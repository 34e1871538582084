import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AlertV1, alertV1 } from '@lantern/contracts';
import { LANTERN_CONFIG, type LanternConfig } from '@lantern/platform';
import { DataSource, In } from 'typeorm';
import { AdEntity } from '../ads/ad.entity';
import { inTransaction } from '../database/transactions';
import { linkKeyIfAny } from '../subscriptions/secret-box';
import { type MatchSubject, matchesFilter, matchSubjectOf } from '../subscriptions/subscription-filter';
import { SubscriptionEntity } from '../subscriptions/subscription.entity';
import { AlertEventEntity, DeliveryEntity } from './delivery.entity';

/** What receivers get: ids and the score, never ad text or contacts; they fetch details through the audited API. */
export interface AlertNotice {
  type: 'alert.raised' | 'alert.updated';
  timestamp: string;
  alertId: string;
  adId: string;
  revision: number;
  level: AlertV1['level'];
  score: number;
  url: string;
}

export function noticeOf(alert: AlertV1, publicBaseUrl: string | undefined): AlertNotice {
  return {
    type: alert.revision === 1 ? 'alert.raised' : 'alert.updated',
    timestamp: alert.updatedAt,
    alertId: alert.alertId,
    adId: alert.adId,
    revision: alert.revision,
    level: alert.level,
    score: alert.score,
    url: `${publicBaseUrl ?? ''}/api/alerts/${encodeURIComponent(alert.alertId)}`,
  };
}

/** The same id on every replica for the same (subscription, alert, revision): the primary key then makes duplicates impossible. */
export function deliveryIdOf(subscriptionId: string, alertId: string, revision: number): string {
  return `msg_${createHash('sha256').update(`${subscriptionId}\u0000${alertId}\u0000${revision}`).digest('hex').slice(0, 32)}`;
}

export interface StoredAlertEvent {
  seq: number;
  alert: AlertV1;
}

/**
 * The alert event log and the webhook fan-out. Each alerts.v1 message becomes one numbered event and
 * one delivery per matching webhook subscription, in one transaction. Events are numbered under a
 * lock so numbers follow commit order: a reader that has seen event n has seen every event before it,
 * which is what lets SSE clients resume from Last-Event-ID without gaps.
 */
@Injectable()
export class AlertEvents {
  private linkKey: string | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
  ) {}

  /** Records the event and its deliveries; a replayed message changes nothing. Returns how many subscriptions matched. */
  async record(alert: AlertV1, now = new Date()): Promise<number> {
    const at = now.toISOString();
    const [subject] = await this.subjectsOf([alert]);
    return inTransaction(this.dataSource, async (manager) => {
      if (this.dataSource.options.type === 'postgres') {
        await manager.query("SELECT pg_advisory_xact_lock(hashtext('lantern-alert-events'))");
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(AlertEventEntity)
        .values({ alertId: alert.alertId, revision: alert.revision, adId: alert.adId, alert: JSON.stringify(alert), createdAt: at })
        .orIgnore()
        .execute();
      const event = await manager.findOneByOrFail(AlertEventEntity, { alertId: alert.alertId, revision: alert.revision });
      const subscriptions = await manager.findBy(SubscriptionEntity, { channel: 'webhook', status: 'active' });
      const matching = subscriptions.filter((s) => matchesFilter(s.filter, subject!));
      if (matching.length === 0) return 0;
      const payload = JSON.stringify(noticeOf(alert, this.config.publicBaseUrl));
      await manager
        .createQueryBuilder()
        .insert()
        .into(DeliveryEntity)
        .values(
          matching.map((s) => ({
            id: deliveryIdOf(s.id, alert.alertId, alert.revision),
            subscriptionId: s.id,
            alertId: alert.alertId,
            revision: alert.revision,
            eventSeq: event.seq,
            payload,
            status: 'pending' as const,
            attempts: 0,
            nextAttemptAt: at,
            lastStatusCode: null,
            lastError: null,
            attemptLog: [],
            createdAt: at,
            updatedAt: at,
            deliveredAt: null,
          })),
        )
        .orIgnore()
        .execute();
      return matching.length;
    });
  }

  /** Events after `afterSeq`, oldest first. */
  async after(afterSeq: number, limit: number): Promise<StoredAlertEvent[]> {
    const rows = await this.dataSource
      .getRepository(AlertEventEntity)
      .createQueryBuilder('e')
      .where('e.seq > :afterSeq', { afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) => ({ seq: row.seq, alert: alertV1.parse(JSON.parse(row.alert)) }));
  }

  async lastSeq(): Promise<number> {
    const row = await this.dataSource
      .getRepository(AlertEventEntity)
      .createQueryBuilder('e')
      .select('MAX(e.seq)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** Alerts with the bits of their ads that filters look at, loaded in one query. */
  async subjectsOf(alerts: AlertV1[]): Promise<MatchSubject[]> {
    const adIds = [...new Set(alerts.map((a) => a.adId))];
    const ads = adIds.length
      ? await this.dataSource.getRepository(AdEntity).find({ select: { id: true, ad: true, entities: true }, where: { id: In(adIds) } })
      : [];
    const byId = new Map(ads.map((ad) => [ad.id, ad]));
    // Looked up until found: on a first embedded start the classifier may create its key file after this service starts.
    this.linkKey ??= linkKeyIfAny(this.config);
    return alerts.map((alert) => matchSubjectOf(alert, byId.get(alert.adId), this.linkKey));
  }
}
