import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CurrentPrincipal, parseRequest, type Principal, Roles } from '@lantern/platform';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { type AdDetail, adDetailFor, type AdSummary, AdViews, type LinkedAd } from '../ads/ad-views';
import { REVIEW_DECISIONS } from '../reviews/review-policy';
import { NoteEntity, ReviewEntity } from '../reviews/review.entity';
import { ReviewResult, ReviewService } from '../reviews/review.service';
import { AlertEntity } from './alert.entity';
import { alertListQuery, findAlertPage } from './alert-filters';

export const alertIdParam = z.string().regex(/^al_[0-9a-f]{32}$/, 'an alert id (al_ and 32 hex digits)');
export const reviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  note: z.string().trim().min(1).max(2000).optional(),
  expectedRevision: z.number().int().positive().optional(),
});
export const noteBody = z.strictObject({ body: z.string().trim().min(1).max(2000) });

export type AlertListItem = AlertEntity & { ad: AdSummary | null };
export interface AlertDetail {
  alert: AlertEntity;
  ad: AdDetail;
  linked: LinkedAd[];
  reviews: ReviewEntity[];
  notes: NoteEntity[];
}

@Roles('analyst', 'investigator', 'admin')
@Controller('api/alerts')
export class AlertsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: AdViews,
    private readonly reviews: ReviewService,
  ) {}

  /** Alerts matching the filters, newest raised (or riskiest) first, a page at a time. */
  @Get()
  async list(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: AlertListItem[]; nextCursor: string | null }> {
    const { limit, cursor, ...filters } = parseRequest(alertListQuery, query, 'query');
    const { rows, nextCursor } = await findAlertPage(this.dataSource, filters, limit, cursor);
    const ads = await this.views.summaries(
      rows.map((a) => a.adId),
      principal.role,
    );
    return { items: rows.map((alert) => ({ ...alert, ad: ads.get(alert.adId) ?? null })), nextCursor };
  }

  /** The alert, its ad with evidence spans and entities (masked per role), linked ads and the review history. */
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<AlertDetail> {
    const alert = await this.load(id);
    const ad = await this.views.find(alert.adId);
    if (!ad) throw new NotFoundException(`The ad of alert ${alert.id} is missing`);
    const [linked, history] = await Promise.all([this.views.linked(ad, principal.role), this.reviews.history(alert.id)]);
    return { alert, ad: adDetailFor(ad, principal.role), linked, ...history };
  }

  /** A review decision (with an optional note); 409 when the alert changed or the decision does not apply to its status. */
  @Roles('analyst', 'admin')
  @Post(':id/review')
  @HttpCode(200)
  async review(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: { ip?: string },
  ): Promise<ReviewResult> {
    const checked = parseRequest(alertIdParam, id, 'alert id');
    const decision = parseRequest(reviewBody, body, 'body');
    return this.reviews.review(checked, decision, principal, request.ip);
  }

  @Roles('analyst', 'admin')
  @Post(':id/notes')
  async addNote(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: { ip?: string },
  ): Promise<NoteEntity> {
    const checked = parseRequest(alertIdParam, id, 'alert id');
    const note = parseRequest(noteBody, body, 'body');
    return this.reviews.addNote(checked, note.body, principal, request.ip);
  }

  private async load(id: string): Promise<AlertEntity> {
    const checked = parseRequest(alertIdParam, id, 'alert id');
    const alert = await this.dataSource.getRepository(AlertEntity).findOne({ where: { id: checked } });
    if (!alert) throw new NotFoundException(`No alert with id ${checked}`);
    return alert;
  }
}
