import { checkOutboundTarget, OutboundTargetError, pinnedLookup, type Resolver } from '@lantern/platform';
import { Agent, request } from 'undici';

export type SendResult =
  | { kind: 'response'; statusCode: number; retryAfter: string | undefined }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Posts one webhook. The target is checked on every send, not only when the subscription was saved
 * (DNS can change), and the socket connects to the very address that was checked. No redirects are
 * followed: a redirect would be a second, unchecked target.
 */
export class WebhookSender {
  constructor(private readonly options: { allowPrivate: boolean; timeoutMs: number; resolve?: Resolver }) {}

  async send(webhook: WebhookRequest): Promise<SendResult> {
    let target;
    try {
      target = await checkOutboundTarget(webhook.url, {
        allowPrivate: this.options.allowPrivate,
        ...(this.options.resolve ? { resolve: this.options.resolve } : {}),
      });
    } catch (error) {
      if (error instanceof OutboundTargetError) return { kind: 'refused', reason: error.message };
      throw error;
    }
    const agent = new Agent({
      connect: { lookup: pinnedLookup(target), timeout: this.options.timeoutMs },
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
    });
    try {
      const response = await request(target.url, {
        method: 'POST',
        dispatcher: agent,
        headers: { ...webhook.headers, 'content-type': 'application/json', 'user-agent': 'Lantern-Webhooks/1' },
        body: webhook.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // The body is not needed and may be large: drop it without buffering.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const retryAfter = response.headers['retry-after'];
      return { kind: 'response', statusCode: response.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined };
    } catch (error) {
      return { kind: 'failed', reason: describeFailure(error) };
    } finally {
      await agent.close().catch(() => undefined);
    }
  }
}

function describeFailure(error: unknown): string {
  const e = error as { name?: string; code?: string };
  if (
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    e.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    e.code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return 'timeout';
  }
  return `connection failed${e.code ? ` (${String(e.code).slice(0, 40)})` : ''}`;
}
