import { Body, Controller, Headers, HttpCode, HttpException, HttpStatus, Ip, Post, Res } from '@nestjs/common';
import type { RawAdV1 } from '@lantern/contracts';
import { AuditLog, CurrentPrincipal, type Principal, Roles } from '@lantern/platform';
import { IngestService } from '../ingest/ingest.service';
import { countFor, zeroCounts } from '../sources/scraper-metrics';
import { PushBodyError, pushedItemsOf, pushSourceOf, rawAdOfPushed } from './push-items';

export type PushItemResult = { index: number; id: string; outcome: 'new' | 'changed' | 'unchanged' } | { index: number; error: string };

export interface PushAnswer {
  results: PushItemResult[];
  published: number;
  unchanged: number;
  rejected: number;
}

/**
 * Partners push ads instead of being crawled. 200 when every item was accepted (published or unchanged),
 * 207 when some or all were rejected: the answer lists each item's id or reason either way.
 */
@Controller('api/ingest')
export class PushController {
  constructor(
    private readonly ingest: IngestService,
    private readonly audit: AuditLog,
  ) {}

  @Post()
  @Roles('ingest')
  @HttpCode(200)
  async push(
    @CurrentPrincipal() principal: Principal,
    @Ip() ip: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<PushAnswer> {
    const source = pushSourceOf(principal.name);
    const ndjson = /^application\/(x-)?ndjson\b/i.test(contentType ?? '');
    if (!ndjson && !/^application\/json\b/i.test(contentType ?? '')) {
      throw new HttpException('Content-Type must be application/json or application/x-ndjson', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    let items;
    try {
      items = pushedItemsOf(body, ndjson);
    } catch (error) {
      if (!(error instanceof PushBodyError)) throw error;
      throw new HttpException(error.message, error.tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST);
    }
    const now = new Date();
    const results: PushItemResult[] = [];
    const good: Array<{ index: number; ad: RawAdV1 }> = [];
    items.forEach((item, index) => {
      const built = rawAdOfPushed(item, source, now);
      if ('ad' in built) good.push({ index, ad: built.ad });
      else results.push({ index, error: built.error });
    });
    const ingested = await this.ingest.ingest(good.map((item) => item.ad));
    good.forEach((item, position) => results.push({ index: item.index, id: item.ad.id, outcome: ingested.outcomes[position]! }));
    results.sort((a, b) => a.index - b.index);

    const rejected = items.length - good.length;
    const counts = zeroCounts();
    countFor(source, counts, 'ads', good.length);
    countFor(source, counts, 'new', ingested.new);
    countFor(source, counts, 'changed', ingested.changed);
    countFor(source, counts, 'unchanged', ingested.unchanged);
    countFor(source, counts, 'errors', rejected);
    await this.audit.record({
      action: 'ingest',
      actor: principal,
      objectType: 'source',
      objectId: source,
      from: ip,
      details: { items: items.length, published: ingested.published, unchanged: ingested.unchanged, rejected },
    });
    if (rejected > 0) response.status(HttpStatus.MULTI_STATUS);
    return { results, published: ingested.published, unchanged: ingested.unchanged, rejected };
  }
}
