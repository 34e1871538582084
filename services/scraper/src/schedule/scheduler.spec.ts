import { Scheduler, type SchedulerClock } from './scheduler';

/** A clock whose time only moves when the test says; timers fire in due order. */
class FakeClock implements SchedulerClock {
  time = Date.parse('2026-11-29T03:00:30Z');
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers one by one and letting their runs settle. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = until;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const MINUTE = 60_000;

describe('Scheduler', () => {
  it('runs an interval source at start and then every interval', async () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    const scheduler = new Scheduler(
      [{ name: 'a', schedule: { every: 10 * MINUTE } }],
      async () => {
        runs.push(clock.now());
      },
      { clock, backoffBaseMs: MINUTE, backoffMaxMs: 60 * MINUTE },
    );
    scheduler.start();
    await clock.advance(35 * MINUTE);
    const start = Date.parse('2026-11-29T03:00:30Z');
    expect(runs).toEqual([start, start + 10 * MINUTE, start + 20 * MINUTE, start + 30 * MINUTE]);
    expect(scheduler.nextRunAt('a')).toBe(start + 40 * MINUTE);
    await scheduler.stop();
  });

  it('runs a cron source at its next matching minute, not at start', async () => {
    const clock = new FakeClock();
    const runs: string[] = [];
    const scheduler = new Scheduler(
      [{ name: 'c', schedule: { cron: '*/15 * * * *' } }],
      async () => {
        runs.push(new Date(clock.now()).toISOString());
      },
      { clock, backoffBaseMs: MINUTE, backoffMaxMs: 60 * MINUTE },
    );
    scheduler.start();
    await clock.advance(31 * MINUTE);
    expect(runs).toEqual(['2026-11-29T03:15:00.000Z', '2026-11-29T03:30:00.000Z']);
    await scheduler.stop();
  });

  it('never runs a source twice at once, even when asked to run it now', async () => {
    const clock = new FakeClock();
    let running = 0;
    let most = 0;
    let calls = 0;
    let release: () => void = () => undefined;
    const scheduler = new Scheduler(
      [{ name: 'slow', schedule: { every: MINUTE } }],
      async () => {
        calls++;
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
      { clock, backoffBaseMs: MINUTE, backoffMaxMs: 60 * MINUTE },
    );
    scheduler.start();
    await clock.advance(10 * MINUTE); // the first run is still going: no timer fires a second one
    const again = scheduler.runNow('slow');
    expect(scheduler.isRunning('slow')).toBe(true);
    release();
    await again;
    expect(calls).toBe(1);
    expect(most).toBe(1);
    await scheduler.stop();
  });

  it('backs a failing source off exponentially up to the cap while the others keep their schedule', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const failures: number[] = [];
    const healthy: number[] = [];
    const retries: number[] = [];
    const scheduler = new Scheduler(
      [
        { name: 'broken', schedule: { every: MINUTE } },
        { name: 'fine', schedule: { every: 10 * MINUTE } },
      ],
      async (name) => {
        if (name === 'fine') {
          healthy.push(clock.now() - start);
          return;
        }
        failures.push(clock.now() - start);
        throw new Error('site down');
      },
      {
        clock,
        backoffBaseMs: 2 * MINUTE,
        backoffMaxMs: 16 * MINUTE,
        onRunEnd: (name, outcome) => {
          if (!outcome.ok) retries.push(outcome.consecutiveFailures);
        },
      },
    );
    scheduler.start();
    await clock.advance(70 * MINUTE);
    // Waits of 2, 4, 8, 16, 16 ... minutes after each failure.
    expect(failures.slice(0, 6)).toEqual([0, 2, 6, 14, 30, 46].map((m) => m * MINUTE));
    expect(retries.slice(0, 3)).toEqual([1, 2, 3]);
    expect(healthy).toEqual([0, 10, 20, 30, 40, 50, 60, 70].map((m) => m * MINUTE));
    await scheduler.stop();
  });

  it('starts afresh after a success: the back-off resets', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    let fail = 2;
    const runs: number[] = [];
    const scheduler = new Scheduler(
      [{ name: 'flaky', schedule: { every: MINUTE } }],
      async () => {
        runs.push((clock.now() - start) / MINUTE);
        if (fail-- > 0) throw new Error('flaky');
      },
      { clock, backoffBaseMs: 5 * MINUTE, backoffMaxMs: 60 * MINUTE },
    );
    scheduler.start();
    await clock.advance(18 * MINUTE);
    expect(runs).toEqual([0, 5, 15, 16, 17, 18]);
    await scheduler.stop();
  });

  it('stop() aborts in-flight runs, waits for them and clears every timer', async () => {
    const clock = new FakeClock();
    let aborted = false;
    let finished = false;
    const scheduler = new Scheduler(
      [
        { name: 'long', schedule: { every: MINUTE } },
        { name: 'later', schedule: { cron: '0 * * * *' } },
      ],
      async (name, signal) => {
        if (name !== 'long') return;
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        aborted = signal.aborted;
        finished = true;
      },
      { clock, backoffBaseMs: MINUTE, backoffMaxMs: 60 * MINUTE },
    );
    scheduler.start();
    await clock.advance(0);
    expect(clock.pending).toBe(1); // the cron source waits; the long run holds no timer
    await scheduler.stop();
    expect(aborted).toBe(true);
    expect(finished).toBe(true);
    expect(clock.pending).toBe(0);
    await clock.advance(120 * MINUTE);
    expect(clock.pending).toBe(0);
  });
});
