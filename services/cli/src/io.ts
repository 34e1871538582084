import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** The environment commands read (tests pass their own); process.env when absent. */
  env?: Record<string, string | undefined>;
}

/** Writes a line, waiting when the stream asks for back-pressure. */
export async function writeLine(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line + '\n')) {
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }
}

export class UsageError extends Error {}
