import { Injectable } from '@nestjs/common';
import type { ScoredAdV1 } from '@lantern/contracts';
import { type AlertOutcome, ScoredAdStore } from './scored-ad.store';

const MAX_BATCH = 500;

interface Waiter {
  scored: ScoredAdV1;
  resolve(outcome: AlertOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the consume path: messages that arrive while a batch is being written (Kafka hands
 * several partitions to the handler at once) are stored together in the next transaction. A lone
 * message is written at once, so batching adds no latency. When a batch fails, its messages are
 * retried one by one, so one bad message fails alone and the bus retries or dead-letters only it.
 */
@Injectable()
export class ScoredAdBatcher {
  private queue: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  /** Transactions written, for tests and metrics. */
  flushes = 0;

  constructor(private readonly store: ScoredAdStore) {}

  submit(scored: ScoredAdV1): Promise<AlertOutcome> {
    return new Promise<AlertOutcome>((resolve, reject) => {
      this.queue.push({ scored, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.write(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async write(batch: Waiter[]): Promise<void> {
    this.flushes += 1;
    try {
      const outcomes = await this.store.storeMany(batch.map((w) => w.scored));
      for (const w of batch) w.resolve(outcomes.get(w.scored.id) ?? 'unchanged');
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const w of batch) await this.write([w]);
    }
  }
}
