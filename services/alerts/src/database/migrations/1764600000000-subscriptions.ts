import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const varchar = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const integer = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const serial = (name: string) => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const });

/** Subscriptions, their encrypted webhook secrets, the alert event log (SSE ids) and webhook deliveries. Portable schema builder. */
export class Subscriptions1764600000000 implements MigrationInterface {
  name = 'Subscriptions1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'subscriptions',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('owner_key_id', 36),
          varchar('name', 200),
          varchar('channel', 10),
          varchar('url', 2048, true),
          text('filter'),
          varchar('status', 10),
          varchar('disabled_reason', 200, true),
          varchar('created_at', 30),
          varchar('updated_at', 30),
        ],
        indices: [new TableIndex({ name: 'subscriptions_owner_idx', columnNames: ['owner_key_id', 'created_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'subscription_secrets',
        columns: [
          serial('id'),
          varchar('subscription_id', 40),
          text('ciphertext'),
          varchar('created_at', 30),
          varchar('expires_at', 30, true),
        ],
        indices: [new TableIndex({ name: 'subscription_secrets_sub_idx', columnNames: ['subscription_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_events',
        columns: [
          serial('seq'),
          varchar('alert_id', 64),
          integer('revision'),
          varchar('ad_id', 128),
          text('alert'),
          varchar('created_at', 30),
        ],
        indices: [new TableIndex({ name: 'alert_events_alert_revision_uq', columnNames: ['alert_id', 'revision'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'deliveries',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('subscription_id', 40),
          varchar('alert_id', 64),
          integer('revision'),
          integer('event_seq'),
          text('payload'),
          varchar('status', 12),
          integer('attempts'),
          varchar('next_attempt_at', 30, true),
          integer('last_status_code', true),
          varchar('last_error', 200, true),
          text('attempt_log'),
          varchar('created_at', 30),
          varchar('updated_at', 30),
          varchar('delivered_at', 30, true),
        ],
        indices: [
          new TableIndex({ name: 'deliveries_once_uq', columnNames: ['subscription_id', 'alert_id', 'revision'], isUnique: true }),
          new TableIndex({ name: 'deliveries_due_idx', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'deliveries_subscription_idx', columnNames: ['subscription_id', 'created_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['deliveries', 'alert_events', 'subscription_secrets', 'subscriptions']) await queryRunner.dropTable(table);
  }
}
