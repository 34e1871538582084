import type { Writable } from 'node:stream';
import { writeLine } from './io';

/** How often the progress line is redrawn at most (a counter per ad would flood a slow terminal). */
const REDRAW_EVERY_MS = 250;

/**
 * A one-line counter on stderr for long runs: shown only when stderr is a terminal (or forced with
 * --progress), so pipes and logs get the final summary and nothing else.
 */
export class Progress {
  private readonly counts = new Map<string, number>();
  private lastDrawn = 0;
  /** A progress line is on screen without its newline. */
  private lineOpen = false;

  constructor(
    private readonly stream: Writable,
    private readonly enabled: boolean,
    names: string[],
  ) {
    for (const name of names) this.counts.set(name, 0);
  }

  static shown(stream: Writable, forced: boolean | undefined): boolean {
    return forced === true || (stream as Writable & { isTTY?: boolean }).isTTY === true;
  }

  add(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
    const now = Date.now();
    if (this.enabled && now - this.lastDrawn >= REDRAW_EVERY_MS) {
      this.lastDrawn = now;
      this.stream.write(`\r${this.line()}`);
      this.lineOpen = true;
    }
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  line(): string {
    return [...this.counts].map(([name, value]) => `${name} ${value}`).join(', ');
  }

  /** Writes a message line on the stream, below the progress line rather than glued to it. */
  async message(text: string): Promise<void> {
    this.finish();
    await writeLine(this.stream, text);
  }

  /** Ends the progress line so what follows starts on its own line. */
  finish(): void {
    if (this.lineOpen) this.stream.write('\n');
    this.lineOpen = false;
  }
}
