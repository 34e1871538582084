import { readFileSync } from 'node:fs';
import { ConfigError } from '@lantern/platform';
import { parseSourcesFile, type SourceConfig, SourcesFileError } from '@lantern/scraping';

/** Injection token for the validated sources (empty without SCRAPER_SOURCES_FILE). */
export const SCRAPER_SOURCES = Symbol('SCRAPER_SOURCES');

/** Largest sources file read: a few hundred sources fit in far less. */
const MAX_SOURCES_FILE_BYTES = 1024 * 1024;

/**
 * Reads the sources file at start-up. Any problem is a ConfigError naming the file and each bad
 * field, so a broken deployment stops with one clear message instead of crawling half its sources.
 */
export function loadSourcesFile(path: string | undefined): SourceConfig[] {
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`SCRAPER_SOURCES_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  if (Buffer.byteLength(text) > MAX_SOURCES_FILE_BYTES) throw new ConfigError([`SCRAPER_SOURCES_FILE: ${path} is larger than 1 MB`]);
  try {
    return parseSourcesFile(text, path).sources;
  } catch (error) {
    if (error instanceof SourcesFileError) throw new ConfigError([`SCRAPER_SOURCES_FILE: ${error.message}`]);
    throw error;
  }
}
