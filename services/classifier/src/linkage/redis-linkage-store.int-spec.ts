import { contactKey, type LinkageStore, type LinkKeys, MemoryLinkageStore, simhash64 } from '@lantern/detection';
import { requiredEnv, uniqueName } from '@lantern/testing';
import Redis from 'ioredis';
import { RedisLinkageStore } from './redis-linkage-store';

const SECRET = 'test-secret-test-secret-test-secret!';
const at = new Date('2026-03-01T12:00:00Z');
const later = (days: number) => new Date(at.getTime() + days * 86_400_000);

// INVENTED TEST FIXTURES: a recruiter's phone reused across ads for several countries.
const phone = contactKey(SECRET, 'phone', '+97155550142');
const other = contactKey(SECRET, 'phone', '+97155550199');
const text = 'hotel cleaners wanted in dubai no experience free visa and ticket contact on whatsapp only';
const keys = (contacts: string[], body = text): LinkKeys => ({ contacts, textSimhash: simhash64(body) });

/** The same scenario against Redis and the in-memory store: both must tell the same story. */
describe.each([
  ['Redis', () => new RedisLinkageStore(new Redis(requiredEnv('REDIS_URL')), `${uniqueName('it')}:`)],
  ['memory', () => new MemoryLinkageStore()],
])('linkage in %s', (_name, makeStore: () => LinkageStore) => {
  let store: LinkageStore;

  beforeEach(() => {
    store = makeStore();
  });

  afterEach(async () => {
    if (store instanceof RedisLinkageStore) await (store as unknown as { redis: Redis }).redis.quit();
  });

  it('links ads that share a contact across sources and countries, within the window', async () => {
    await store.record('ad-1', keys([phone]), { source: 'board-a', country: 'AE', city: 'Dubai' }, at);
    await store.record('ad-2', keys([phone], `${text} qatar`), { source: 'board-b', country: 'QA', city: 'Doha' }, later(1));
    await store.record(
      'ad-3',
      keys([phone, other], 'a completely different ad about accountants in riyadh with a company'),
      { source: 'board-b', country: 'SA' },
      later(2),
    );
    await store.record('ad-old', keys([phone]), { source: 'board-c', country: 'MY' }, later(-60));

    const snapshot = await store.lookup('ad-3', keys([phone, other]), later(2));
    const shared = snapshot.contacts.find((c) => c.key === phone);
    expect(shared?.adIds.sort()).toEqual(['ad-1', 'ad-2', 'ad-3']);
    expect(shared?.countries).toEqual(['AE', 'QA', 'SA']);
    expect(shared?.sources).toBe(2);
    expect(shared?.cities).toBe(2);
    expect(snapshot.contacts.find((c) => c.key === other)?.adIds).toEqual(['ad-3']);
  });

  it('finds near-duplicate texts and ignores different ones', async () => {
    await store.record('dup-1', keys([], text), { source: 'a' }, at);
    await store.record('dup-2', keys([], text), { source: 'b' }, at);
    await store.record(
      'diff',
      keys([], 'registered nurse for a surgical ward in dublin, nmbi registration, pension scheme'),
      { source: 'c' },
      at,
    );
    const snapshot = await store.lookup('dup-3', keys([], text), at);
    expect(snapshot.nearDuplicates.adIds.sort()).toEqual(['dup-1', 'dup-2']);
    expect(snapshot.nearDuplicates.sources).toBe(2);
  });

  it('re-recording a changed ad unlinks the contact it dropped', async () => {
    await store.record('ad-x', keys([phone]), { source: 'a', country: 'AE' }, at);
    await store.record('ad-x', keys([other]), { source: 'a', country: 'AE' }, at);
    const snapshot = await store.lookup('ad-y', keys([phone]), at);
    expect(snapshot.contacts.find((c) => c.key === phone)?.adIds ?? []).not.toContain('ad-x');
  });
});
