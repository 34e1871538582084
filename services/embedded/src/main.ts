import { DashboardModule } from '@lantern/dashboard';
import { runLantern } from '@lantern/platform';
import { AlertsModule } from '@lantern/service-alerts';
import { ClassifierModule } from '@lantern/service-classifier';
import { ScraperModule } from '@lantern/service-scraper';

/**
 * Embedded mode: scraper -> classifier -> alerts in one process over the in-process bus, with SQLite
 * in ./data and an in-memory cache. Nothing else to install or start.
 */
async function main(): Promise<void> {
  const lantern = await runLantern({
    service: 'embedded',
    // The dashboard last: its catch-all for client-side routes must come after every API route.
    modules: [ScraperModule, ClassifierModule, AlertsModule, DashboardModule],
    env: { LANTERN_MODE: 'embedded', ...process.env },
  });
  if (lantern) {
    process.stdout.write(
      `\nLantern is running (embedded) at ${lantern.url}\n` +
        `  ${lantern.url}/            the analyst dashboard (sign in with a key)\n  ${lantern.url}/health      readiness\n  ${lantern.url}/api/ads     scored ads\n  ${lantern.url}/api/alerts  alerts\n` +
        'The API needs a key: npx lantern keys create --role analyst   (then send "Authorization: Bearer <key>")\n' +
        'Press Ctrl-C to stop.\n\n',
    );
  }
}

void main();
