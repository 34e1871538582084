import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, parseRequest, type Principal, Roles } from '@lantern/platform';
import { createSubscriptionBody, deliveriesQuery, SubscriptionsService, updateSubscriptionBody } from './subscriptions.service';

/** Investigators manage their own subscriptions; admins see and manage everyone's. */
@Roles('investigator', 'admin')
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** The webhook secret is in this answer and never again (rotate to get a new one). */
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Body() body: unknown) {
    const input = parseRequest(createSubscriptionBody, body, 'request');
    const { subscription, secret } = await this.subscriptions.create({ principal, ip }, input);
    return { ...subscription, ...(secret ? { secret } : {}) };
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Query() query: unknown) {
    return this.subscriptions.list({ principal, ip }, parseRequest(deliveriesQuery, query, 'query'));
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Param('id') id: string) {
    return this.subscriptions.get({ principal, ip }, id);
  }

  @Patch(':id')
  update(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Param('id') id: string, @Body() body: unknown) {
    return this.subscriptions.update({ principal, ip }, id, parseRequest(updateSubscriptionBody, body, 'request'));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Param('id') id: string): Promise<void> {
    await this.subscriptions.remove({ principal, ip }, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  rotate(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Param('id') id: string) {
    return this.subscriptions.rotateSecret({ principal, ip }, id);
  }

  @Get(':id/deliveries')
  deliveries(@CurrentPrincipal() principal: Principal, @Ip() ip: string, @Param('id') id: string, @Query() query: unknown) {
    return this.subscriptions.deliveries({ principal, ip }, id, parseRequest(deliveriesQuery, query, 'query'));
  }
}
