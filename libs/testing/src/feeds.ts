// Loopback webhook receiver and SSE reader for the alert feed tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What the receiver does with one request: answer with a status (and headers), or never answer. */
export type Behaviour = { status: number; headers?: Record<string, string> } | 'hang';

/** A loopback HTTP server that plays scripted answers per path (then 200) and records every request. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  connections = 0;
  private readonly scripts = new Map<string, Behaviour[]>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  script(path: string, behaviours: Behaviour[]): void {
    this.scripts.set(path, [...behaviours]);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const path = request.url ?? '/';
    this.received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
    const behaviour = this.scripts.get(path)?.shift() ?? { status: 200 };
    if (behaviour === 'hang') return;
    response.writeHead(behaviour.status, behaviour.headers ?? {});
    response.end('ok');
  }
}

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** Reads a text/event-stream response into events. */
export class SseReader {
  readonly events: SseEvent[] = [];
  comments = 0;
  /** Set when the server ended the stream. */
  ended = false;
  status = 0;
  private readonly abort = new AbortController();
  private done: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  async open(): Promise<this> {
    const response = await fetch(this.url, { headers: this.headers, signal: this.abort.signal });
    this.status = response.status;
    if (!response.ok || !response.body) return this;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            this.ended = true;
            return;
          }
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = new Map<string, string>();
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) {
                this.comments += 1;
                continue;
              }
              const colon = line.indexOf(':');
              if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
            }
            if (fields.has('data')) this.events.push({ id: fields.get('id'), event: fields.get('event'), data: fields.get('data')! });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    return this;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
