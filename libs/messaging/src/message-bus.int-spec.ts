import { DeadLetterHeaders, deadLetterTopicOf, readDeadLetterHeaders, RawAdV1, Topics } from '@lantern/contracts';
import pino from 'pino';
import { eventually, KafkaTopicReader, makeRawAd, requiredEnv, uniqueName } from '@lantern/testing';
import { KafkaBus } from './kafka-bus';
import { MemoryBus } from './memory-bus';
import { IncomingMessage, MessageBus, PermanentFailure } from './message-bus';

const retry = { maxAttempts: 3, backoffMs: 20, maxBackoffMs: 100 };
const silent = pino({ level: 'silent' });

interface Harness {
  bus: MessageBus;
  /** Everything on a topic so far (the dead-letter topic, typically). */
  read(topic: string): Promise<IncomingMessage[]>;
  close(): Promise<void>;
}

function memoryHarness(): Harness {
  const bus = new MemoryBus({ partitions: 3, retry });
  return { bus, read: async (topic) => bus.messages(topic), close: () => bus.close() };
}

function kafkaHarness(): Harness {
  const prefix = `${uniqueName('it')}.`;
  const brokers = requiredEnv('KAFKA_BROKERS').split(',');
  const bus = new KafkaBus({
    brokers,
    clientId: 'bus-contract-test',
    partitions: 3,
    replicationFactor: 1,
    topicPrefix: prefix,
    retry,
    logger: silent,
    onFatal: (error) => {
      throw error;
    },
  });
  const reader = new KafkaTopicReader(brokers, prefix);
  return {
    bus,
    read: (topic) => reader.read(topic),
    close: async () => {
      await reader.close();
      await bus.close();
    },
  };
}

