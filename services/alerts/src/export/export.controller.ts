import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog, CurrentPrincipal, parseRequest, type Principal, Roles } from '@lantern/platform';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { AdEntity } from '../ads/ad.entity';
import { maskEmail, maskPhone, maskText, seesRawContacts } from '../ads/contact-masking';
import { alertFilterShape, findAlertPage } from '../alerts/alert-filters';
import { AlertEntity } from '../alerts/alert.entity';
import { csvRow } from './csv';

/** Hard cap on one export: bigger sets are exported in date ranges. */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 500;

export const exportQuery = z
  .strictObject({
    ...alertFilterShape,
    format: z.enum(['csv', 'jsonl']).default('csv'),
    max: z.coerce.number().int().min(1).max(EXPORT_MAX_ROWS).default(10_000),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['from'] });

const COLUMNS = [
  'alertId',
  'adId',
  'status',
  'revision',
  'level',
  'score',
  'indicatorIds',
  'reasons',
  'raisedAt',
  'updatedAt',
  'source',
  'country',
  'language',
  'url',
  'title',
  'phones',
  'emails',
] as const;
type ExportRow = Record<(typeof COLUMNS)[number], string | number | string[] | null>;

interface StreamedResponse extends Writable {
  status(code: number): this;
  setHeader(name: string, value: string): void;
}

@Roles('analyst', 'investigator', 'admin')
@Controller('api/export')
export class ExportController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Alerts matching the filters as CSV (formula-safe) or JSON lines, streamed a page at a time and
   * capped at `max` rows; contacts masked unless the role sees them. Every export is audited.
   */
  @Get()
  async export(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: { ip?: string },
    @Res() response: StreamedResponse,
  ): Promise<void> {
    const { format, max, ...filters } = parseRequest(exportQuery, query, 'query');
    await this.audit.record({
      action: 'export',
      actor: principal,
      objectType: 'alerts',
      ...(request.ip ? { from: request.ip } : {}),
      details: { format, max, filters: JSON.stringify(filters).slice(0, 500) },
    });
    response.status(200);
    response.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="lantern-alerts.${format}"`);
    response.setHeader('Cache-Control', 'no-store');

    const write = async (chunk: string) => {
      if (!response.write(chunk)) await once(response, 'drain');
    };
    try {
      if (format === 'csv') await write(csvRow(COLUMNS));
      let sent = 0;
      let cursor: string | undefined;
      while (sent < max && !response.destroyed) {
        const page = await findAlertPage(this.dataSource, filters, Math.min(PAGE, max - sent), cursor);
        const ads = await this.adsOf(page.rows);
        let chunk = '';
        for (const alert of page.rows) {
          const row = rowOf(alert, ads.get(alert.adId), seesRawContacts(principal.role));
          chunk += format === 'csv' ? csvRow(COLUMNS.map((c) => row[c])) : `${JSON.stringify(row)}\n`;
        }
        await write(chunk);
        sent += page.rows.length;
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      response.end();
    } catch (error) {
      // Headers are gone: the only honest signal left is a truncated, aborted response.
      response.destroy(error as Error);
    }
  }

  private async adsOf(alerts: AlertEntity[]): Promise<Map<string, AdEntity>> {
    if (alerts.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(AdEntity).find({ where: { id: In(alerts.map((a) => a.adId)) } });
    return new Map(rows.map((row) => [row.id, row]));
  }
}

function rowOf(alert: AlertEntity, ad: AdEntity | undefined, rawContacts: boolean): ExportRow {
  const handles = ad?.entities.handles.map((h) => h.value) ?? [];
  const title = ad?.title ?? null;
  return {
    alertId: alert.id,
    adId: alert.adId,
    status: alert.status,
    revision: alert.revision,
    level: alert.level,
    score: alert.score,
    indicatorIds: alert.indicatorIds,
    reasons: alert.reasons,
    raisedAt: alert.raisedAt,
    updatedAt: alert.updatedAt,
    source: ad?.source ?? null,
    country: ad?.country ?? null,
    language: ad?.language ?? null,
    url: ad?.url ?? null,
    title: title && !rawContacts ? maskText(title, handles) : title,
    phones: ad?.entities.phones.map((p) => (rawContacts ? p.e164 : maskPhone(p.e164))) ?? [],
    emails: ad?.entities.emails.map((e) => (rawContacts ? e.address : maskEmail(e.address))) ?? [],
  };
}
