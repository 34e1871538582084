import { runLantern } from '@lantern/platform';
import { ClassifierModule } from './classifier.module';

void runLantern({ service: 'classifier', modules: [ClassifierModule], env: { LANTERN_MODE: 'distributed', ...process.env } });
