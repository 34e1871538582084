import { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * A transaction that is safe on both databases. better-sqlite3 has one connection, and two
 * interleaved async transactions on it corrupt each other ("cannot start a transaction within a
 * transaction"), so on SQLite they run one after another. PostgreSQL uses its pool as usual.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, next);
  return next;
}
