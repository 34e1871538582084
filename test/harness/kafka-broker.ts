import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const KAFKA_VERSION = '3.9.1';
const POM = resolve(__dirname, 'kafka', 'pom.xml');
const LOG4J = resolve(__dirname, 'kafka', 'log4j.properties');

export interface RunningBroker {
  brokers: string;
  startupMs: number;
  stop(): Promise<void>;
}

/** Where the broker's jars live: cached outside the repository, fetched once from Maven Central. */
export function kafkaJarsDir(): string {
  return process.env['LANTERN_KAFKA_JARS'] ?? join(homedir(), '.cache', 'lantern', `kafka-${KAFKA_VERSION}`);
}

export function ensureKafkaJars(log: (line: string) => void = () => undefined): string {
  const dir = kafkaJarsDir();
  const hasJars = existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('kafka_2.13-'));
  if (!hasJars) {
    log(`Fetching Kafka ${KAFKA_VERSION} jars with Maven into ${dir}`);
    mkdirSync(dir, { recursive: true });
    execFileSync('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${dir}`], { stdio: 'inherit' });
  }
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A single-node KRaft broker on free loopback ports, from the Maven jars (no Docker here). Loopback
 * addresses are spelled 127.0.0.1: Node may resolve "localhost" to ::1 first.
 */
export async function startKafkaBroker(log: (line: string) => void = () => undefined): Promise<RunningBroker> {
  const started = Date.now();
  const jars = ensureKafkaJars(log);
  const [port, controllerPort] = [await freePort(), await freePort()];
  const work = mkdtempSync(join(tmpdir(), 'lantern-kafka-'));
  const properties = join(work, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${join(work, 'data')}`,
      'num.partitions=1',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      // Without this every first group join waits 3 s.
      'group.initial.rebalance.delay.ms=0',
      'log.flush.interval.messages=10000',
    ].join('\n'),
  );
  const classpath = `${jars}/*`;
  const clusterId = randomBytes(16).toString('base64url');
  execFileSync(
    'java',
    [
      '-cp',
      classpath,
      `-Dlog4j.configuration=file:${LOG4J}`,
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      `--cluster-id=${clusterId}`,
      '--config',
      properties,
    ],
    {
      stdio: 'pipe',
    },
  );
  const broker: ChildProcess = spawn(
    'java',
    [
      '-Xms256m',
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-cp',
      classpath,
      `-Dlog4j.configuration=file:${LOG4J}`,
      'kafka.Kafka',
      properties,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  let output = '';
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kafka did not start within 90 s:\n${output.slice(-3000)}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Kafka Server started')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    broker.stdout?.on('data', onData);
    broker.stderr?.on('data', onData);
    broker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Kafka exited with code ${code} while starting:\n${output.slice(-3000)}`));
    });
  });
  broker.removeAllListeners('exit');
  return {
    brokers: `127.0.0.1:${port}`,
    startupMs: Date.now() - started,
    stop: async () => {
      if (broker.exitCode === null) {
        const exited = new Promise<void>((done) => broker.once('exit', () => done()));
        broker.kill('SIGTERM');
        const timer = setTimeout(() => broker.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
