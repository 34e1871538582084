import { nextCronTime, parseCron, type CronSchedule } from '@lantern/scraping';

export type Schedule = { every: number } | { cron: string };

export interface ScheduledSource {
  name: string;
  schedule: Schedule;
}

/** Runs one source once; rejects when the run failed. Must stop soon after the signal aborts. */
export type SourceRunner = (name: string, signal: AbortSignal) => Promise<void>;

/** Time and timers, replaceable in tests. */
export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerOptions {
  clock?: SchedulerClock;
  /** First wait after a failed run; doubles with each further failure. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Told after every run, for status and logs; must not throw. */
  onRunEnd?: (name: string, outcome: { ok: true } | { ok: false; error: Error; consecutiveFailures: number; retryAt: number }) => void;
}

interface SourceState {
  source: ScheduledSource;
  cron: CronSchedule | undefined;
  timer: unknown;
  /** When the pending timer fires (ms since epoch), undefined while running or stopped. */
  nextAt: number | undefined;
  running: Promise<void> | undefined;
  lastStartedAt: number | undefined;
  consecutiveFailures: number;
}

/** setTimeout holds at most ~24.8 days; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs each source on its interval or cron. A source never runs twice at once (the next run is only
 * scheduled when the current one ends), a failing source waits longer after each failure (exponential,
 * capped, never sooner than its schedule) without holding up the others, and stop() aborts in-flight
 * runs and clears every timer.
 */
export class Scheduler {
  private readonly states = new Map<string, SourceState>();
  private readonly abort = new AbortController();
  private readonly clock: SchedulerClock;
  private started = false;

  constructor(
    sources: ScheduledSource[],
    private readonly runner: SourceRunner,
    private readonly options: SchedulerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    for (const source of sources) {
      const cron = 'cron' in source.schedule ? parseCron(source.schedule.cron) : undefined;
      this.states.set(source.name, {
        source,
        cron,
        timer: undefined,
        nextAt: undefined,
        running: undefined,
        lastStartedAt: undefined,
        consecutiveFailures: 0,
      });
    }
  }

  /** Interval sources run straight away, cron sources at their next matching minute. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const state of this.states.values()) {
      this.arm(state, state.cron ? nextCronTime(state.cron, new Date(this.clock.now())).getTime() : this.clock.now());
    }
  }

  /** Runs a source now unless it is already running (then waits for that run); its timer restarts after. */
  async runNow(name: string): Promise<void> {
    const state = this.states.get(name);
    if (!state) throw new Error(`no scheduled source named ${name}`);
    if (state.running) return state.running;
    if (this.abort.signal.aborted) return;
    this.disarm(state);
    return this.run(state);
  }

  nextRunAt(name: string): number | undefined {
    return this.states.get(name)?.nextAt;
  }

  isRunning(name: string): boolean {
    return this.states.get(name)?.running !== undefined;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const state of this.states.values()) this.disarm(state);
    await Promise.allSettled([...this.states.values()].flatMap((state) => (state.running ? [state.running] : [])));
  }

  private arm(state: SourceState, at: number): void {
    if (this.abort.signal.aborted) return;
    this.disarm(state);
    state.nextAt = at;
    const wait = Math.max(0, at - this.clock.now());
    state.timer = this.clock.setTimer(
      () => {
        state.timer = undefined;
        if (this.clock.now() < at) this.arm(state, at);
        else void this.run(state);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
  }

  private disarm(state: SourceState): void {
    if (state.timer !== undefined) this.clock.clearTimer(state.timer);
    state.timer = undefined;
    state.nextAt = undefined;
  }

  private run(state: SourceState): Promise<void> {
    const startedAt = this.clock.now();
    state.lastStartedAt = startedAt;
    const running = (async () => {
      let failure: Error | undefined;
      try {
        await this.runner(state.source.name, this.abort.signal);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
      state.running = undefined;
      if (this.abort.signal.aborted) return;
      const scheduled = this.scheduledAfter(state, startedAt);
      if (!failure) {
        state.consecutiveFailures = 0;
        this.options.onRunEnd?.(state.source.name, { ok: true });
        this.arm(state, scheduled);
        return;
      }
      state.consecutiveFailures++;
      const backoff = Math.min(this.options.backoffBaseMs * 2 ** Math.min(state.consecutiveFailures - 1, 40), this.options.backoffMaxMs);
      const retryAt = Math.max(scheduled, this.clock.now() + backoff);
      this.options.onRunEnd?.(state.source.name, { ok: false, error: failure, consecutiveFailures: state.consecutiveFailures, retryAt });
      this.arm(state, retryAt);
    })();
    state.running = running;
    return running;
  }

  /** The next regular run: interval counted from the last start (never in the past), or the next cron minute. */
  private scheduledAfter(state: SourceState, startedAt: number): number {
    const now = this.clock.now();
    if (state.cron) return nextCronTime(state.cron, new Date(now)).getTime();
    const every = (state.source.schedule as { every: number }).every;
    return Math.max(startedAt + every, now);
  }
}
