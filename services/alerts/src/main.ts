import { DashboardModule } from '@lantern/dashboard';
import { runLantern } from '@lantern/platform';
import { AlertsModule } from './alerts.module';

void runLantern({
  service: 'alerts',
  modules: [AlertsModule, DashboardModule],
  env: { LANTERN_MODE: 'distributed', ...process.env },
});
