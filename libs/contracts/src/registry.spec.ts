import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterHeadersOf, readDeadLetterHeaders } from './dead-letter';
import { jsonSchemas, parseMessage, TopicKeys } from './registry';
import { Topics } from './topics';

// INVENTED TEST FIXTURE
const rawAd = {
  schemaVersion: 1,
  id: 'a1b2c3',
  source: 'fixture',
  description: 'Packing parcels in a warehouse, day shifts.',
  scrapedAt: '2026-01-15T09:00:00.000Z',
  contentHash: 'a'.repeat(64),
};

describe('parseMessage', () => {
  it('accepts a valid raw ad and keys it by its id', () => {
    const result = parseMessage(Topics.AdsRaw, Buffer.from(JSON.stringify(rawAd)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(TopicKeys[Topics.AdsRaw](result.value)).toBe('a1b2c3');
  });

  it('explains what is wrong without quoting the content', () => {
    const secret = 'call +971 55 555 0142';
    const result = parseMessage(Topics.AdsRaw, JSON.stringify({ ...rawAd, title: 42, description: secret, contentHash: 'x' }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/title: .*expected string.*contentHash: a lowercase sha256/) });
    if (!result.ok) expect(result.reason).not.toContain('555');
  });

  it('refuses empty, non-JSON, oversize and title-less empty ads', () => {
    expect(parseMessage(Topics.AdsRaw, null)).toMatchObject({ ok: false, reason: /empty value/ });
    expect(parseMessage(Topics.AdsRaw, '{oops')).toMatchObject({ ok: false, reason: /not JSON/ });
    expect(parseMessage(Topics.AdsRaw, Buffer.alloc(1_000_001, 32))).toMatchObject({ ok: false, reason: /over the 1000000 limit/ });
    expect(parseMessage(Topics.AdsRaw, JSON.stringify({ ...rawAd, description: '   ' }))).toMatchObject({
      ok: false,
      reason: /needs a title or a description/,
    });
    expect(parseMessage(Topics.AdsRaw, JSON.stringify({ ...rawAd, description: 'x'.repeat(50_001) }))).toMatchObject({ ok: false });
  });

  it('rejects unknown schema versions', () => {
    expect(parseMessage(Topics.AdsRaw, JSON.stringify({ ...rawAd, schemaVersion: 2 }))).toMatchObject({
      ok: false,
      reason: /schemaVersion/,
    });
  });
});

describe('dead-letter headers', () => {
  it('round-trip through their string form', () => {
    const info = {
      reason: 'handler failed after 3 attempts: Error: boom',
      errorClass: 'handler-failed' as const,
      originalTopic: Topics.AdsScored,
      originalPartition: 2,
      originalOffset: '41',
      consumerGroup: 'lantern.alerts',
      attempts: 3,
      firstFailureAt: '2026-01-15T09:00:00.000Z',
      failedAt: '2026-01-15T09:00:01.000Z',
    };
    expect(readDeadLetterHeaders(deadLetterHeadersOf(info))).toEqual(info);
  });
});

describe('JSON Schemas for outside consumers', () => {
  it('match the committed files in libs/contracts/schemas (run `npm run contracts:schemas` after a change)', () => {
    for (const [topic, schema] of Object.entries(jsonSchemas())) {
      const committed: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', `${topic}.schema.json`), 'utf8'));
      expect(committed).toEqual(schema);
    }
  });

  it('describe the required fields of a raw ad', () => {
    const schema = jsonSchemas()[Topics.AdsRaw] as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'source', 'description', 'scrapedAt', 'contentHash']));
  });
});
