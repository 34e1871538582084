import { Injectable } from '@nestjs/common';
import { type SourceCounts, zeroCounts } from './scraper-metrics';

/** What this process knows about one source's runs (since it started; counters restart with it). */
export interface SourceRunState {
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  /** Message only: never a stack, never page content. */
  lastError: string | null;
  consecutiveFailures: number;
  running: boolean;
  counts: SourceCounts;
}

/** Per-source run state, shared by the runner (writes) and GET /api/sources (reads). */
@Injectable()
export class SourceStatusBoard {
  private readonly states = new Map<string, SourceRunState>();

  of(name: string): SourceRunState {
    let state = this.states.get(name);
    if (!state) {
      state = { lastRunAt: null, lastSuccessAt: null, lastError: null, consecutiveFailures: 0, running: false, counts: zeroCounts() };
      this.states.set(name, state);
    }
    return state;
  }

  started(name: string, at: Date): void {
    const state = this.of(name);
    state.lastRunAt = at.toISOString();
    state.running = true;
  }

  succeeded(name: string, at: Date): void {
    const state = this.of(name);
    state.running = false;
    state.lastSuccessAt = at.toISOString();
    state.consecutiveFailures = 0;
  }

  stopped(name: string): void {
    this.of(name).running = false;
  }

  failed(name: string, message: string): void {
    const state = this.of(name);
    state.running = false;
    state.lastError = message.slice(0, 500);
    state.consecutiveFailures++;
  }
}
