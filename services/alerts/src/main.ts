import { runLantern } from '@lantern/platform';
import { AlertsModule } from './alerts.module';

void runLantern({ service: 'alerts', modules: [AlertsModule], env: { LANTERN_MODE: 'distributed', ...process.env } });
