import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { DASHBOARD_BUNDLE } from './dashboard.tokens';
import type { BundleFile, DashboardBundle } from './dashboard-bundle';

interface StaticRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}
interface StaticResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body?: Buffer | string): void;
}

/**
 * The client-side routes of the app, answered with index.html. An allow-list, not a catch-all: any
 * other path (every /api route, /health, /metrics, a typo) goes on to Nest and keeps its JSON answer.
 */
const CLIENT_ROUTES = /^\/(?:|overview|subscriptions|admin|alerts\/[A-Za-z0-9_.:-]{1,64}|ads\/[A-Za-z0-9_.:-]{1,128})\/?$/;

/**
 * Serves the dashboard bundle. A middleware rather than a controller so that it can never shadow an
 * API route, whatever order modules register in; it is public by nature (it runs before the guard) and
 * serves only what is in the built bundle.
 */
@Injectable()
export class DashboardStaticMiddleware implements NestMiddleware {
  constructor(@Inject(DASHBOARD_BUNDLE) private readonly bundle: DashboardBundle) {}

  use(request: StaticRequest, response: StaticResponse, next: () => void): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // originalUrl, not path: under a mounted middleware Express makes `path` relative to the mount point.
    const path = request.originalUrl.split('?', 1)[0]!;
    const isClientRoute = CLIENT_ROUTES.test(path);
    if (!this.bundle.built) {
      if (!isClientRoute) return next();
      response.statusCode = 503;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end('The dashboard is not built. Run: npm run dashboard:build (npm start does it for you).\n');
      return;
    }
    const file = isClientRoute ? this.bundle.index : this.bundle.file(path);
    if (!file) return next();
    this.send(request, response, file);
  }

  private send(request: StaticRequest, response: StaticResponse, file: BundleFile): void {
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('ETag', file.etag);
    // index.html is revalidated so a new deploy's asset names are picked up at once; hashed assets never change.
    response.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === file.etag) {
      response.statusCode = 304;
      response.end();
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Length', String(file.body.length));
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }
}
