import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { readAds } from '@lantern/ad-io';
import { createDetector, loadDefaultModel, loadModel, TextModel } from '@lantern/detection';
import { CliIo, UsageError, writeLine } from './io';

export const SCORE_HELP = `Usage: lantern score [FILE] [--model PATH] [--no-model]

Scores job ads and prints one JSON line per ad: id, risk (score, level, probability), indicators
with evidence, entities, language, model output and versions.

FILE     JSON lines of the raw-ad contract (ads.raw.v1) or an EMSCAD-style CSV (sniffed); stdin if omitted.
--model  a model artifact instead of the committed one; --no-model scores with indicators alone.

Invalid input lines go to stderr as JSON ({"line": N, "error": "..."}); the exit code is then 1.`;

/** Longest JSON line accepted, as the contracts' message limit. */
const MAX_LINE_CHARS = 1_000_000;

export function chooseModel(values: { model?: string; 'no-model'?: boolean }): TextModel | undefined {
  if (values['no-model']) return undefined;
  return values.model ? loadModel(values.model) : loadDefaultModel();
}

export async function scoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, 'no-model': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await writeLine(io.stdout, SCORE_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('score takes at most one FILE');
  const file = positionals[0];
  const detector = createDetector({ model: chooseModel(values) });
  const source = file && file !== '-' ? createReadStream(file) : io.stdin;
  let failed = 0;
  try {
    for await (const item of readAds(source, { maxLineChars: MAX_LINE_CHARS })) {
      if (!item.ok) {
        failed++;
        await writeLine(io.stderr, JSON.stringify({ line: item.line, error: item.reason }));
        continue;
      }
      try {
        const detection = detector.score(item.ad);
        await writeLine(
          io.stdout,
          JSON.stringify({
            id: item.ad.id,
            risk: detection.risk,
            indicators: detection.indicators,
            entities: detection.entities,
            language: detection.language,
            model: detection.model,
            versions: detection.versions,
          }),
        );
      } catch (error) {
        failed++;
        await writeLine(
          io.stderr,
          JSON.stringify({ line: item.line, id: item.ad.id, error: `scoring failed: ${(error as Error).message}` }),
        );
      }
    }
  } catch (error) {
    // Unreadable file or unrecognised format: reported, not thrown.
    await writeLine(io.stderr, JSON.stringify({ error: (error as Error).message }));
    return 1;
  }
  return failed > 0 ? 1 : 0;
}
