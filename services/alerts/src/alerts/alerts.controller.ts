import { Controller, Get, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { alertStatus, riskLevel } from '@lantern/contracts';
import { cursor, pageQuery, parseRequest, Roles } from '@lantern/platform';
import { Repository } from 'typeorm';
import { AlertEntity } from './alert.entity';

const alertQuery = pageQuery.extend({ status: alertStatus.optional(), level: riskLevel.optional() });

@Roles('analyst', 'investigator', 'admin')
@Controller('api/alerts')
export class AlertsController {
  constructor(@InjectRepository(AlertEntity) private readonly alerts: Repository<AlertEntity>) {}

  /** Alerts, most recently changed first, optionally by status and level. */
  @Get()
  async list(@Query() query: unknown): Promise<{ items: AlertEntity[]; nextCursor: string | null }> {
    const { limit, cursor: after, status, level } = parseRequest(alertQuery, query, 'query');
    const qb = this.alerts
      .createQueryBuilder('al')
      .orderBy('al.updatedAt', 'DESC')
      .addOrderBy('al.id', 'DESC')
      .limit(limit + 1);
    if (status) qb.andWhere('al.status = :status', { status });
    if (level) qb.andWhere('al.level = :level', { level });
    if (after) {
      const { time, id } = cursor.decode(after);
      qb.andWhere('(al.updatedAt < :time OR (al.updatedAt = :time AND al.id < :id))', { time, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > limit && last ? cursor.encode(last.updatedAt, last.id) : null };
  }
}
