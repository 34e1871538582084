import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isoDateTime } from '@lantern/contracts';
import { parseRequest, Roles } from '@lantern/platform';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { AdEntity, AdIndicatorEntity } from '../ads/ad.entity';
import { AlertEntity } from '../alerts/alert.entity';

export const statsQuery = z
  .strictObject({ from: isoDateTime.optional(), to: isoDateTime.optional() })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['from'] });

export interface Count {
  key: string;
  count: number;
}

export interface Stats {
  from: string | null;
  to: string | null;
  ads: { total: number; byDay: Count[]; byLevel: Count[]; byIndicator: Count[]; byCountry: Count[]; byLanguage: Count[] };
  alerts: { total: number; byStatus: Count[]; byLevel: Count[] };
}

/** Groups beyond this many are left out (the long tail of indicators and countries). */
const TOP = 100;

@Roles('analyst', 'investigator', 'admin')
@Controller('api/stats')
export class StatsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts of scored ads (by scoring time) and their alerts, by day, level, indicator, country and language. */
  @Get()
  async stats(@Query() query: unknown): Promise<Stats> {
    const { from, to } = parseRequest(statsQuery, query, 'query');
    const range = { from: from ? new Date(from).toISOString() : undefined, to: to ? new Date(to).toISOString() : undefined };
    const ads = () => {
      const qb = this.dataSource.getRepository(AdEntity).createQueryBuilder('ad');
      if (range.from) qb.andWhere('ad.scored_at >= :from', { from: range.from });
      if (range.to) qb.andWhere('ad.scored_at <= :to', { to: range.to });
      return qb;
    };
    const alerts = () => ads().innerJoin(AlertEntity, 'al', 'al.ad_id = ad.id');
    const [total, byDay, byLevel, byIndicator, byCountry, byLanguage, alertTotal, byStatus, alertsByLevel] = await Promise.all([
      ads().getCount(),
      grouped(ads(), 'SUBSTR(ad.scored_at, 1, 10)', 'key'),
      grouped(ads(), 'ad.risk_level'),
      grouped(ads().innerJoin(AdIndicatorEntity, 'ai', 'ai.ad_id = ad.id'), 'ai.indicator_id'),
      grouped(ads(), "COALESCE(ad.country, '??')"),
      grouped(ads(), 'ad.language'),
      alerts().getCount(),
      grouped(alerts(), 'al.status'),
      grouped(alerts(), 'al.level'),
    ]);
    return {
      from: range.from ?? null,
      to: range.to ?? null,
      ads: { total, byDay, byLevel, byIndicator, byCountry, byLanguage },
      alerts: { total: alertTotal, byStatus, byLevel: alertsByLevel },
    };
  }
}

/** Counts per value of an expression; by day ordered by day, everything else largest first. */
async function grouped(qb: SelectQueryBuilder<AdEntity>, expression: string, order: 'key' | 'count' = 'count'): Promise<Count[]> {
  qb.select(expression, 'key').addSelect('COUNT(*)', 'count').groupBy(expression).limit(TOP);
  if (order === 'key') qb.orderBy('key', 'ASC');
  else qb.orderBy('count', 'DESC').addOrderBy('key', 'ASC');
  const rows = await qb.getRawMany<{ key: string; count: string | number }>();
  return rows.map((row) => ({ key: String(row.key), count: Number(row.count) }));
}
