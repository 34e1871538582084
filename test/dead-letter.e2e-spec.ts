import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { deadLetterTopicOf, readDeadLetterHeaders, type ScoredAdV1, Topics } from '@lantern/contracts';
import { ConsumeTopic, IncomingMessage, KafkaBus, MemoryBus, MessageBus } from '@lantern/messaging';
import { LanternApp, loadConfig, startLantern } from '@lantern/platform';
import { AlertsModule } from '@lantern/service-alerts';
import { ClassifierModule } from '@lantern/service-classifier';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { eventually, KafkaTopicReader, makeRawAd, requiredEnv, uniqueName } from '@lantern/testing';

const POISON_TITLE = 'Poison fixture ad';
// Test-only key, handed to the service through LANTERN_BOOTSTRAP_ADMIN_KEY.
const ADMIN_KEY = 'lan_dead-letter-e2e-admin-key-0123456789';
const audited: string[] = [];

/** A downstream consumer (its own group) whose handler always throws for one ad: a permanent bug, say. */
@Controller()
class AuditConsumer {
  @ConsumeTopic(Topics.AdsScored, { group: 'audit-e2e' })
  async onScored(@Payload() scored: ScoredAdV1): Promise<void> {
    if (scored.ad.title === POISON_TITLE) throw new Error('audit sink rejected the ad (simulated bug)');
    audited.push(scored.id);
  }
}

@Module({ controllers: [AuditConsumer] })
class AuditModule {}

type Mode = 'embedded (in-process bus)' | 'distributed (Kafka)';

describe.each<[Mode]>([['embedded (in-process bus)'], ['distributed (Kafka)']])('dead letters in %s mode', (mode) => {
  let lantern: LanternApp;
  let dataDir: string;
  let readTopic: (topic: string) => Promise<IncomingMessage[]>;
  let stopReaders: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    audited.length = 0;
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-dlt-'));
    const prefix = `${uniqueName('e2e')}.`;
    const env: Record<string, string> = {
      PORT: '0',
      DATA_DIR: dataDir,
      MESSAGE_RETRY_BACKOFF_MS: '20',
      SCRAPER_DEMO: 'false',
      LANTERN_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    };
    let bus: MessageBus;
    const logger = pino({ level: 'silent' });
    if (mode === 'distributed (Kafka)') {
      // Kafka and the bus are real; the store is SQLite here to keep this suite about delivery.
      const config = loadConfig('embedded', { ...env, TOPIC_PREFIX: prefix, CONSUMER_GROUP_PREFIX: prefix });
      const brokers = requiredEnv('KAFKA_BROKERS').split(',');
      bus = new KafkaBus({
        brokers,
        clientId: 'dlt-e2e',
        partitions: 3,
        replicationFactor: 1,
        topicPrefix: prefix,
        retry: { maxAttempts: 3, backoffMs: 20, maxBackoffMs: 100 },
        logger,
        onFatal: () => undefined,
      });
      lantern = await startLantern({ service: 'embedded', modules: [ClassifierModule, AlertsModule, AuditModule], config, bus, logger });
      const reader = new KafkaTopicReader(brokers, prefix);
      readTopic = (topic) => reader.read(topic);
      stopReaders = () => reader.close();
    } else {
      const config = loadConfig('embedded', env);
      const memory = new MemoryBus({ partitions: 3, retry: { maxAttempts: 3, backoffMs: 20, maxBackoffMs: 100 } });
      bus = memory;
      lantern = await startLantern({ service: 'embedded', modules: [ClassifierModule, AlertsModule, AuditModule], config, bus, logger });
      readTopic = async (topic) => memory.messages(topic);
    }
  });

  afterAll(async () => {
    await stopReaders();
    await lantern.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('dead-letters a malformed raw ad and a message whose handler always throws, with reasons, and processes what follows', async () => {
    const poison = makeRawAd(1, { title: POISON_TITLE });
    const behind = makeRawAd(2);
    const key = poison.id; // one key: one partition, so the bad messages sit in front of the good one
    await lantern.bus.publish(Topics.AdsRaw, [
      { key, value: Buffer.from('{"schemaVersion":1,"id":"x"') },
      { key, value: Buffer.from(JSON.stringify(poison)) },
      { key, value: Buffer.from(JSON.stringify({ ...behind, id: key, title: 'Behind the poison' })) },
    ]);

    const rawLetters = await eventually(
      async () => {
        const letters = await readTopic(deadLetterTopicOf(Topics.AdsRaw));
        return letters.length >= 1 ? letters : undefined;
      },
      { what: 'the malformed raw ad in ads.raw.v1.DLT' },
    );
    const rawInfo = readDeadLetterHeaders(rawLetters[0]!.headers);
    expect(rawInfo).toMatchObject({ errorClass: 'invalid-message', originalTopic: Topics.AdsRaw, attempts: 1 });
    expect(rawInfo.reason).toMatch(/invalid ads\.raw\.v1 message: not JSON/);
    expect(rawLetters[0]!.value?.toString()).toBe('{"schemaVersion":1,"id":"x"');

    const scoredLetters = await eventually(
      async () => {
        const letters = await readTopic(deadLetterTopicOf(Topics.AdsScored));
        return letters.length >= 1 ? letters : undefined;
      },
      { what: 'the poison scored ad in ads.scored.v1.DLT' },
    );
    const scoredInfo = readDeadLetterHeaders(scoredLetters[0]!.headers);
    expect(scoredInfo.errorClass).toBe('handler-failed');
    expect(scoredInfo.attempts).toBe(3);
    expect(scoredInfo.reason).toBe('handler failed after 3 attempts: Error: audit sink rejected the ad (simulated bug)');
    expect(scoredInfo.consumerGroup).toMatch(/audit-e2e$/);

    // The message behind the poison reached the audit consumer, and the alerts service stored both.
    await eventually(async () => (audited.includes(key) ? true : undefined), { what: 'the ad behind the poison audited' });
    const stored = await eventually(
      async () => {
        const response = await fetch(`${lantern.url}/api/ads/${key}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
        const body = (await response.json()) as { title?: string };
        return body.title === 'Behind the poison' ? body : undefined;
      },
      { what: 'the alerts service storing the newer version' },
    );
    expect(stored.title).toBe('Behind the poison');
  });
});
