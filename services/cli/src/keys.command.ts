import { parseArgs } from 'node:util';
import {
  ApiKeys,
  AuditLog,
  createSecurityDataSource,
  LanternConfig,
  loadConfig,
  migrate,
  Role,
  ROLES,
  TypeOrmApiKeyStore,
} from '@lantern/platform';
import { CliIo, UsageError, writeLine } from './io';

export const KEYS_HELP = `Usage: lantern keys create --role ROLE [--name NAME]
       lantern keys list
       lantern keys revoke ID

Manages API keys in the security database: ./data/security.sqlite (DATA_DIR) by default, or
PostgreSQL when DATABASE_URL is set (schema DATABASE_SCHEMA). Roles: ${ROLES.join(', ')}.
"create" prints the new key once; only its hash is stored.`;

/** Same database as the services: PostgreSQL when DATABASE_URL is set, else the embedded file. */
export function securityConfig(env: Record<string, string | undefined>): Pick<LanternConfig, 'database' | 'dataDir'> {
  const config = loadConfig('embedded', { DATA_DIR: env['DATA_DIR'], DATABASE_SCHEMA: env['DATABASE_SCHEMA'] });
  const url = env['DATABASE_URL'];
  if (!url) return config;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('DATABASE_URL must start with postgres:// or postgresql://');
  return { dataDir: config.dataDir, database: { kind: 'postgres', url, schema: env['DATABASE_SCHEMA'] ?? 'public' } };
}

export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [action, id] = positionals;
  if (values.help) {
    await writeLine(io.stdout, KEYS_HELP);
    return 0;
  }
  if (action !== 'create' && action !== 'list' && action !== 'revoke') throw new UsageError('keys needs create, list or revoke');
  if (action === 'create' && !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (action === 'revoke' && !id) throw new UsageError('keys revoke needs the key id (see "lantern keys list")');

  const dataSource = await createSecurityDataSource(securityConfig(io.env ?? process.env)).initialize();
  try {
    await migrate(dataSource);
    const keys = new ApiKeys(new TypeOrmApiKeyStore(dataSource));
    const audit = new AuditLog(dataSource);
    if (action === 'create') {
      const created = await keys.create(values.role as Role, values.name ?? `${values.role} key`);
      await audit.record({
        action: 'key.create',
        objectType: 'api-key',
        objectId: created.record.id,
        details: { role: created.record.role, via: 'cli' },
      });
      await writeLine(io.stdout, JSON.stringify({ key: created.key, ...created.record }));
      await writeLine(io.stderr, 'Store this key now: it is not shown again.');
      return 0;
    }
    if (action === 'list') {
      for (const record of await keys.list()) await writeLine(io.stdout, JSON.stringify(record));
      return 0;
    }
    if (await keys.revoke(id!)) {
      await audit.record({ action: 'key.revoke', objectType: 'api-key', objectId: id!, details: { via: 'cli' } });
      await writeLine(io.stdout, JSON.stringify({ revoked: id }));
      return 0;
    }
    await writeLine(io.stderr, `no active key with id ${id}`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}
