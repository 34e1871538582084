import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export interface BundleFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Vite names files under assets/ by content hash: they never change, so caches may keep them. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** A bound on what is held in memory; the real bundle is a few hundred kilobytes. */
const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;

/**
 * The built bundle, read once into memory. Requests are answered by exact lookup in this map, so no
 * request path ever reaches the filesystem (no traversal, no symlink surprises).
 */
export class DashboardBundle {
  private constructor(
    readonly directory: string,
    private readonly files: ReadonlyMap<string, BundleFile>,
  ) {}

  static load(directory: string): DashboardBundle {
    const files = new Map<string, BundleFile>();
    if (existsSync(join(directory, 'index.html'))) {
      let total = 0;
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir)) {
          const path = join(dir, entry);
          const info = statSync(path);
          if (info.isDirectory()) walk(path);
          else if (info.isFile() && CONTENT_TYPES[extname(entry)]) {
            total += info.size;
            if (total > MAX_BUNDLE_BYTES) throw new Error(`Dashboard bundle in ${directory} is larger than ${MAX_BUNDLE_BYTES} bytes`);
            const body = readFileSync(path);
            const urlPath = '/' + relative(directory, path).split(sep).join('/');
            files.set(urlPath, {
              body,
              contentType: CONTENT_TYPES[extname(entry)]!,
              etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
              immutable: urlPath.startsWith('/assets/'),
            });
          }
        }
      };
      walk(directory);
    }
    return new DashboardBundle(directory, files);
  }

  get built(): boolean {
    return this.files.has('/index.html');
  }

  file(path: string): BundleFile | undefined {
    return this.files.get(path);
  }

  get index(): BundleFile | undefined {
    return this.files.get('/index.html');
  }
}
