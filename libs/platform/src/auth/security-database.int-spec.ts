import { createSchema, requiredEnv } from '@lantern/testing';
import { DataSource } from 'typeorm';
import { migrate } from '../database/migrate';
import { ApiKeys } from './api-keys';
import { createSecurityDataSource, TypeOrmApiKeyStore } from './security-database';

describe('security database on PostgreSQL', () => {
  let schema: { schema: string; drop(): Promise<void> };
  const sources: DataSource[] = [];

  const open = async () => {
    const dataSource = await createSecurityDataSource({
      dataDir: './unused',
      database: { kind: 'postgres', url: requiredEnv('DATABASE_URL'), schema: schema.schema },
    }).initialize();
    sources.push(dataSource);
    return dataSource;
  };

  beforeAll(async () => {
    schema = await createSchema();
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await schema.drop();
  });

  it('migrates once under concurrent start-ups and keeps keys across connections', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await Promise.all([migrate(a), migrate(b)]);
    const created = await new ApiKeys(new TypeOrmApiKeyStore(a)).create('ingest', 'tip line');
    const other = new ApiKeys(new TypeOrmApiKeyStore(b));
    expect(await other.verify(created.key)).toMatchObject({ role: 'ingest', keyId: created.record.id });
    expect(await new TypeOrmApiKeyStore(b).countActive('ingest')).toBe(1);
    expect(await other.revoke(created.record.id)).toBe(true);
    expect(await other.verify(created.key)).toBeUndefined();
    const [{ count }] = (await a.query(`SELECT count(*)::int AS count FROM "${schema.schema}".security_migrations`)) as [{ count: number }];
    expect(count).toBe(1);
  });
});
