import { createLogger } from '@lantern/platform';
import { startStandaloneDashboard } from './standalone';
import { loadStandaloneConfig } from './standalone-config';

/** Distributed mode: the dashboard as its own process in front of the alerts service (node dist/services/dashboard/src/main.js). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadStandaloneConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78);
  }
  const logger = createLogger({ service: 'dashboard', level: config.logLevel });
  const dashboard = await startStandaloneDashboard(config);
  logger.info({ url: dashboard.url, api: config.apiOrigin }, 'Dashboard is ready');
  const stop = () => void dashboard.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
