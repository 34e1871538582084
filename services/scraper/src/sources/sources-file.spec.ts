import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@lantern/platform';
import { loadSourcesFile } from './sources-file';

describe('sources file', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'lantern-sources-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('is empty when not configured', () => {
    expect(loadSourcesFile(undefined)).toEqual([]);
  });

  it('loads the committed sample, every source switched off so the demo never reaches the internet', () => {
    const sources = loadSourcesFile(join(__dirname, '..', '..', 'sources.sample.json'));
    expect(new Set(sources.map((s) => s.type))).toEqual(new Set(['rss', 'atom', 'jsonld', 'html', 'json-api', 'sitemap', 'bulk']));
    expect(sources.every((s) => !s.enabled)).toBe(true);
  });

  it('stops start-up with a ConfigError naming the file and each bad field', () => {
    const path = file('bad.json', JSON.stringify({ sources: [{ name: 'Bad Name', type: 'rss', urls: ['ftp://x.example.org/'] }] }));
    expect(() => loadSourcesFile(path)).toThrow(ConfigError);
    expect(() => loadSourcesFile(path)).toThrow(new RegExp(`${path}.*sources\\.0\\.name.*sources\\.0\\.urls\\.0`, 's'));
    expect(() => loadSourcesFile(file('not.json', '{'))).toThrow(/not JSON/);
    expect(() => loadSourcesFile(join(dir, 'missing.json'))).toThrow(/cannot read .*missing\.json \(ENOENT\)/);
  });
});
