export { ScraperModule } from './scraper.module';
export { buildRawAd, type FoundAd } from './ingest/raw-ad.factory';
