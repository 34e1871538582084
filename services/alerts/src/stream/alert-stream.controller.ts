import { BadRequestException, Controller, Get, Headers, Inject, Ip, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { CurrentPrincipal, LANTERN_CONFIG, type LanternConfig, parseRequest, type Principal, Roles } from '@lantern/platform';
import { z } from 'zod';
import { noticeOf } from '../delivery/alert-events';
import { matchesFilter, type SubscriptionFilter, subscriptionFilter } from '../subscriptions/subscription-filter';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { AlertStream, type StreamEvent } from './alert-stream';

/** Drop a client whose unsent output grows past this: a slow reader must not hold the server's memory. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

const list = (max: number) =>
  z
    .string()
    .max(2_000)
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).max(max));

/** The subscription filters as a query string (lists comma-separated), or a stream subscription's id. */
export const streamQuery = z.strictObject({
  minLevel: z.string().optional(),
  minScore: z.string().optional(),
  indicators: list(50).optional(),
  countries: list(50).optional(),
  languages: list(20).optional(),
  keywords: list(20).optional(),
  linkedContact: z.string().optional(),
  subscriptionId: z.string().max(60).optional(),
  /** For clients that cannot set headers (EventSource polyfills); the Last-Event-ID header wins. */
  lastEventId: z.string().optional(),
});

const eventId = z.string().regex(/^\d{1,15}$/, 'Last-Event-ID must be an event id from this stream');

interface StreamResponse {
  status(code: number): void;
  setHeader(name: string, value: string): void;
  flushHeaders(): void;
  write(chunk: string): boolean;
  end(): void;
  writableLength: number;
  on(event: 'close', listener: () => void): void;
}

/**
 * Server-Sent Events of new and updated alerts. Registered before AlertsController so that
 * /api/alerts/stream is not taken for an alert id by GET /api/alerts/:id.
 */
@Roles('analyst', 'investigator', 'admin')
@Controller('api/alerts/stream')
export class AlertStreamController {
  constructor(
    private readonly stream: AlertStream,
    private readonly subscriptions: SubscriptionsService,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
  ) {}

  @Get()
  async open(
    @CurrentPrincipal() principal: Principal,
    @Ip() ip: string,
    @Query() rawQuery: unknown,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Res() response: StreamResponse,
  ): Promise<void> {
    const { subscriptionId, lastEventId: lastEventIdQuery, ...inline } = parseRequest(streamQuery, rawQuery, 'query');
    let filter: SubscriptionFilter;
    if (subscriptionId) {
      if (Object.keys(inline).length) throw new BadRequestException('Invalid query: give either subscriptionId or filters, not both');
      filter = (await this.subscriptions.get({ principal, ip }, subscriptionId)).filter;
    } else {
      filter = parseRequest(subscriptionFilter, inline, 'query');
    }
    const resumeRaw = lastEventIdHeader ?? lastEventIdQuery;
    const resumeFrom = resumeRaw === undefined ? undefined : Number(parseRequest(eventId, resumeRaw, 'Last-Event-ID'));
    if (this.stream.clientCount >= this.config.sse.maxClients) {
      throw new ServiceUnavailableException('Too many alert streams are open; try again later');
    }

    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 2000\n\n');

    let closed = false;
    let lastSent = resumeFrom ?? this.stream.position;
    let replaying = true;
    const held: StreamEvent[] = [];
    const send = (events: StreamEvent[]) => {
      for (const event of events) {
        if (closed || event.seq <= lastSent) continue;
        lastSent = event.seq;
        if (!matchesFilter(filter, event.subject)) continue;
        const notice = noticeOf(event.alert, this.config.publicBaseUrl);
        response.write(`id: ${event.seq}\nevent: ${notice.type}\ndata: ${JSON.stringify(notice)}\n\n`);
      }
      if (response.writableLength > MAX_BUFFERED_BYTES) close();
    };
    // Listen before replaying: whatever commits while the replay reads is held, then sent without repeats.
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stopListening();
      response.end();
    };
    const stopListening = this.stream.listen((events) => (replaying ? held.push(...events) : send(events)), close);
    // Comments keep proxies and load balancers from closing an idle stream.
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), this.config.sse.heartbeatMs);
    // The response's close, not the request's: it fires when the connection goes, whatever the request body did.
    response.on('close', close);

    try {
      const sendTruncated = (replayed: number) =>
        response.write(`event: replay-truncated\ndata: ${JSON.stringify({ replayed, limit: this.config.sse.replayLimit })}\n\n`);
      if (resumeFrom !== undefined) await this.replay(resumeFrom, send, sendTruncated, () => closed);
      replaying = false;
      send(held.splice(0));
    } catch {
      // Headers are sent: the only honest answer left is to end the stream; the client resumes from its last id.
      close();
    }
  }

  /** Missed events from the database, oldest first, at most SSE_REPLAY_LIMIT of them. */
  private async replay(
    afterSeq: number,
    send: (events: StreamEvent[]) => void,
    sendTruncated: (replayed: number) => void,
    isClosed: () => boolean,
  ): Promise<void> {
    const page = Math.min(200, this.config.sse.replayLimit);
    let after = afterSeq;
    let replayed = 0;
    while (!isClosed() && replayed < this.config.sse.replayLimit) {
      const wanted = Math.min(page, this.config.sse.replayLimit - replayed);
      const events = await this.stream.read(after, wanted);
      send(events);
      replayed += events.length;
      if (events.length < wanted) return;
      after = events.at(-1)!.seq;
    }
    // Said out loud when more was missed, so a client knows to fetch the rest from GET /api/alerts.
    if (!isClosed() && (await this.stream.read(after, 1)).length > 0) sendTruncated(replayed);
  }
}
