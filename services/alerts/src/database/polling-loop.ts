/**
 * Runs a round of table polling until stopped: again at once while a round says more work is waiting,
 * otherwise after `idleMs`. `poke()` cuts a wait short (a commit just wrote work). One instance per
 * worker; `stop()` waits for the round in progress to finish.
 */
export class PollingLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly round: () => Promise<boolean>,
    private readonly idleMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      try {
        more = await this.round();
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
      if (!more && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
