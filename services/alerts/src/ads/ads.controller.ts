import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { adId } from '@lantern/contracts';
import { cursor, pageQuery, parseRequest, Roles } from '@lantern/platform';
import { Repository } from 'typeorm';
import { AdEntity } from './ad.entity';

@Roles('analyst', 'investigator', 'admin')
@Controller('api/ads')
export class AdsController {
  constructor(@InjectRepository(AdEntity) private readonly ads: Repository<AdEntity>) {}

  /** Every stored ad, newest scored first. */
  @Get()
  async list(@Query() query: unknown): Promise<{ items: AdSummary[]; nextCursor: string | null }> {
    const { limit, cursor: after } = parseRequest(pageQuery, query, 'query');
    const qb = this.ads
      .createQueryBuilder('a')
      .orderBy('a.scoredAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (after) {
      const { time, id } = cursor.decode(after);
      qb.where('(a.scoredAt < :time OR (a.scoredAt = :time AND a.id < :id))', { time, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(summaryOf), nextCursor: rows.length > limit && last ? cursor.encode(last.scoredAt, last.id) : null };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<AdEntity> {
    const checked = parseRequest(adId, id, 'ad id');
    const ad = await this.ads.findOne({ where: { id: checked } });
    if (!ad) throw new NotFoundException(`No ad with id ${checked}`);
    return ad;
  }
}

export interface AdSummary {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  country: string | null;
  language: string;
  risk: { score: number; probability: number; level: string };
  indicatorIds: string[];
  scoredAt: string;
}

function summaryOf(ad: AdEntity): AdSummary {
  return {
    id: ad.id,
    source: ad.source,
    url: ad.url,
    title: ad.title,
    country: ad.country,
    language: ad.language,
    risk: { score: ad.riskScore, probability: ad.riskProbability, level: ad.riskLevel },
    indicatorIds: ad.indicators.map((i) => i.id),
    scoredAt: ad.scoredAt,
  };
}
