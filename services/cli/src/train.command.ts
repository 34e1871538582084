import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PATH, DEFAULT_TRAIN, serialiseArtifact, toArtifact, trainModel } from '@lantern/detection';
import { readLabelled } from './examples';
import { CliIo, UsageError, writeLine } from './io';

export const TRAIN_HELP = `Usage: lantern train --data FILE [--out PATH] [--seed N] [--l2 X] [--date YYYYMMDD]

Trains the hashed logistic-regression text model (a word model and a character 5-gram model,
stacked on their out-of-fold scores) on a labelled file (EMSCAD CSV, or JSON lines of raw ads with
a 0/1 "label") and writes the artifact (weights and statistics only, no text).

--out   where to write (default: the committed libs/detection/model/lantern-model.json)
--seed  seed of the stacking (calibration) folds (default ${DEFAULT_TRAIN.seed})
--l2    L2 penalty (default ${DEFAULT_TRAIN.l2})
--date  date in the model version; default SOURCE_DATE_EPOCH, else the data file's modification date.
Same data, seed and date give an identical artifact, byte for byte.`;

function dateOf(file: string, given: string | undefined): string {
  if (given) {
    if (!/^\d{8}$/.test(given)) throw new UsageError('--date must be YYYYMMDD');
    return given;
  }
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  const when = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : statSync(file).mtime;
  return when.toISOString().slice(0, 10).replace(/-/g, '');
}

export async function trainCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      l2: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await writeLine(io.stdout, TRAIN_HELP);
    return 0;
  }
  if (!values.data) throw new UsageError('train needs --data FILE');
  const seed = values.seed === undefined ? DEFAULT_TRAIN.seed : Number(values.seed);
  const l2 = values.l2 === undefined ? DEFAULT_TRAIN.l2 : Number(values.l2);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  if (!(l2 > 0)) throw new UsageError('--l2 must be a positive number');
  const date = dateOf(values.data, values.date);
  const dataSha256 = createHash('sha256').update(readFileSync(values.data)).digest('hex');
  const { examples, errors } = await readLabelled(values.data, io);
  if (examples.length === 0) {
    await writeLine(io.stderr, JSON.stringify({ error: 'no labelled ads to train on' }));
    return 1;
  }
  const started = Date.now();
  const result = trainModel(examples, { seed, l2 });
  const artifact = toArtifact(result.model, {
    date,
    dataSha256,
    seed,
    l2,
    iterations: result.iterations,
    documents: result.documents,
    positives: result.positives,
    outOfFold: { folds: DEFAULT_TRAIN.calibrationFolds, ...result.oof },
  });
  const out = values.out ?? DEFAULT_MODEL_PATH;
  const text = serialiseArtifact(artifact);
  writeFileSync(out, text);
  await writeLine(
    io.stdout,
    JSON.stringify({
      model: artifact.modelVersion,
      out,
      bytes: Buffer.byteLength(text),
      documents: result.documents,
      positives: result.positives,
      skipped: errors,
      nonZeroWeights: artifact.training.nonZeroWeights,
      outOfFold: artifact.training.outOfFold,
      seconds: (Date.now() - started) / 1000,
    }),
  );
  return 0;
}
