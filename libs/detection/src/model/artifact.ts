import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LinearTextModel } from './linear-model';

export const MODEL_FORMAT = 'lantern-linear-text-model';
/**
 * 2: one-pass tokeniser (contacts masked while scanning), title character n-grams and layout features.
 * 3: optional character n-gram model stacked with the word model. Format 2 artifacts still load.
 */
export const MODEL_FORMAT_VERSION = 3;
/** Weights are stored as integers times this step; smaller ones are dropped. */
const QUANTUM = 1e-4;

const finite = z.number().refine(Number.isFinite, 'a finite number');

const sparseWeights = z.object({
  quantum: finite,
  /** Bucket indices as gaps from the previous index (ascending). */
  indexGaps: z.array(z.number().int().positive()),
  /** Weights as integer multiples of `quantum`. */
  values: z.array(z.number().int()),
});

export const modelArtifactSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.union([z.literal(2), z.literal(MODEL_FORMAT_VERSION)]),
  modelVersion: z.string().regex(/^lr-\d{8}-[0-9a-f]{8}$/),
  hashing: z.object({
    scheme: z.literal('fnv1a32+murmur3-mix, signed'),
    bits: z.number().int().min(10).max(24),
    seed: z.number().int(),
    bigrams: z.boolean(),
    shared: z.boolean(),
    metadata: z.boolean(),
    charMin: z.number().int().min(0).max(10),
    charMax: z.number().int().min(0).max(10),
    titleChars: z.boolean(),
    layout: z.boolean(),
    characters: z
      .object({ bits: z.number().int().min(10).max(24), min: z.number().int().min(1).max(10), max: z.number().int().min(1).max(10) })
      .optional(),
    weighting: z.literal('sublinear tf, L2 per field; metadata binary'),
  }),
  weights: sparseWeights,
  /** Weights of the character model (format 3, with `hashing.characters`). */
  characterWeights: sparseWeights.optional(),
  /** Mean raw score of the character model over the training ads (format 3, with `characterWeights`). */
  charactersMean: finite.optional(),
  bias: finite,
  /** Mean raw contribution of board-attribute features, added for ads without attributes. */
  attributesMean: finite,
  /** Platt: log-odds = a * raw + b; stacked: + characters * raw of the character model. */
  calibration: z.object({ method: z.enum(['platt', 'stacked']), a: finite, b: finite, characters: finite.optional() }),
  training: z.object({
    documents: z.number().int().nonnegative(),
    positives: z.number().int().nonnegative(),
    prior: finite,
    dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
    seed: z.number().int(),
    l2: finite,
    iterations: z.number().int(),
    nonZeroWeights: z.number().int(),
    outOfFold: z.object({ folds: z.number().int(), rocAuc: finite, averagePrecision: finite, logLoss: finite }),
  }),
});
export type ModelArtifact = z.infer<typeof modelArtifactSchema>;

export interface ArtifactInfo {
  /** YYYYMMDD, part of the model version (given, not read from the clock, so builds are reproducible). */
  date: string;
  dataSha256: string;
  seed: number;
  l2: number;
  iterations: number;
  documents: number;
  positives: number;
  outOfFold: ModelArtifact['training']['outOfFold'];
}

/** The artifact of a trained model: weights and numbers only, never training text. */
export function toArtifact(model: LinearTextModel, info: ArtifactInfo): ModelArtifact {
  const { params } = model;
  const { indexGaps, values } = sparseOf(params.weights);
  const characterWeights = params.characterWeights ? sparseOf(params.characterWeights) : undefined;
  const hashing = {
    scheme: 'fnv1a32+murmur3-mix, signed' as const,
    ...params.features,
    weighting: 'sublinear tf, L2 per field; metadata binary' as const,
  };
  const stackedWith = params.calibration.characters;
  const calibration =
    stackedWith === undefined
      ? { method: 'platt' as const, a: round(params.calibration.a), b: round(params.calibration.b) }
      : { method: 'stacked' as const, a: round(params.calibration.a), b: round(params.calibration.b), characters: round(stackedWith) };
  const bias = round(params.bias);
  const attributesMean = round(params.attributesMean);
  const charactersMean = params.charactersMean === undefined ? undefined : round(params.charactersMean);
  const body = JSON.stringify({ hashing, indexGaps, values, characterWeights, charactersMean, bias, attributesMean, calibration });
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  if (!/^\d{8}$/.test(info.date)) throw new Error('artifact date must be YYYYMMDD');
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    modelVersion: `lr-${info.date}-${hash}`,
    hashing,
    weights: { quantum: QUANTUM, indexGaps, values },
    ...(characterWeights ? { characterWeights: { quantum: QUANTUM, ...characterWeights } } : {}),
    ...(charactersMean === undefined ? {} : { charactersMean }),
    bias,
    attributesMean,
    calibration,
    training: {
      documents: info.documents,
      positives: info.positives,
      prior: round(info.positives / Math.max(1, info.documents)),
      dataSha256: info.dataSha256,
      seed: info.seed,
      l2: info.l2,
      iterations: info.iterations,
      nonZeroWeights: values.length + (characterWeights?.values.length ?? 0),
      outOfFold: {
        ...info.outOfFold,
        rocAuc: round(info.outOfFold.rocAuc),
        averagePrecision: round(info.outOfFold.averagePrecision),
        logLoss: round(info.outOfFold.logLoss),
      },
    },
  };
}

