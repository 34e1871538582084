import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const varchar = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const increment = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/**
 * Review workflow (reviews, notes, assignee) and the index tables the API filters on: indicators and
 * contact link keys per ad (HMACs, never raw contacts), plus a folded search text for `q`.
 */
export class ReviewAndSearch1764500000000 implements MigrationInterface {
  name = 'ReviewAndSearch1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('ads', new TableColumn({ name: 'search_text', type: 'text', isNullable: true }));
    for (const column of ['country', 'language', 'source']) {
      await queryRunner.createIndex('ads', new TableIndex({ name: `ads_${column}_idx`, columnNames: [column] }));
    }

    await queryRunner.addColumns('alerts', [
      new TableColumn(varchar('assignee_key_id', 36, true)),
      new TableColumn(varchar('reviewed_at', 30, true)),
    ]);
    await queryRunner.createIndices('alerts', [
      new TableIndex({ name: 'alerts_score_idx', columnNames: ['score', 'id'] }),
      new TableIndex({ name: 'alerts_raised_idx', columnNames: ['raised_at', 'id'] }),
      new TableIndex({ name: 'alerts_level_idx', columnNames: ['level'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'alert_reviews',
        columns: [
          increment,
          varchar('alert_id', 64),
          varchar('decision', 20),
          varchar('from_status', 20),
          varchar('to_status', 20),
          varchar('note', 2000, true),
          varchar('actor_key_id', 36),
          varchar('actor_role', 20),
          { name: 'alert_revision', type: 'integer' },
          varchar('at', 30),
        ],
        indices: [
          new TableIndex({ name: 'alert_reviews_alert_idx', columnNames: ['alert_id', 'id'] }),
          // One review per revision: a replayed or racing review of the same revision cannot be stored twice.
          new TableIndex({ name: 'alert_reviews_revision_uq', columnNames: ['alert_id', 'alert_revision'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_notes',
        columns: [
          increment,
          varchar('alert_id', 64),
          varchar('body', 2000),
          varchar('actor_key_id', 36),
          varchar('actor_role', 20),
          varchar('at', 30),
        ],
        indices: [new TableIndex({ name: 'alert_notes_alert_idx', columnNames: ['alert_id', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ad_indicators',
        columns: [
          { ...varchar('ad_id', 128), isPrimary: true },
          { ...varchar('indicator_id', 100), isPrimary: true },
          varchar('severity', 10),
        ],
        indices: [new TableIndex({ name: 'ad_indicators_indicator_idx', columnNames: ['indicator_id', 'ad_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ad_contacts',
        columns: [{ ...varchar('ad_id', 128), isPrimary: true }, { ...varchar('contact_key', 80), isPrimary: true }, varchar('kind', 10)],
        indices: [new TableIndex({ name: 'ad_contacts_key_idx', columnNames: ['contact_key', 'ad_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ad_contacts', 'ad_indicators', 'alert_notes', 'alert_reviews']) await queryRunner.dropTable(table);
    for (const index of ['alerts_score_idx', 'alerts_raised_idx', 'alerts_level_idx']) await queryRunner.dropIndex('alerts', index);
    await queryRunner.dropColumns('alerts', ['assignee_key_id', 'reviewed_at']);
    for (const column of ['country', 'language', 'source']) await queryRunner.dropIndex('ads', `ads_${column}_idx`);
    await queryRunner.dropColumn('ads', 'search_text');
  }
}
