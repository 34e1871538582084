import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Column, DataSource, Entity, Index, MigrationInterface, PrimaryColumn, QueryRunner, Table, TableIndex } from 'typeorm';
import type { LanternConfig } from '../config/config';
import { ApiKeyRecord, ApiKeyStore } from './api-key.store';
import { AuditEntity, CreateAuditLog1764400000001 } from './audit-log';
import type { Role } from './roles';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Index('api_keys_hash_idx', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 20 })
  hint!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt!: string | null;
}

export class CreateApiKeys1764400000000 implements MigrationInterface {
  name = 'CreateApiKeys1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('name', 100),
          varchar('role', 20),
          varchar('hash', 64),
          varchar('hint', 20),
          varchar('created_at', 30),
          varchar('revoked_at', 30, true),
        ],
        indices: [new TableIndex({ name: 'api_keys_hash_idx', columnNames: ['hash'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
  }
}

/** Security tables (keys, and what else guards access) and their migrations, in one list each. */
export const SECURITY_ENTITIES: Array<new () => unknown> = [ApiKeyEntity, AuditEntity];
export const SECURITY_MIGRATIONS: Array<new () => MigrationInterface> = [CreateApiKeys1764400000000, CreateAuditLog1764400000001];

/**
 * The security database: beside the alerts tables in PostgreSQL (own migrations table), a file of
 * its own in embedded mode so two connections never contend for one SQLite file's write lock.
 */
export function createSecurityDataSource(config: Pick<LanternConfig, 'database' | 'dataDir'>): DataSource {
  const common = {
    entities: SECURITY_ENTITIES,
    migrations: SECURITY_MIGRATIONS,
    migrationsTableName: 'security_migrations',
    migrationsRun: false,
    synchronize: false,
  };
  if (config.database.kind === 'postgres') {
    return new DataSource({ type: 'postgres', url: config.database.url, schema: config.database.schema, extra: { max: 4 }, ...common });
  }
  const file = config.database.file === ':memory:' ? ':memory:' : `${config.dataDir.replace(/\/+$/, '')}/security.sqlite`;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new DataSource({ type: 'better-sqlite3', database: file, enableWAL: true, ...common });
}

export class TypeOrmApiKeyStore extends ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return (await this.repo.findOneBy({ hash })) ?? undefined;
  }

  async findById(id: string): Promise<ApiKeyRecord | undefined> {
    return (await this.repo.findOneBy({ id })) ?? undefined;
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.repo.insert(record);
  }

  async list(): Promise<ApiKeyRecord[]> {
    return this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ revokedAt: at })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  countActive(role: Role): Promise<number> {
    return this.repo.createQueryBuilder('k').where('k.role = :role AND k.revoked_at IS NULL', { role }).getCount();
  }
}
