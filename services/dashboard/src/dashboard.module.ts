import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { DashboardBundle } from './dashboard-bundle';
import { DashboardStaticMiddleware } from './dashboard-static.middleware';
import { DASHBOARD_BUNDLE } from './dashboard.tokens';
import { SecurityHeadersMiddleware } from './security-headers.middleware';

/** Where `npm run dashboard:build` puts the bundle, from the source tree or from a swc build in dist/. */
export function defaultBundleDirectory(): string {
  const candidates = [resolve(__dirname, '../../../dist/dashboard'), resolve(__dirname, '../../../dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/**
 * Serves the analyst dashboard from the same HTTP server as the API (same origin, so the session
 * cookie can stay SameSite=Strict). Its security headers apply to every response of the process.
 */
@Module({
  providers: [{ provide: DASHBOARD_BUNDLE, useFactory: () => DashboardBundle.load(defaultBundleDirectory()) }],
})
export class DashboardModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecurityHeadersMiddleware, DashboardStaticMiddleware).forRoutes('{*path}');
  }
}
