import type { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  hash: string;
  hint: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Where key hashes live: the security database, or memory in unit tests. */
export abstract class ApiKeyStore {
  abstract findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  abstract findById(id: string): Promise<ApiKeyRecord | undefined>;
  abstract insert(record: ApiKeyRecord): Promise<void>;
  abstract list(): Promise<ApiKeyRecord[]>;
  /** True when the key existed and was active. */
  abstract revoke(id: string, at: string): Promise<boolean>;
  abstract countActive(role: Role): Promise<number>;
}

export class MemoryApiKeyStore extends ApiKeyStore {
  private readonly records = new Map<string, ApiKeyRecord>();

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return [...this.records.values()].find((r) => r.hash === hash);
  }

  async findById(id: string): Promise<ApiKeyRecord | undefined> {
    const record = this.records.get(id);
    return record ? { ...record } : undefined;
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    this.records.set(record.id, { ...record });
  }

  async list(): Promise<ApiKeyRecord[]> {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const record = this.records.get(id);
    if (!record || record.revokedAt) return false;
    record.revokedAt = at;
    return true;
  }

  async countActive(role: Role): Promise<number> {
    return [...this.records.values()].filter((r) => r.role === role && !r.revokedAt).length;
  }
}
