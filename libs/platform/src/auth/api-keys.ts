import { randomUUID } from 'node:crypto';
import { ApiKeyRecord, ApiKeyStore } from './api-key.store';
import { apiKeyHint, generateApiKey, hashApiKey } from './api-key';
import type { Role } from './roles';

/** Who is calling: the key, never the key's secret. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

export interface CreatedApiKey {
  /** The only time the secret exists outside the caller's hands. */
  key: string;
  record: Omit<ApiKeyRecord, 'hash'>;
}

/** Creates, checks and revokes API keys over whichever store the process has. */
export class ApiKeys {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(role: Role, name: string, key = generateApiKey()): Promise<CreatedApiKey> {
    const record: ApiKeyRecord = {
      id: randomUUID(),
      name: name.slice(0, 100),
      role,
      hash: hashApiKey(key),
      hint: apiKeyHint(key),
      createdAt: this.now().toISOString(),
      revokedAt: null,
    };
    await this.store.insert(record);
    const { hash: _hash, ...visible } = record;
    return { key, record: visible };
  }

  async verify(key: string): Promise<Principal | undefined> {
    const record = await this.store.findByHash(hashApiKey(key));
    if (!record || record.revokedAt) return undefined;
    return { keyId: record.id, name: record.name, role: record.role };
  }

  /** The principal of a key that is still active (sessions re-check their key on every request). */
  async findActive(id: string): Promise<Principal | undefined> {
    const record = await this.store.findById(id);
    if (!record || record.revokedAt) return undefined;
    return { keyId: record.id, name: record.name, role: record.role };
  }

  async list(): Promise<Array<Omit<ApiKeyRecord, 'hash'>>> {
    return (await this.store.list()).map(({ hash: _hash, ...visible }) => visible);
  }

  revoke(id: string): Promise<boolean> {
    return this.store.revoke(id, this.now().toISOString());
  }

  /**
   * LANTERN_BOOTSTRAP_ADMIN_KEY: the first admin on a fresh install, so nobody needs shell access to
   * the database. Ignored once any admin key exists.
   */
  async bootstrapAdmin(key: string | undefined): Promise<boolean> {
    if (!key || (await this.store.countActive('admin')) > 0) return false;
    if (await this.store.findByHash(hashApiKey(key))) return false;
    await this.create('admin', 'bootstrap admin', key);
    return true;
  }
}
