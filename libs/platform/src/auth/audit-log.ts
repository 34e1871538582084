import { createHash } from 'node:crypto';
import { Column, DataSource, Entity, EntityManager, MigrationInterface, PrimaryColumn, QueryRunner, Table, TableIndex } from 'typeorm';
import type { Principal } from './api-keys';

/** What happened, in a word an auditor can filter on. */
export const AUDIT_ACTIONS = [
  'auth.failure',
  'session.start',
  'session.end',
  'key.create',
  'key.revoke',
  'alert.review',
  'alert.note',
  'contact.reveal',
  'export',
  'subscription.create',
  'subscription.update',
  'subscription.delete',
  'subscription.rotate-secret',
  'ingest',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  action: AuditAction;
  /** Undefined for refused requests without a valid key. */
  actor?: Principal;
  objectType?: string;
  objectId?: string;
  /** Client address (IP), for "from where". */
  from?: string;
  /** Small, non-personal facts: a decision, a filter, a reason code. Never ad text or contacts. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  action: AuditAction;
  actorKeyId: string | null;
  actorRole: string | null;
  objectType: string | null;
  objectId: string | null;
  from: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

@Entity('audit_log')
export class AuditEntity {
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: AuditAction;

  @Column({ name: 'actor_key_id', type: 'varchar', length: 36, nullable: true })
  actorKeyId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  @Column({ name: 'object_type', type: 'varchar', length: 40, nullable: true })
  objectType!: string | null;

  @Column({ name: 'object_id', type: 'varchar', length: 200, nullable: true })
  objectId!: string | null;

  @Column({ name: 'from_address', type: 'varchar', length: 64, nullable: true })
  from!: string | null;

  @Column({ type: 'text' })
  details!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

export class CreateAuditLog1764400000001 implements MigrationInterface {
  name = 'CreateAuditLog1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          varchar('at', 30),
          varchar('action', 40),
          varchar('actor_key_id', 36, true),
          varchar('actor_role', 20, true),
          varchar('object_type', 40, true),
          varchar('object_id', 200, true),
          varchar('from_address', 64, true),
          { name: 'details', type: 'text' },
          varchar('prev_hash', 64),
          varchar('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'audit_log_at_idx', columnNames: ['at'] }),
          new TableIndex({ name: 'audit_log_object_idx', columnNames: ['object_type', 'object_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log');
  }
}

const GENESIS = '0'.repeat(64);

/** The hash covers every field and the previous hash: editing, deleting or reordering rows breaks the chain. */
function chainHash(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.action,
    entry.actorKeyId,
    entry.actorRole,
    entry.objectType,
    entry.objectId,
    entry.from,
    entry.details,
    entry.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match, when the chain is broken. */
  brokenAt?: number;
  problem?: string;
}

/**
 * Append-only audit log with a hash chain. Appends are serialised (an advisory lock on PostgreSQL,
 * SQLite's single writer otherwise) so every entry links to exactly one predecessor.
 */
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(event: AuditEvent): Promise<AuditEntry> {
    return this.dataSource.transaction(async (manager) => {
      if (this.dataSource.options.type === 'postgres') {
        await manager.query("SELECT pg_advisory_xact_lock(hashtext('lantern-audit-log'))");
      }
      const last = await this.last(manager);
      const entry: Omit<AuditEntry, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        action: event.action,
        actorKeyId: event.actor?.keyId ?? null,
        actorRole: event.actor?.role ?? null,
        objectType: event.objectType?.slice(0, 40) ?? null,
        objectId: event.objectId?.slice(0, 200) ?? null,
        from: event.from?.slice(0, 64) ?? null,
        details: JSON.stringify(event.details ?? {}).slice(0, 2_000),
        prevHash: last?.hash ?? GENESIS,
      };
      const full: AuditEntry = { ...entry, hash: chainHash(entry) };
      await manager.insert(AuditEntity, full);
      return full;
    });
  }

  /** Newest first, in pages by sequence number. */
  async list(options: { limit: number; beforeSeq?: number; action?: AuditAction; objectId?: string }): Promise<AuditEntry[]> {
    const qb = this.dataSource.getRepository(AuditEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC').limit(options.limit);
    if (options.beforeSeq !== undefined) qb.andWhere('a.seq < :before', { before: options.beforeSeq });
    if (options.action) qb.andWhere('a.action = :action', { action: options.action });
    if (options.objectId) qb.andWhere('a.object_id = :objectId', { objectId: options.objectId });
    return qb.getMany();
  }

  /** Walks the whole chain in order, in pages, and reports the first break. */
  async verify(): Promise<AuditVerification> {
    const repo = this.dataSource.getRepository(AuditEntity);
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let entries = 0;
    for (;;) {
      const page = await repo
        .createQueryBuilder('a')
        .where('a.seq >= :from', { from: expectedSeq })
        .orderBy('a.seq', 'ASC')
        .limit(1_000)
        .getMany();
      if (page.length === 0) return { ok: true, entries };
      for (const row of page) {
        if (row.seq !== expectedSeq) return { ok: false, entries, brokenAt: expectedSeq, problem: `entry ${expectedSeq} is missing` };
        if (row.prevHash !== prevHash) return { ok: false, entries, brokenAt: row.seq, problem: 'does not link to the entry before it' };
        const { hash, ...rest } = row;
        if (chainHash(rest) !== hash) return { ok: false, entries, brokenAt: row.seq, problem: 'its content does not match its hash' };
        prevHash = hash;
        expectedSeq += 1;
        entries += 1;
      }
    }
  }

  private async last(manager: EntityManager): Promise<AuditEntry | undefined> {
    return (await manager.getRepository(AuditEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC').limit(1).getOne()) ?? undefined;
  }
}
