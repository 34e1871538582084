import { runLantern } from '@lantern/platform';
import { ScraperModule } from './scraper.module';

void runLantern({ service: 'scraper', modules: [ScraperModule], env: { LANTERN_MODE: 'distributed', ...process.env } });
