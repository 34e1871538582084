import { Injectable, NestMiddleware } from '@nestjs/common';
import { SECURITY_HEADERS } from './security-headers';

interface HeaderTarget {
  setHeader(name: string, value: string): void;
}

/** Sets the security headers on every response of the process, API answers included. */
@Injectable()
export class SecurityHeadersMiddleware implements NestMiddleware {
  use(_request: unknown, response: HeaderTarget, next: () => void): void {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    next();
  }
}
