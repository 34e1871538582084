export { ScraperModule } from './scraper.module';
