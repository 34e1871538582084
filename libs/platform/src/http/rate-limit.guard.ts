import { createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { bearerToken } from '../auth/api-key';
import { PUBLIC_KEY } from '../auth/roles';
import { CACHE, type Cache } from '../cache/cache';
import { LANTERN_CONFIG, type LanternConfig } from '../config/config';
import { LOGGER } from '../logging/logger';

const WINDOW_SECONDS = 60;

interface RateLimitedRequest {
  method: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Fixed one-minute windows counted in the cache (Redis in distributed mode, so replicas share the count).
 * It runs before authentication, so failed attempts count too: per presented key (a hash of it, never the
 * key) or per client address without one.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RateLimitedRequest>();
    // Public reads (health, metrics, docs) are not limited; a public write (sign-in) is, per address.
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic && (request.method === 'GET' || request.method === 'HEAD')) return true;
    const header = request.headers['authorization'];
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    const bucket = token
      ? `key:${createHash('sha256').update(`rate-limit:${token}`).digest('hex').slice(0, 32)}`
      : `ip:${request.ip ?? 'unknown'}`;
    const nowMs = this.now();
    const window = Math.floor(nowMs / (WINDOW_SECONDS * 1000));
    let count: number;
    try {
      count = await this.cache.increment(`rate:${bucket}:${window}`, WINDOW_SECONDS + 5);
    } catch (error) {
      // Rate limits protect capacity, not access: with the cache down, serve rather than refuse everyone.
      this.logger.warn({ err: { message: (error as Error).message } }, 'Rate limit unavailable; request allowed');
      return true;
    }
    if (count <= this.config.rateLimitPerMinute) return true;
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * WINDOW_SECONDS * 1000 - nowMs) / 1000));
    context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      `Rate limit of ${this.config.rateLimitPerMinute} requests per minute reached; retry in ${retryAfter} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
