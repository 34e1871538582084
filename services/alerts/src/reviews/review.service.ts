import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlertStatus } from '@lantern/contracts';
import { AuditLog, type Principal } from '@lantern/platform';
import { DataSource } from 'typeorm';
import { AdEntity } from '../ads/ad.entity';
import { outboxRowOf } from '../ads/scored-ad.store';
import { AlertEntity } from '../alerts/alert.entity';
import { inTransaction } from '../database/transactions';
import { OutboxEntity } from '../outbox/outbox.entity';
import { checkTransition, type ReviewDecision } from './review-policy';
import { NoteEntity, ReviewEntity } from './review.entity';

export interface ReviewRequest {
  decision: ReviewDecision;
  note?: string | undefined;
  /** The revision the reviewer looked at; a changed alert (rescored, reviewed by someone else) is a 409. */
  expectedRevision?: number | undefined;
}

export interface ReviewResult {
  alertId: string;
  status: AlertStatus;
  revision: number;
  assigneeKeyId: string | null;
  review: { id: number; decision: ReviewDecision; from: AlertStatus; to: AlertStatus; at: string };
}

/**
 * Applies a review decision: the review row, the alert's new status and revision, and the alerts.v1
 * outbox row commit together or not at all; the audit entry follows the commit.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async review(alertId: string, request: ReviewRequest, actor: Principal, from?: string, now = new Date()): Promise<ReviewResult> {
    const at = now.toISOString();
    const result = await inTransaction(this.dataSource, async (manager) => {
      const query = manager.getRepository(AlertEntity).createQueryBuilder('al').where({ id: alertId });
      if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write');
      const alert = await query.getOne();
      if (!alert) throw new NotFoundException(`No alert with id ${alertId}`);
      if (request.expectedRevision !== undefined && request.expectedRevision !== alert.revision) {
        throw new ConflictException(
          `Alert ${alertId} is at revision ${alert.revision}, not ${request.expectedRevision}: it changed since you read it; reload and decide again`,
        );
      }
      const check = checkTransition(request.decision, alert.status, actor.role);
      if (!check.ok) throw check.reason === 'role' ? new ForbiddenException(check.message) : new ConflictException(check.message);

      const fromStatus = alert.status;
      const reviewedRevision = alert.revision;
      // The conditional update is the real guard: a concurrent writer that got here first makes it match nothing.
      const updated = await manager
        .createQueryBuilder()
        .update(AlertEntity)
        .set({
          status: check.to,
          revision: reviewedRevision + 1,
          updatedAt: at,
          reviewedAt: at,
          ...(request.decision === 'start_review' || request.decision === 'reopen' ? { assigneeKeyId: actor.keyId } : {}),
        })
        .where('id = :id AND revision = :revision', { id: alertId, revision: reviewedRevision })
        .execute();
      if (updated.affected === 0)
        throw new ConflictException(`Alert ${alertId} changed while the review was being saved; reload and retry`);

      const inserted = await manager.insert(ReviewEntity, {
        alertId,
        decision: request.decision,
        fromStatus,
        toStatus: check.to,
        note: request.note ?? null,
        actorKeyId: actor.keyId,
        actorRole: actor.role,
        alertRevision: reviewedRevision,
        at,
      });
      const reviewId = (inserted.identifiers[0] as { id: number } | undefined)?.id ?? 0;
      if (request.note) {
        await manager.insert(NoteEntity, { alertId, body: request.note, actorKeyId: actor.keyId, actorRole: actor.role, at });
      }
      const next = await manager.findOneByOrFail(AlertEntity, { id: alertId });
      const ad = await manager.findOne(AdEntity, {
        select: { id: true, source: true, country: true, language: true },
        where: { id: next.adId },
      });
      await manager.insert(
        OutboxEntity,
        outboxRowOf(next, { source: ad?.source ?? 'unknown', country: ad?.country ?? null, language: ad?.language ?? 'und' }, at),
      );
      return {
        alertId,
        status: next.status,
        revision: next.revision,
        assigneeKeyId: next.assigneeKeyId,
        review: { id: reviewId, decision: request.decision, from: fromStatus, to: check.to, at },
      } satisfies ReviewResult;
    });
    await this.audit.record({
      action: 'alert.review',
      actor,
      objectType: 'alert',
      objectId: alertId,
      ...(from ? { from } : {}),
      details: {
        decision: request.decision,
        from: result.review.from,
        to: result.review.to,
        revision: result.revision,
        note: Boolean(request.note),
      },
    });
    return result;
  }

  async addNote(alertId: string, body: string, actor: Principal, from?: string, now = new Date()): Promise<NoteEntity> {
    const at = now.toISOString();
    const note = await inTransaction(this.dataSource, async (manager) => {
      if (!(await manager.existsBy(AlertEntity, { id: alertId }))) throw new NotFoundException(`No alert with id ${alertId}`);
      const row = manager.create(NoteEntity, { alertId, body, actorKeyId: actor.keyId, actorRole: actor.role, at });
      await manager.insert(NoteEntity, row);
      return row;
    });
    await this.audit.record({ action: 'alert.note', actor, objectType: 'alert', objectId: alertId, ...(from ? { from } : {}) });
    return note;
  }

  async history(alertId: string): Promise<{ reviews: ReviewEntity[]; notes: NoteEntity[] }> {
    const [reviews, notes] = await Promise.all([
      this.dataSource.getRepository(ReviewEntity).find({ where: { alertId }, order: { id: 'ASC' }, take: 200 }),
      this.dataSource.getRepository(NoteEntity).find({ where: { alertId }, order: { id: 'ASC' }, take: 200 }),
    ]);
    return { reviews, notes };
  }
}
