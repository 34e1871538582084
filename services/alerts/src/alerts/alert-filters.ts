import { BadRequestException } from '@nestjs/common';
import { alertStatus, isoDateTime, riskLevel } from '@lantern/contracts';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { AdEntity, AdIndicatorEntity } from '../ads/ad.entity';
import { AlertEntity } from './alert.entity';

const token = (max: number) => z.string().min(1).max(max);

/** Filters shared by GET /api/alerts and GET /api/export. Unknown parameters are refused (400). */
export const alertFilterShape = {
  status: alertStatus.optional(),
  level: riskLevel.optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  indicator: token(100)
    .regex(/^[a-z0-9_.-]+$/i, 'indicator ids are letters, digits, . _ -')
    .optional(),
  language: token(20)
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$|^und$/, 'a language code such as en or pt-BR')
    .optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
    .transform((c) => c.toUpperCase())
    .optional(),
  source: token(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  q: z.string().trim().min(2, 'at least 2 characters').max(200).optional(),
  sort: z.enum(['newest', 'risk']).default('newest'),
};
export const alertFilters = z.strictObject(alertFilterShape).refine((f) => !f.from || !f.to || f.from <= f.to, {
  message: 'from must not be after to',
  path: ['from'],
});
export type AlertFilters = z.infer<typeof alertFilters>;

export const alertListQuery = z
  .strictObject({
    ...alertFilterShape,
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(500).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['from'] });
export type AlertListQuery = z.infer<typeof alertListQuery>;

/** LIKE pattern for a substring, with the user's own % _ and \ taken literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Adds the WHERE clauses of the filters to a query over alerts `al` joined with ads `ad`. */
export function applyAlertFilters(qb: SelectQueryBuilder<AlertEntity>, f: AlertFilters): SelectQueryBuilder<AlertEntity> {
  if (f.status) qb.andWhere('al.status = :status', { status: f.status });
  if (f.level) qb.andWhere('al.level = :level', { level: f.level });
  if (f.minScore !== undefined) qb.andWhere('al.score >= :minScore', { minScore: f.minScore });
  if (f.indicator) {
    // A sub-query builder, not literal SQL, so the table name carries the configured schema.
    const hasIndicator = qb
      .subQuery()
      .select('1')
      .from(AdIndicatorEntity, 'ai')
      .where('ai.ad_id = al.ad_id AND ai.indicator_id = :indicator')
      .getQuery();
    qb.andWhere(`EXISTS ${hasIndicator}`, { indicator: f.indicator });
  }
  if (f.language) qb.andWhere('ad.language = :language', { language: f.language });
  if (f.country) qb.andWhere('ad.country = :country', { country: f.country });
  if (f.source) qb.andWhere('ad.source = :source', { source: f.source });
  // Stored times are ISO-8601 UTC strings: normalising the bounds to UTC makes string order time order.
  if (f.from) qb.andWhere('al.raised_at >= :from', { from: new Date(f.from).toISOString() });
  if (f.to) qb.andWhere('al.raised_at <= :to', { to: new Date(f.to).toISOString() });
  if (f.q) qb.andWhere("ad.search_text LIKE :q ESCAPE '\\'", { q: likePattern(f.q) });
  return qb;
}

/** Keyset cursor that carries its sort, so a cursor from one order cannot be replayed in another. */
export const alertCursor = {
  encode(sort: AlertFilters['sort'], alert: AlertEntity): string {
    const key = sort === 'risk' ? alert.score : alert.raisedAt;
    return Buffer.from(JSON.stringify([sort, key, alert.id])).toString('base64url');
  },
  decode(sort: AlertFilters['sort'], value: string): { key: string | number; id: string } {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[2] === 'string' && parsed[2].length <= 64) {
        const [cursorSort, key, id] = parsed as [unknown, unknown, string];
        if (cursorSort === sort && sort === 'risk' && Number.isInteger(key)) return { key: key as number, id };
        if (cursorSort === sort && sort === 'newest' && typeof key === 'string' && key.length <= 30) return { key, id };
      }
    } catch {
      // fall through to the 400 below
    }
    throw new BadRequestException('Invalid cursor: use the nextCursor of a previous page with the same sort');
  },
};

/** Orders by the sort and continues after the cursor. */
export function applyAlertOrder(
  qb: SelectQueryBuilder<AlertEntity>,
  sort: AlertFilters['sort'],
  after?: string,
): SelectQueryBuilder<AlertEntity> {
  const column = sort === 'risk' ? 'al.score' : 'al.raisedAt';
  qb.orderBy(column, 'DESC').addOrderBy('al.id', 'DESC');
  if (after) {
    const { key, id } = alertCursor.decode(sort, after);
    const sqlColumn = sort === 'risk' ? 'al.score' : 'al.raised_at';
    qb.andWhere(`(${sqlColumn} < :afterKey OR (${sqlColumn} = :afterKey AND al.id < :afterId))`, { afterKey: key, afterId: id });
  }
  return qb;
}

/** One page of alerts matching the filters, and the cursor of the next page (null on the last). */
export async function findAlertPage(
  dataSource: DataSource,
  filters: AlertFilters,
  limit: number,
  after?: string,
): Promise<{ rows: AlertEntity[]; nextCursor: string | null }> {
  const qb = dataSource
    .getRepository(AlertEntity)
    .createQueryBuilder('al')
    .innerJoin(AdEntity, 'ad', 'ad.id = al.ad_id')
    .limit(limit + 1);
  applyAlertFilters(qb, filters);
  applyAlertOrder(qb, filters.sort, after);
  const rows = await qb.getMany();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? alertCursor.encode(filters.sort, last) : null };
}
