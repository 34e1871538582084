import { createSchema, requiredEnv } from '@lantern/testing';
import { DataSource } from 'typeorm';
import { migrate } from '../database/migrate';
import { ApiKeys } from './api-keys';
import { AuditLog } from './audit-log';
import { createSecurityDataSource, SECURITY_MIGRATIONS, TypeOrmApiKeyStore } from './security-database';

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
    expect(count).toBe(SECURITY_MIGRATIONS.length);
  });
});

describe('audit log hash chain', () => {
  let schema: { schema: string; drop(): Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createSchema();
    dataSource = await createSecurityDataSource({
      dataDir: './unused',
      database: { kind: 'postgres', url: requiredEnv('DATABASE_URL'), schema: schema.schema },
    }).initialize();
    await migrate(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await schema.drop();
  });

  it('chains concurrent appends without gaps, and verify finds an edited entry', async () => {
    const audit = new AuditLog(dataSource);
    const actor = { keyId: 'k1', name: 'analyst one', role: 'analyst' as const };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record({
          action: 'alert.review',
          actor,
          objectType: 'alert',
          objectId: `a${i}`,
          from: '10.0.0.1',
          details: { decision: 'confirm' },
        }),
      ),
    );
    expect(await audit.verify()).toEqual({ ok: true, entries: 20 });
    const newest = await audit.list({ limit: 5 });
    expect(newest.map((e) => e.seq)).toEqual([20, 19, 18, 17, 16]);

    await dataSource.query(`UPDATE "${schema.schema}".audit_log SET details = '{"decision":"dismiss"}' WHERE seq = 7`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: 7, problem: 'its content does not match its hash' });
    await dataSource.query(`DELETE FROM "${schema.schema}".audit_log WHERE seq = 7`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: 7, problem: 'entry 7 is missing' });
  });
});
