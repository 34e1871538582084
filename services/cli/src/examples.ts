import { createReadStream } from 'node:fs';
import { readAds } from '@lantern/ad-io';
import type { LabelledExample } from '@lantern/detection';
import { CliIo, writeLine } from './io';

/** Reads a labelled file (EMSCAD CSV or JSON lines with `label`); rows without a label are refused. */
export async function readLabelled(file: string, io: CliIo): Promise<{ examples: LabelledExample[]; errors: number }> {
  const examples: LabelledExample[] = [];
  let errors = 0;
  // A fixed timestamp: the data, not the clock, decides what is trained on.
  for await (const item of readAds(createReadStream(file), { now: new Date(0) })) {
    if (!item.ok) {
      errors++;
      await writeLine(io.stderr, JSON.stringify({ line: item.line, error: item.reason }));
    } else if (item.label === undefined) {
      errors++;
      await writeLine(io.stderr, JSON.stringify({ line: item.line, error: 'no label (fraudulent / label column)' }));
    } else examples.push({ ad: item.ad, label: item.label });
  }
  return { examples, errors };
}
