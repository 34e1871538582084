import { Controller, Get, Head, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { Public } from '@lantern/platform';
import { DASHBOARD_BUNDLE } from './dashboard.tokens';
import type { BundleFile, DashboardBundle } from './dashboard-bundle';

interface StaticRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface StaticResponse {
  status(code: number): StaticResponse;
  setHeader(name: string, value: string): void;
  end(body?: Buffer | string): void;
}

/** Client routes of the single-page app: paths without a file extension. */
const CLIENT_ROUTE = /^\/(?:[A-Za-z0-9_-]+\/?)*$/;

/**
 * The dashboard bundle at `/`, and index.html for client routes (/queue, /alerts/abc, ...), but never
 * for `/api/*`: an unknown API path stays a JSON 404 rather than a page of HTML.
 * Registered last, so every API controller's routes match first.
 */
@Public()
@Controller()
export class DashboardController {
  constructor(@Inject(DASHBOARD_BUNDLE) private readonly bundle: DashboardBundle) {}

  @Get('{*path}')
  @Head('{*path}')
  serve(@Req() request: StaticRequest, @Res() response: StaticResponse): void {
    const path = request.path;
    if (path === '/api' || path.startsWith('/api/') || path === '/health' || path === '/metrics') {
      throw new NotFoundException(`Cannot ${request.method} ${path.slice(0, 200)}`);
    }
    if (!this.bundle.built) {
      response.status(503).setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end('The dashboard is not built. Run: npm run dashboard:build (npm start does it for you).\n');
      return;
    }
    const exact = path === '/' ? undefined : this.bundle.file(path);
    const file = exact ?? (path === '/' || CLIENT_ROUTE.test(path) ? this.bundle.index : undefined);
    if (!file) throw new NotFoundException(`Cannot ${request.method} ${path.slice(0, 200)}`);
    this.send(request, response, file);
  }

  private send(request: StaticRequest, response: StaticResponse, file: BundleFile): void {
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('ETag', file.etag);
    // index.html must be revalidated so a new deploy's asset names are picked up at once.
    response.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === file.etag) {
      response.status(304).end();
      return;
    }
    response.status(200);
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }
}
