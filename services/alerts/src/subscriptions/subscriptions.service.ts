import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditLog,
  checkOutboundTarget,
  checkOutboundUrlShape,
  cursor,
  LANTERN_CONFIG,
  type LanternConfig,
  OutboundTargetError,
  type Principal,
} from '@lantern/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { z } from 'zod';
import { inTransaction } from '../database/transactions';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { newWebhookSecret } from '../delivery/webhook-signature';
import { SecretBox } from './secret-box';
import { subscriptionFilter } from './subscription-filter';
import { SubscriptionEntity, SubscriptionSecretEntity } from './subscription.entity';

/** A bound on what one key can set up, so a leaked key cannot fill the table. */
export const MAX_SUBSCRIPTIONS_PER_OWNER = 100;

const name = z.string().trim().min(1).max(200);
const webhookUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    try {
      checkOutboundUrlShape(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `url: ${(error as Error).message}` });
    }
  });

export const createSubscriptionBody = z
  .strictObject({
    name,
    channel: z.enum(['webhook', 'stream']),
    url: webhookUrl.optional(),
    filter: subscriptionFilter.default({}),
  })
  .superRefine((body, ctx) => {
    if (body.channel === 'webhook' && !body.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a webhook subscription needs a url' });
    if (body.channel === 'stream' && body.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a stream subscription has no url' });
  });

export const updateSubscriptionBody = z
  .strictObject({
    name: name.optional(),
    url: webhookUrl.optional(),
    filter: subscriptionFilter.optional(),
    /** Re-enabling is how an owner resumes a subscription that a 410 Gone switched off. */
    status: z.enum(['active', 'disabled']).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export type SubscriptionView = Omit<SubscriptionEntity, 'ownerKeyId'> & { ownerKeyId?: string };

/** Where a change came from, for the audit log. */
export interface Caller {
  principal: Principal;
  ip: string | undefined;
}

/**
 * Subscriptions with object-level access: an investigator sees and changes only the subscriptions
 * their key created; anyone else's id answers 404 (not 403, which would confirm it exists). Admins
 * see all. Every change is audited.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    private readonly secrets: SecretBox,
    private readonly audit: AuditLog,
  ) {}

  async create(
    caller: Caller,
    body: z.infer<typeof createSubscriptionBody>,
    now = new Date(),
  ): Promise<{ subscription: SubscriptionView; secret?: string }> {
    if (body.url) await this.checkTarget(body.url);
    const at = now.toISOString();
    const subscription: SubscriptionEntity = Object.assign(new SubscriptionEntity(), {
      id: `sub_${randomUUID().replaceAll('-', '')}`,
      ownerKeyId: caller.principal.keyId,
      name: body.name,
      channel: body.channel,
      url: body.url ?? null,
      filter: body.filter,
      status: 'active',
      disabledReason: null,
      createdAt: at,
      updatedAt: at,
    });
    const secret = body.channel === 'webhook' ? newWebhookSecret() : undefined;
    await inTransaction(this.dataSource, async (manager) => {
      const owned = await manager.countBy(SubscriptionEntity, { ownerKeyId: caller.principal.keyId });
      if (owned >= MAX_SUBSCRIPTIONS_PER_OWNER) {
        throw new ConflictException(`A key may own at most ${MAX_SUBSCRIPTIONS_PER_OWNER} subscriptions`);
      }
      await manager.insert(SubscriptionEntity, subscription);
      if (secret) await this.storeSecret(manager, subscription.id, secret, at);
    });
    await this.record(caller, 'subscription.create', subscription.id, { channel: subscription.channel });
    return { subscription: this.view(caller, subscription), ...(secret ? { secret } : {}) };
  }

  async list(caller: Caller, query: z.infer<typeof deliveriesQuery>): Promise<{ items: SubscriptionView[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .orderBy('s.createdAt', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(query.limit + 1);
    if (caller.principal.role !== 'admin') qb.andWhere('s.ownerKeyId = :owner', { owner: caller.principal.keyId });
    if (query.cursor) {
      const { time, id } = cursor.decode(query.cursor);
      qb.andWhere('(s.createdAt < :time OR (s.createdAt = :time AND s.id < :id))', { time, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((s) => this.view(caller, s)),
      nextCursor: rows.length > query.limit && last ? cursor.encode(last.createdAt, last.id) : null,
    };
  }

  async get(caller: Caller, id: string): Promise<SubscriptionView> {
    return this.view(caller, await this.owned(this.dataSource.manager, caller, id));
  }

  async update(caller: Caller, id: string, patch: z.infer<typeof updateSubscriptionBody>, now = new Date()): Promise<SubscriptionView> {
    if (patch.url) await this.checkTarget(patch.url);
    const updated = await inTransaction(this.dataSource, async (manager) => {
      const subscription = await this.owned(manager, caller, id);
      if (patch.url && subscription.channel !== 'webhook')
        throw new BadRequestException('Invalid request: url: a stream subscription has no url');
      if (patch.name !== undefined) subscription.name = patch.name;
      if (patch.url !== undefined) subscription.url = patch.url;
      if (patch.filter !== undefined) subscription.filter = patch.filter;
      if (patch.status !== undefined) {
        subscription.status = patch.status;
        subscription.disabledReason = patch.status === 'disabled' ? 'disabled by its owner' : null;
      }
      subscription.updatedAt = now.toISOString();
      await manager.update(
        SubscriptionEntity,
        { id },
        {
          name: subscription.name,
          url: subscription.url,
          filter: subscription.filter,
          status: subscription.status,
          disabledReason: subscription.disabledReason,
          updatedAt: subscription.updatedAt,
        },
      );
      return subscription;
    });
    await this.record(caller, 'subscription.update', id, { fields: Object.keys(patch).sort().join(',') });
    return this.view(caller, updated);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.owned(manager, caller, id);
      await manager.delete(SubscriptionSecretEntity, { subscriptionId: id });
      await manager.delete(DeliveryEntity, { subscriptionId: id });
      await manager.delete(SubscriptionEntity, { id });
    });
    await this.record(caller, 'subscription.delete', id, {});
  }

  /** A new secret; the current ones keep signing until the grace period ends, so receivers can switch over. */
  async rotateSecret(caller: Caller, id: string, now = new Date()): Promise<{ secret: string; previousValidUntil: string }> {
    const secret = newWebhookSecret();
    const graceEnds = new Date(now.getTime() + this.config.webhooks.secretGraceMs).toISOString();
    await inTransaction(this.dataSource, async (manager) => {
      const subscription = await this.owned(manager, caller, id);
      if (subscription.channel !== 'webhook') throw new BadRequestException('Only webhook subscriptions have a secret');
      const current = await this.validSecretRows(manager, id, now);
      const shortened = current.filter((s) => s.expiresAt === null || s.expiresAt > graceEnds).map((s) => s.id);
      if (shortened.length) await manager.update(SubscriptionSecretEntity, { id: In(shortened) }, { expiresAt: graceEnds });
      await this.storeSecret(manager, id, secret, now.toISOString());
    });
    await this.record(caller, 'subscription.rotate-secret', id, { graceSeconds: Math.round(this.config.webhooks.secretGraceMs / 1000) });
    return { secret, previousValidUntil: graceEnds };
  }

  async deliveries(
    caller: Caller,
    id: string,
    query: z.infer<typeof deliveriesQuery>,
  ): Promise<{ items: Array<Omit<DeliveryEntity, 'payload'>>; nextCursor: string | null }> {
    await this.owned(this.dataSource.manager, caller, id);
    const qb = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.subscriptionId = :id', { id })
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(query.limit + 1);
    if (query.cursor) {
      const { time, id: after } = cursor.decode(query.cursor);
      qb.andWhere('(d.createdAt < :time OR (d.createdAt = :time AND d.id < :after))', { time, after });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ payload: _payload, ...rest }) => rest),
      nextCursor: rows.length > query.limit && last ? cursor.encode(last.createdAt, last.id) : null,
    };
  }

  /** Secrets that sign now: the newest, plus any still in their grace period after a rotation. */
  async signingSecrets(subscriptionId: string, now = new Date()): Promise<string[]> {
    const rows = await this.validSecretRows(this.dataSource.manager, subscriptionId, now);
    return rows.map((row) => this.secrets.open(row.ciphertext, subscriptionId));
  }

  /** The subscription if the caller may see it; 404 otherwise, whether it exists or not. */
  async owned(manager: EntityManager, caller: Caller, id: string): Promise<SubscriptionEntity> {
    const subscription = /^sub_[0-9a-f]{32}$/.test(id) ? await manager.findOneBy(SubscriptionEntity, { id }) : null;
    if (!subscription || (caller.principal.role !== 'admin' && subscription.ownerKeyId !== caller.principal.keyId)) {
      throw new NotFoundException(`No subscription ${id.slice(0, 60)}`);
    }
    return subscription;
  }

  private async validSecretRows(manager: EntityManager, subscriptionId: string, now: Date): Promise<SubscriptionSecretEntity[]> {
    const rows = await manager.find(SubscriptionSecretEntity, { where: { subscriptionId }, order: { id: 'DESC' } });
    const at = now.toISOString();
    return rows.filter((row) => row.expiresAt === null || row.expiresAt > at);
  }

  private async storeSecret(manager: EntityManager, subscriptionId: string, secret: string, at: string): Promise<void> {
    await manager.insert(SubscriptionSecretEntity, {
      subscriptionId,
      ciphertext: this.secrets.seal(secret, subscriptionId),
      createdAt: at,
      expiresAt: null,
    });
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await checkOutboundTarget(url, { allowPrivate: this.config.webhooks.allowPrivate });
    } catch (error) {
      if (error instanceof OutboundTargetError) throw new BadRequestException(`Invalid request: url: ${error.message}`);
      throw error;
    }
  }

  private view(caller: Caller, subscription: SubscriptionEntity): SubscriptionView {
    const { ownerKeyId, ...rest } = subscription;
    return caller.principal.role === 'admin' ? { ...rest, ownerKeyId } : rest;
  }

  private async record(
    caller: Caller,
    action: 'subscription.create' | 'subscription.update' | 'subscription.delete' | 'subscription.rotate-secret',
    id: string,
    details: Record<string, string | number>,
  ): Promise<void> {
    await this.audit.record({
      action,
      actor: caller.principal,
      objectType: 'subscription',
      objectId: id,
      ...(caller.ip ? { from: caller.ip } : {}),
      details,
    });
  }
}
