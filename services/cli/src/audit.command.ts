import { parseArgs } from 'node:util';
import { AuditLog, createSecurityDataSource, migrate } from '@lantern/platform';
import { CliIo, UsageError, writeLine } from './io';
import { securityConfig } from './keys.command';

export const AUDIT_HELP = `Usage: lantern audit verify
       lantern audit list [--limit N]

Reads the audit log in the security database (./data/security.sqlite, or PostgreSQL when DATABASE_URL
is set). "verify" walks the hash chain and exits 1 at the first entry that was edited, removed or
reordered; "list" prints the newest entries, one JSON line each.`;

export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await writeLine(io.stdout, AUDIT_HELP);
    return 0;
  }
  const [action] = positionals;
  if (action !== 'verify' && action !== 'list') throw new UsageError('audit needs verify or list');
  const limit = Number(values.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit must be a whole number from 1 to 10000');

  const dataSource = await createSecurityDataSource(securityConfig(io.env ?? process.env)).initialize();
  try {
    await migrate(dataSource);
    const audit = new AuditLog(dataSource);
    if (action === 'list') {
      for (const entry of await audit.list({ limit })) await writeLine(io.stdout, JSON.stringify(entry));
      return 0;
    }
    const result = await audit.verify();
    await writeLine(io.stdout, JSON.stringify(result));
    if (!result.ok) await writeLine(io.stderr, `audit log broken at entry ${result.brokenAt}: ${result.problem}`);
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}
