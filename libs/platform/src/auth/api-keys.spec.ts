import { MemoryApiKeyStore } from './api-key.store';
import { bearerToken, hashApiKey } from './api-key';
import { ApiKeys } from './api-keys';

describe('API keys', () => {
  it('verifies a created key, stores only its hash, and refuses it once revoked', async () => {
    const store = new MemoryApiKeyStore();
    const keys = new ApiKeys(store);
    const { key, record } = await keys.create('analyst', 'night shift');
    expect(JSON.stringify(await store.list())).not.toContain(key);
    expect((await store.list())[0]?.hash).toBe(hashApiKey(key));
    expect(await keys.verify(key)).toEqual({ keyId: record.id, name: 'night shift', role: 'analyst' });
    expect(await keys.verify(`${key}x`)).toBeUndefined();
    expect(await keys.revoke(record.id)).toBe(true);
    expect(await keys.verify(key)).toBeUndefined();
    expect(await keys.revoke(record.id)).toBe(false);
  });

  it('bootstraps an admin only while none exists', async () => {
    const keys = new ApiKeys(new MemoryApiKeyStore());
    const first = 'lan_first-admin-key-0123456789abcdefghijkl';
    expect(await keys.bootstrapAdmin(undefined)).toBe(false);
    expect(await keys.bootstrapAdmin(first)).toBe(true);
    expect((await keys.verify(first))?.role).toBe('admin');
    expect(await keys.bootstrapAdmin(first)).toBe(false);
    expect(await keys.bootstrapAdmin('lan_second-admin-key-0123456789abcdefghij')).toBe(false);
    expect(await keys.list()).toHaveLength(1);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer lan_abc')).toBe('lan_abc');
    expect(bearerToken('bearer   lan_abc ')).toBe('lan_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('Bearer two words')).toBeUndefined();
    expect(bearerToken(`Bearer ${'x'.repeat(2_000)}`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
