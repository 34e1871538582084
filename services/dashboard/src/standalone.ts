import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DashboardBundle } from './dashboard-bundle';
import { defaultBundleDirectory } from './dashboard.module';
import { DashboardStaticMiddleware } from './dashboard-static.middleware';
import { createApiProxy } from './api-proxy';
import { SECURITY_HEADERS } from './security-headers';
import type { StandaloneDashboardConfig } from './standalone-config';

export interface StandaloneDashboard {
  url: string;
  close(): Promise<void>;
}

/**
 * The dashboard on its own (distributed mode): the bundle with its security headers, and /api/*
 * forwarded to the alerts service. No Nest here: it holds no state and runs no guard of its own;
 * every API request is authenticated by the alerts service as usual.
 */
export async function startStandaloneDashboard(
  config: StandaloneDashboardConfig,
  bundleDirectory = defaultBundleDirectory(),
): Promise<StandaloneDashboard> {
  const staticFiles = new DashboardStaticMiddleware(DashboardBundle.load(bundleDirectory));
  const proxy = createApiProxy(config.apiOrigin);
  const server: Server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const url = request.url ?? '/';
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) return proxy(request, response);
    staticFiles.use({ method: request.method ?? 'GET', originalUrl: url, headers: request.headers }, response, () => {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ statusCode: 404, message: 'Not Found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
