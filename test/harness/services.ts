import { execSync } from 'node:child_process';
import Redis from 'ioredis';
import { Client } from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function tryRun(command: string): void {
  try {
    execSync(command, { stdio: 'pipe', timeout: 30_000 });
  } catch {
    // The caller checks again and fails loudly with what it tried.
  }
}

/** PostgreSQL for the tests: DATABASE_URL, or the local server, started if installed but down. */
export async function ensurePostgres(log: (line: string) => void): Promise<string> {
  const url = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  if (await postgresAnswers(url)) return url;
  if (process.env['DATABASE_URL']) throw new Error(`PostgreSQL at DATABASE_URL does not answer`);
  log('PostgreSQL is not answering on 127.0.0.1:5432; trying to start the local cluster');
  tryRun('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -n 1) main start');
  for (let i = 0; i < 20; i++) {
    if (await postgresAnswers(url)) return url;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('PostgreSQL is needed by the integration tests: set DATABASE_URL or install and start PostgreSQL on 127.0.0.1:5432');
}

/** Redis for the tests: REDIS_URL, or the local server, started if installed but down. */
export async function ensureRedis(log: (line: string) => void): Promise<string> {
  const url = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
  if (await redisAnswers(url)) return url;
  if (process.env['REDIS_URL']) throw new Error('Redis at REDIS_URL does not answer');
  log('Redis is not answering on 127.0.0.1:6379; trying to start redis-server');
  tryRun(`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no`);
  for (let i = 0; i < 20; i++) {
    if (await redisAnswers(url)) return url;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Redis is needed by the integration tests: set REDIS_URL or install redis-server');
}
