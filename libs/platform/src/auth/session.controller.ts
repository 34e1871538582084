import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { z } from 'zod';
import { LANTERN_CONFIG, type LanternConfig } from '../config/config';
import { parseRequest } from '../http/parse-request';
import { ApiKeys, type Principal } from './api-keys';
import { AuditLog } from './audit-log';
import { CurrentPrincipal } from './auth.guard';
import { Public, Roles, ROLES } from './roles';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie, Sessions } from './sessions';

const signIn = z.strictObject({ key: z.string().min(1).max(300) });

interface HttpRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** Dashboard sign-in: an API key in, an httpOnly session cookie out. */
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly keys: ApiKeys,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(204)
  async signIn(@Body() body: unknown, @Req() request: HttpRequest, @Res({ passthrough: true }) response: HttpResponse): Promise<void> {
    const { key } = parseRequest(signIn, body, 'sign-in');
    const principal = await this.keys.verify(key);
    const from = request.ip ? { from: request.ip } : {};
    if (!principal) {
      await this.audit.record({
        action: 'auth.failure',
        objectType: 'route',
        objectId: 'POST /api/session',
        ...from,
        details: { reason: 'invalid-key' },
      });
      throw new UnauthorizedException('Invalid or revoked API key');
    }
    if (principal.role === 'ingest') throw new ForbiddenException('Ingest keys push ads; they cannot sign in to the dashboard');
    const { token, maxAgeSeconds } = await this.sessions.start(principal);
    response.setHeader('Set-Cookie', sessionCookie(token, maxAgeSeconds, this.config.session.secureCookie));
    await this.audit.record({ action: 'session.start', actor: principal, objectType: 'api-key', objectId: principal.keyId, ...from });
  }

  @Get()
  @RolesAll()
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Delete()
  @HttpCode(204)
  @RolesAll()
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<void> {
    const cookie = request.headers['cookie'];
    const token = readCookie(typeof cookie === 'string' ? cookie : undefined, SESSION_COOKIE);
    if (token) await this.sessions.end(token);
    response.setHeader('Set-Cookie', clearedSessionCookie(this.config.session.secureCookie));
    await this.audit.record({ action: 'session.end', actor: principal, objectType: 'api-key', objectId: principal.keyId });
  }
}

function RolesAll() {
  return Roles(...ROLES);
}
