import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const varchar = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const integer = (name: string) => ({ name, type: 'integer' });
const text = (name: string) => ({ name, type: 'text' });

/** Written with TypeORM's schema builder, not raw SQL, so one migration serves PostgreSQL and SQLite. */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ads',
        columns: [
          { ...varchar('id', 128), isPrimary: true },
          varchar('source', 100),
          varchar('url', 2048, true),
          varchar('title', 1000, true),
          varchar('country', 2, true),
          varchar('language', 20),
          varchar('content_hash', 64),
          integer('risk_score'),
          { name: 'risk_probability', type: 'real' },
          varchar('risk_level', 10),
          text('ad'),
          text('indicators'),
          text('entities'),
          text('versions'),
          varchar('first_seen_at', 30),
          varchar('scored_at', 30),
        ],
        indices: [new TableIndex({ name: 'ads_scored_at_idx', columnNames: ['scored_at', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ad_versions',
        columns: [
          { ...varchar('ad_id', 128), isPrimary: true },
          { ...varchar('content_hash', 64), isPrimary: true },
          integer('risk_score'),
          varchar('risk_level', 10),
          varchar('first_scored_at', 30),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alerts',
        columns: [
          { ...varchar('id', 64), isPrimary: true },
          varchar('ad_id', 128),
          integer('revision'),
          varchar('status', 20),
          varchar('level', 10),
          integer('score'),
          text('indicator_ids'),
          text('reasons'),
          varchar('raised_at', 30),
          varchar('updated_at', 30),
        ],
        indices: [
          new TableIndex({ name: 'alerts_ad_id_uq', columnNames: ['ad_id'], isUnique: true }),
          new TableIndex({ name: 'alerts_status_updated_idx', columnNames: ['status', 'updated_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          varchar('topic', 100),
          varchar('message_key', 128),
          text('payload'),
          varchar('created_at', 30),
          varchar('published_at', 30, true),
        ],
        indices: [new TableIndex({ name: 'outbox_pending_idx', columnNames: ['published_at', 'id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'alerts', 'ad_versions', 'ads']) await queryRunner.dropTable(table);
  }
}
