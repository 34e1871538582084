import { DataSource } from 'typeorm';

/**
 * Applies pending migrations. On PostgreSQL an advisory lock serialises replicas that start together,
 * so only one of them migrates and the others wait, then find nothing to do.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const lock = `lantern-migrations:${schema}:${table}`;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    }
  } finally {
    await runner.release();
  }
}
