import { loadDefaultModel, loadModel } from '../src/model';
import { syntheticAds } from './synthetic-ads';

/**
 * Cost of `model.predict` alone, in microseconds per ad, on synthetic 1-2 KB ads (12 languages, a
 * third lure-like; written for the benchmark, no dataset text). The detector's 5,000 ads/s budget
 * leaves the model about 30 us. `MODEL=path` measures another artifact; `BENCH_N` sets the ad count.
 * Run: node -r ./libs/platform/runtime/register.js libs/detection/bench/model.bench.ts
 */
function main(): void {
  const n = Number(process.env['BENCH_N'] ?? 5_000);
  const path = process.env['MODEL'];
  const model = path ? loadModel(path) : loadDefaultModel();
  const ads = syntheticAds(n).map(({ ad }) => ad);
  const bytes = ads.reduce((sum, ad) => sum + Buffer.byteLength(ad.description) + Buffer.byteLength(ad.title ?? ''), 0);
  let sink = 0;
  for (const ad of ads) sink += model.predict(ad).logit; // warm-up: let V8 optimise
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    // CPU time of this process, not wall time: other work on a shared machine inflates wall time.
    const started = process.cpuUsage();
    for (const ad of ads) sink += model.predict(ad).logit;
    const used = process.cpuUsage(started);
    rounds.push((used.user + used.system) / ads.length);
  }
  rounds.sort((a, b) => a - b);
  process.stdout.write(
    `model ${model.version}: predict ${rounds[2]!.toFixed(1)} us/ad CPU time, median of 5 rounds (best ${rounds[0]!.toFixed(1)}, worst ${rounds[4]!.toFixed(1)}), ` +
      `${n} ads of ${(bytes / n / 1024).toFixed(2)} KB on average${Number.isFinite(sink) ? '' : ' (non-finite logit!)'}\n`,
  );
}

main();
