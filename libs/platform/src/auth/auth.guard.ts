import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { bearerToken } from './api-key';
import { ApiKeys, Principal } from './api-keys';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles';
import { CSRF_HEADER, readCookie, SESSION_COOKIE, Sessions } from './sessions';

export type AuthFailureReason =
  'missing-key' | 'invalid-key' | 'invalid-session' | 'missing-csrf-header' | 'forbidden-role' | 'route-without-roles';

export interface AuthFailure {
  reason: AuthFailureReason;
  method: string;
  path: string;
  ip: string | undefined;
  /** Set when a valid key lacked the role. */
  keyId?: string;
}

/** Told of every refused request (the audit log listens). Failing to record never lets a request through. */
export abstract class AuthFailureSink {
  abstract record(failure: AuthFailure): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the guard reads of an Express request (kept narrow: no dependency on Express's types). */
interface AuthenticatedRequest {
  method: string;
  path: string;
  ip?: string;
  route?: { path?: string };
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Deny by default: a route answers only if it is marked @Public() or its key has one of the roles
 * in @Roles(...). A route that declares neither is closed to everyone, and says so in the log.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Bus handlers are not requests: the broker, not a caller, delivers them.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) {
      this.logger.error({ method: request.method, route: request.route?.path }, 'Route declares no roles; refusing every request to it');
      await this.refuse(request, 'route-without-roles');
      throw new ForbiddenException('This route is not open to any role');
    }

    const keys = this.find(ApiKeys);
    if (!keys) throw new ServiceUnavailableException('This process has no key store');

    const principal = await this.authenticate(context, request, keys);
    if (!roles.includes(principal.role)) {
      await this.refuse(request, 'forbidden-role', principal.keyId);
      throw new ForbiddenException(`The ${principal.role} role may not use this route (allowed: ${roles.join(', ')})`);
    }
    request.principal = principal;
    return true;
  }

  /** A bearer key (API clients) or a session cookie (the dashboard); never both needed. */
  private async authenticate(context: ExecutionContext, request: AuthenticatedRequest, keys: ApiKeys): Promise<Principal> {
    const header = request.headers['authorization'];
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    if (token) {
      const principal = await keys.verify(token);
      if (principal) return principal;
      await this.refuse(request, 'invalid-key');
      this.challenge(context);
      throw new UnauthorizedException('Invalid or revoked API key');
    }
    const cookie = request.headers['cookie'];
    const sessionToken = readCookie(typeof cookie === 'string' ? cookie : undefined, SESSION_COOKIE);
    if (!sessionToken) {
      await this.refuse(request, 'missing-key');
      this.challenge(context);
      throw new UnauthorizedException('Missing API key: send "Authorization: Bearer <key>" or sign in');
    }
    const principal = await this.find(Sessions)?.resolve(sessionToken);
    if (!principal) {
      await this.refuse(request, 'invalid-session');
      this.challenge(context);
      throw new UnauthorizedException('Session expired or signed out: sign in again');
    }
    // Browsers attach cookies to cross-site requests too; a custom header they cannot add without CORS.
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      await this.refuse(request, 'missing-csrf-header', principal.keyId);
      throw new ForbiddenException(`Requests that change data with a session cookie need the header "${CSRF_HEADER}: 1"`);
    }
    return principal;
  }

  /** Providers from whichever modules this process loaded; a process may have none. */
  private find<T>(token: abstract new (...args: never[]) => T): T | undefined {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return undefined;
    }
  }

  private challenge(context: ExecutionContext): void {
    context
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('WWW-Authenticate', 'Bearer realm="lantern"');
  }

  private async refuse(request: AuthenticatedRequest, reason: AuthFailureReason, keyId?: string): Promise<void> {
    const sink = this.find(AuthFailureSink);
    if (!sink) return;
    const failure: AuthFailure = {
      reason,
      method: request.method,
      path: request.path.slice(0, 300),
      ip: request.ip,
      ...(keyId ? { keyId } : {}),
    };
    await sink.record(failure).catch((error: unknown) => {
      this.logger.error({ err: { message: (error as Error).message } }, 'Could not record an auth failure');
    });
  }
}

/** The caller of an authenticated route (set by AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('This route needs an API key');
  return principal;
});
