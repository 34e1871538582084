// Builds the dashboard bundle into dist/dashboard when it is missing or older than its sources (npm prestart,
// browser tests). Offline and quick: Vite only, no network. `--force` rebuilds regardless.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const stamp = join(here, '../../dist/dashboard/index.html');
const inputs = [join(here, 'web'), join(here, 'vite.config.mjs')];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const force = process.argv.includes('--force');
const stale = force || !existsSync(stamp) || Math.max(...inputs.map(newest)) > statSync(stamp).mtimeMs;
if (stale) {
  // Jest runs with NODE_ENV=test, which would make Vite ship React's development build.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: join(here, 'vite.config.mjs'), mode: 'production' });
  process.stdout.write(`dashboard bundle built in ${Date.now() - started} ms\n`);
}