describe.each([
  ['in-process', memoryHarness],
  ['Kafka', kafkaHarness],
])('the message bus over %s', (_name, makeHarness) => {
  let harness: Harness;

  beforeEach(async () => {
    harness = makeHarness();
    await harness.bus.ensureTopics(Object.values(Topics));
  });

  afterEach(async () => {
    await harness.close();
  });

  async function publishAds(ads: RawAdV1[]): Promise<void> {
    await harness.bus.publish(
      Topics.AdsRaw,
      ads.map((ad) => ({ key: ad.id, value: Buffer.from(JSON.stringify(ad)) })),
    );
  }

  it('delivers every message to every group once, in order per key', async () => {
    const ads = Array.from({ length: 30 }, (_, i) => makeRawAd(i));
    const received = { a: [] as string[], b: [] as string[] };
    await harness.bus.subscribe({
      groupId: uniqueName('a'),
      topics: [Topics.AdsRaw],
      handler: async (v) => void received.a.push((v as RawAdV1).id),
    });
    await harness.bus.subscribe({
      groupId: uniqueName('b'),
      topics: [Topics.AdsRaw],
      handler: async (v) => void received.b.push((v as RawAdV1).id),
    });
    await publishAds(ads);
    await eventually(async () => (received.a.length >= 30 && received.b.length >= 30 ? true : undefined), {
      what: '30 messages in both groups',
    });
    expect(new Set(received.a).size).toBe(30);
    expect(received.a.sort()).toEqual(ads.map((a) => a.id).sort());
    expect(received.b.sort()).toEqual(received.a);
  });

  it('dead-letters a malformed message with its reason and processes the messages behind it', async () => {
    const handled: string[] = [];
    await harness.bus.subscribe({
      groupId: uniqueName('g'),
      topics: [Topics.AdsRaw],
      handler: async (v) => void handled.push((v as RawAdV1).id),
    });
    const good = makeRawAd(1);
    const behind = makeRawAd(2);
    // Same key, so same partition: the malformed ones sit in front of `behind`.
    await harness.bus.publish(Topics.AdsRaw, [
      { key: good.id, value: Buffer.from(JSON.stringify(good)) },
      { key: good.id, value: Buffer.from('{"not": "an ad"') },
      { key: good.id, value: Buffer.from(JSON.stringify({ ...good, description: 42 })) },
      { key: good.id, value: Buffer.from(JSON.stringify({ ...behind, id: good.id })) },
    ]);
    const letters = await eventually(
      async () => {
        const all = await harness.read(deadLetterTopicOf(Topics.AdsRaw));
        return all.length >= 2 && handled.length >= 2 ? all : undefined;
      },
      { what: 'two dead letters and two handled messages' },
    );
    expect(handled).toEqual([good.id, good.id]);
    const infos = letters.map((l) => readDeadLetterHeaders(l.headers));
    expect(infos.map((i) => i.errorClass)).toEqual(['invalid-message', 'invalid-message']);
    expect(infos[0]!.reason).toMatch(/not JSON/);
    expect(infos[1]!.reason).toMatch(/description: .*expected string/i);
    expect(infos[0]!.originalTopic).toBe(Topics.AdsRaw);
    expect(letters[0]!.value?.toString()).toBe('{"not": "an ad"');
    expect(letters[0]!.key).toBe(good.id);
  });

  it('retries a failing handler with back-off, then dead-letters it, and goes on', async () => {
    const poison = makeRawAd(10);
    const behind = makeRawAd(11);
    const attempts = new Map<string, number>();
    const done: string[] = [];
    await harness.bus.subscribe({
      groupId: uniqueName('g'),
      topics: [Topics.AdsRaw],
      handler: async (v) => {
        const ad = v as RawAdV1;
        attempts.set(ad.title!, (attempts.get(ad.title!) ?? 0) + 1);
        if (ad.title === poison.title) throw new Error('store unavailable (simulated)');
        done.push(ad.title!);
      },
    });
    await harness.bus.publish(
      Topics.AdsRaw,
      [poison, { ...behind, id: poison.id }].map((ad) => ({ key: poison.id, value: Buffer.from(JSON.stringify(ad)) })),
    );
    const [letter] = await eventually(
      async () => {
        const all = await harness.read(deadLetterTopicOf(Topics.AdsRaw));
        return all.length >= 1 && done.length >= 1 ? all : undefined;
      },
      { what: 'the poison message dead-lettered and the next one handled' },
    );
    const info = readDeadLetterHeaders(letter!.headers);
    expect(info).toMatchObject({ errorClass: 'handler-failed', attempts: 3, originalTopic: Topics.AdsRaw });
    expect(info.reason).toBe('handler failed after 3 attempts: Error: store unavailable (simulated)');
    expect(letter!.headers[DeadLetterHeaders.consumerGroup]).toMatch(/^g_/);
    expect(attempts.get(poison.title!)).toBe(3);
    expect(done).toEqual([behind.title]);
  });

  it('recovers from a transient failure without dead-lettering, and skips retries on a permanent one', async () => {
    const flaky = makeRawAd(20);
    const permanent = makeRawAd(21);
    let flakyCalls = 0;
    let permanentCalls = 0;
    await harness.bus.subscribe({
      groupId: uniqueName('g'),
      topics: [Topics.AdsRaw],
      handler: async (v) => {
        const ad = v as RawAdV1;
        if (ad.id === flaky.id && ++flakyCalls < 2) throw new Error('timeout (simulated)');
        if (ad.id === permanent.id) {
          permanentCalls++;
          throw new PermanentFailure('cannot ever be stored (simulated)');
        }
      },
    });
    await publishAds([flaky, permanent]);
    const letters = await eventually(
      async () => {
        const all = await harness.read(deadLetterTopicOf(Topics.AdsRaw));
        return all.length >= 1 && flakyCalls >= 2 ? all : undefined;
      },
      { what: 'the flaky ad retried and the permanent failure dead-lettered' },
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.key).toBe(permanent.id);
    expect(readDeadLetterHeaders(letters[0]!.headers)).toMatchObject({ attempts: 1, errorClass: 'handler-failed' });
    expect(permanentCalls).toBe(1);
    expect(flakyCalls).toBe(2);
  });

  it('commits only what was handled: a restarted group member resumes after the last processed message', async () => {
    const groupId = uniqueName('g');
    const first: string[] = [];
    const ads = Array.from({ length: 10 }, (_, i) => makeRawAd(100 + i));
    const consumer = await harness.bus.subscribe({
      groupId,
      topics: [Topics.AdsRaw],
      handler: async (v) => void first.push((v as RawAdV1).id),
    });
    await publishAds(ads.slice(0, 5));
    await eventually(async () => (first.length >= 5 ? true : undefined), { what: 'first five handled' });
    await consumer.stop();
    await publishAds(ads.slice(5));
    const second: string[] = [];
    await harness.bus.subscribe({ groupId, topics: [Topics.AdsRaw], handler: async (v) => void second.push((v as RawAdV1).id) });
    await eventually(async () => (second.length >= 5 ? true : undefined), { what: 'last five handled after restart' });
    expect(second.sort()).toEqual(
      ads
        .slice(5)
        .map((a) => a.id)
        .sort(),
    );
    expect(first.sort()).toEqual(
      ads
        .slice(0, 5)
        .map((a) => a.id)
        .sort(),
    );
  });
});
