import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A short random name, so suites can share the services without sharing topics, schemas or keys. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export function requiredEnv(name: 'KAFKA_BROKERS' | 'DATABASE_URL' | 'REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest.config.js (its global setup provides it)`);
  return value;
}

/** A PostgreSQL schema of its own for one suite; dropped afterwards. */
export async function createSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = uniqueName('t');
  const client = new Client({ connectionString: requiredEnv('DATABASE_URL') });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new Client({ connectionString: requiredEnv('DATABASE_URL') });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails with the last state seen. */
export async function eventually<T>(check: () => Promise<T | undefined>, options: { timeoutMs?: number; what: string }): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${options.what}${last ? `: ${String(last)}` : ''}`);
}
