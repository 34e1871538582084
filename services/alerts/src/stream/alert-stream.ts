import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LANTERN_CONFIG, type LanternConfig, LOGGER } from '@lantern/platform';
import type { Logger } from 'pino';
import { PollingLoop } from '../database/polling-loop';
import { AlertEvents, type StoredAlertEvent } from '../delivery/alert-events';
import type { MatchSubject } from '../subscriptions/subscription-filter';

export interface StreamEvent extends StoredAlertEvent {
  subject: MatchSubject;
}

export type StreamListener = (events: StreamEvent[]) => void;

const PAGE = 200;

/**
 * Every replica polls the alert event table and fans new events out to its own SSE clients, so each
 * client sees every alert whichever replica recorded it. One poll per replica, not per client.
 */
@Injectable()
export class AlertStream implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly listeners = new Set<StreamListener>();
  private readonly closers = new Set<() => void>();
  private lastSeen = 0;
  /** Bumped on every listen(), so a poll that raced a new client does not skip events past it. */
  private joins = 0;
  private readonly loop: PollingLoop;

  constructor(
    private readonly events: AlertEvents,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // A full page means more may be waiting: read again at once.
    this.loop = new PollingLoop(
      async () => (await this.pollOnce()) >= PAGE,
      config.sse.pollMs,
      (error) => this.logger.warn({ err: { message: error.message } }, 'Alert stream poll failed; retrying'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lastSeen = await this.events.lastSeq();
    this.loop.start();
  }

  /** Open streams would keep the HTTP server from closing: end them first (clients reconnect elsewhere with Last-Event-ID). */
  beforeApplicationShutdown(): void {
    for (const close of [...this.closers]) close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  get clientCount(): number {
    return this.listeners.size;
  }

  /** The newest event this replica has broadcast: a new client without Last-Event-ID starts after it. */
  get position(): number {
    return this.lastSeen;
  }

  /** Registers a client; `close` ends its response at shutdown. Returns the unregister function. */
  listen(listener: StreamListener, close: () => void): () => void {
    this.listeners.add(listener);
    this.closers.add(close);
    this.joins += 1;
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(close);
    };
  }

  /** Stored events after `afterSeq` with their match subjects, oldest first. */
  async read(afterSeq: number, limit: number): Promise<StreamEvent[]> {
    const stored = await this.events.after(afterSeq, limit);
    const subjects = await this.events.subjectsOf(stored.map((e) => e.alert));
    return stored.map((event, i) => ({ ...event, subject: subjects[i]! }));
  }

  private async pollOnce(): Promise<number> {
    if (this.listeners.size === 0) {
      // Nobody listening: just keep up, so the first client does not trigger a long catch-up.
      const joins = this.joins;
      const last = await this.events.lastSeq();
      if (joins === this.joins) this.lastSeen = Math.max(this.lastSeen, last);
      return 0;
    }
    const batch = await this.read(this.lastSeen, PAGE);
    if (batch.length === 0) return 0;
    this.lastSeen = batch.at(-1)!.seq;
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.warn({ err: { message: (error as Error).message } }, 'SSE listener failed');
      }
    }
    return batch.length;
  }
}