function sparseOf(weights: Float32Array): { indexGaps: number[]; values: number[] } {
  const indexGaps: number[] = [];
  const values: number[] = [];
  let previous = -1;
  weights.forEach((w, bucket) => {
    const q = Math.round(w / QUANTUM);
    if (q === 0) return;
    indexGaps.push(bucket - previous);
    values.push(q);
    previous = bucket;
  });
  return { indexGaps, values };
}

function denseOf(weights: z.infer<typeof sparseWeights>, bits: number): Float32Array {
  if (weights.indexGaps.length !== weights.values.length) throw new Error('model artifact: index and value counts differ');
  const size = 1 << bits;
  const dense = new Float32Array(size);
  let bucket = -1;
  for (let i = 0; i < weights.values.length; i++) {
    bucket += weights.indexGaps[i]!;
    if (bucket >= size) throw new Error('model artifact: bucket index out of range');
    dense[bucket] = weights.values[i]! * weights.quantum;
  }
  return dense;
}

/** Stable text of an artifact: one weight array per line keeps diffs and size small. */
export function serialiseArtifact(artifact: ModelArtifact): string {
  return JSON.stringify(artifact) + '\n';
}

/** Validates an artifact and builds the model it describes. */
export function modelFromArtifact(value: unknown): LinearTextModel {
  const artifact = modelArtifactSchema.parse(value);
  const { hashing, calibration } = artifact;
  const stacked = calibration.method === 'stacked';
  if (
    stacked !== (hashing.characters !== undefined) ||
    stacked !== (artifact.characterWeights !== undefined) ||
    stacked !== (artifact.charactersMean !== undefined) ||
    stacked !== (calibration.characters !== undefined) ||
    (stacked && artifact.formatVersion < 3)
  )
    throw new Error('model artifact: a character model needs format 3, its hashing, its weights, their mean and stacked calibration');
  const { bits, seed, bigrams, shared, metadata, charMin, charMax, titleChars, layout, characters } = hashing;
  return new LinearTextModel({
    version: artifact.modelVersion,
    features: { bits, seed, bigrams, shared, metadata, charMin, charMax, titleChars, layout, ...(characters ? { characters } : {}) },
    weights: denseOf(artifact.weights, bits),
    bias: artifact.bias,
    attributesMean: artifact.attributesMean,
    ...(characters && artifact.characterWeights
      ? { characterWeights: denseOf(artifact.characterWeights, characters.bits), charactersMean: artifact.charactersMean ?? 0 }
      : {}),
    calibration: {
      a: calibration.a,
      b: calibration.b,
      ...(calibration.characters === undefined ? {} : { characters: calibration.characters }),
    },
  });
}

export function loadModel(path: string): LinearTextModel {
  return modelFromArtifact(JSON.parse(readFileSync(path, 'utf8')));
}

export const DEFAULT_MODEL_PATH = join(__dirname, '..', '..', 'model', 'lantern-model.json');

let cached: LinearTextModel | undefined;

/** The committed model (`libs/detection/model/lantern-model.json`), loaded once. */
export function loadDefaultModel(): LinearTextModel {
  cached ??= loadModel(DEFAULT_MODEL_PATH);
  return cached;
}

function round(value: number): number {
  return Number(value.toPrecision(8));
}
