import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { adId } from '@lantern/contracts';
import { AuditLog, CurrentPrincipal, cursor, pageQuery, parseRequest, type Principal, Roles } from '@lantern/platform';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { AdEntity } from './ad.entity';
import { type AdDetail, adDetailFor, type AdSummary, AdViews, type LinkedAd, summaryOf } from './ad-views';

export const revealBody = z.strictObject({ reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500) });

export interface RevealedContacts {
  adId: string;
  phones: string[];
  emails: string[];
  handles: Array<{ platform: string; value: string }>;
  structured: { phones: string[]; emails: string[] };
}

@Roles('analyst', 'investigator', 'admin')
@Controller('api/ads')
export class AdsController {
  constructor(
    @InjectRepository(AdEntity) private readonly ads: Repository<AdEntity>,
    private readonly views: AdViews,
    private readonly audit: AuditLog,
  ) {}

  /** Every stored ad, newest scored first. */
  @Get()
  async list(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: AdSummary[]; nextCursor: string | null }> {
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
    return {
      items: page.map((ad) => summaryOf(ad, principal.role)),
      nextCursor: rows.length > limit && last ? cursor.encode(last.scoredAt, last.id) : null,
    };
  }

  /** The ad with its indicators, evidence and entities; contacts masked unless the role sees them. */
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<AdDetail> {
    return adDetailFor(await this.load(id), principal.role);
  }

  /** Ads sharing a contact with this one, or near-duplicate text. */
  @Get(':id/linked')
  async linked(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<{ items: LinkedAd[] }> {
    return { items: await this.views.linked(await this.load(id), principal.role) };
  }

  /** Raw contacts of one ad for a role that sees them masked; the reason goes into the audit log. */
  @Roles('analyst', 'admin')
  @Post(':id/reveal')
  @HttpCode(200)
  async reveal(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: { ip?: string },
  ): Promise<RevealedContacts> {
    const { reason } = parseRequest(revealBody, body, 'body');
    const ad = await this.load(id);
    await this.audit.record({
      action: 'contact.reveal',
      actor: principal,
      objectType: 'ad',
      objectId: ad.id,
      ...(request.ip ? { from: request.ip } : {}),
      details: { reason: reason.slice(0, 300) },
    });
    return {
      adId: ad.id,
      phones: ad.entities.phones.map((p) => p.e164),
      emails: ad.entities.emails.map((e) => e.address),
      handles: ad.entities.handles.map((h) => ({ platform: h.platform, value: h.value })),
      structured: { phones: ad.ad.contacts?.phones ?? [], emails: ad.ad.contacts?.emails ?? [] },
    };
  }

  private async load(id: string): Promise<AdEntity> {
    const checked = parseRequest(adId, id, 'ad id');
    const ad = await this.ads.findOne({ where: { id: checked } });
    if (!ad) throw new NotFoundException(`No ad with id ${checked}`);
    return ad;
  }
}
