import type { AdInput, ModelOutput, PredictContext, TextModel } from '../types';
import { FeatureConfig, Featurizer } from './features';

export interface Calibration {
  /**
   * Calibrated log-odds = a * raw + characters * raw of the character model + b: Platt scaling for
   * the word model alone, a stacking regression when there is a character model.
   */
  a: number;
  b: number;
  characters?: number;
}

export interface LinearModelParams {
  version: string;
  features: FeatureConfig;
  /** Dense weights, one per bucket (zero where the model knows nothing). */
  weights: Float32Array;
  bias: number;
  /**
   * Mean raw contribution of the board-attribute features over the training ads. Added for an ad
   * without attributes, so that their absence neither raises nor lowers its score: the model then
   * reads it as an average board ad on those features (their weights pull the bias the other way).
   */
  attributesMean: number;
  /** Weights of the second model, over the character n-grams of `features.characters` (its bias is in `calibration.b`). */
  characterWeights?: Float32Array;
  /**
   * Mean of the character model's raw score (weights only) over the training ads: its neutral value,
   * used for ads in languages it never saw (see CHARACTER_MODEL_LANGUAGES).
   */
  charactersMean?: number;
  calibration: Calibration;
}

/**
 * Languages the character model is read for: those of its training ads (EMSCAD is English). On other
 * languages its 5-grams are unknown, and what is left is a reading of style ("not like an English
 * job ad") that made ordinary Tagalog or Russian ads look suspicious; there it counts as its mean.
 */
export const CHARACTER_MODEL_LANGUAGES: ReadonlySet<string> = new Set(['en']);

const TOP_TERMS = 8;
/** Contributions smaller than this (in calibrated log-odds) explain nothing. */
const MIN_CONTRIBUTION = 0.01;

/**
 * A hashed linear model (logistic regression) over words, word pairs and board metadata, optionally
 * stacked with a second one over the words' character n-grams (one extraction feeds both).
 */
export class LinearTextModel implements TextModel {
  readonly version: string;
  private readonly featurizer: Featurizer;

  constructor(readonly params: LinearModelParams) {
    if (params.weights.length !== 1 << params.features.bits) throw new Error('weights do not match the hashing size');
    const characters = params.features.characters;
    if (
      (characters === undefined) !== (params.characterWeights === undefined) ||
      (characters === undefined) !== (params.calibration.characters === undefined)
    )
      throw new Error('character features, weights and stacking coefficient go together');
    if (characters && params.characterWeights!.length !== 1 << characters.bits)
      throw new Error('character weights do not match the hashing size');
    this.version = params.version;
    this.featurizer = new Featurizer(params.features);
  }

  /** Uncalibrated score (bias + w.x). */
  rawScore(ad: AdInput): number {
    const f = this.featurizer;
    const weights = this.params.weights;
    f.extract(ad);
    let raw = this.params.bias + (ad.attributes ? 0 : this.params.attributesMean);
    for (let i = 0; i < f.touched; i++) raw += weights[f.bucketAt(i)]! * f.valueAt(i);
    f.reset();
    return raw;
  }

  predict(ad: AdInput, context: PredictContext = {}): ModelOutput {
    const f = this.featurizer;
    const weights = this.params.weights;
    const { a, b } = this.params.calibration;
    // the character n-grams are cut only where the character model is read
    const readCharacters = context.language === undefined || CHARACTER_MODEL_LANGUAGES.has(context.language);
    f.extract(ad, readCharacters);
    const characters = this.characterScore(readCharacters);
    let raw = this.params.bias + (ad.attributes ? 0 : this.params.attributesMean);
    const topIndex: number[] = [];
    const topValue: number[] = [];
    for (let i = 0; i < f.touched; i++) {
      const w = weights[f.bucketAt(i)]!;
      if (w === 0) continue;
      const contribution = w * f.valueAt(i) * a;
      raw += w * f.valueAt(i);
      const size = Math.abs(contribution);
      if (size < MIN_CONTRIBUTION) continue;
      if (topIndex.length === TOP_TERMS && size <= Math.abs(topValue[TOP_TERMS - 1]!)) continue;
      let at = 0;
      while (at < topValue.length && Math.abs(topValue[at]!) >= size) at++;
      topIndex.splice(at, 0, i);
      topValue.splice(at, 0, contribution);
      if (topIndex.length > TOP_TERMS) {
        topIndex.pop();
        topValue.pop();
      }
    }
    const topTerms = topIndex.map((index, k) => ({ term: f.termAt(index), weight: round(topValue[k]!) }));
    // Share of the ad's word occurrences the model has a weight for: low for a language it never saw.
    let covered = 0;
    for (let i = 0; i < f.wordCount; i++) if (weights[f.wordBucketAt(i)] !== 0) covered++;
    // The model learned from a board that publishes company attributes; on ads from other formats
    // (feeds, pages, tips) it reads only part of what it was trained on, so it counts for less.
    const formatFit = ad.attributes ? 1 : OTHER_FORMAT_FIT;
    const coverage = f.wordCount === 0 ? 0 : (covered / f.wordCount) * formatFit;
    f.reset();
    return { logit: a * raw + characters + b, coverage, topTerms };
  }

  /** The character model's share of the calibrated log-odds, from the extracted ad (0 without one; its mean when not `read`). */
  private characterScore(read: boolean): number {
    const channel = this.featurizer.characters;
    const weights = this.params.characterWeights;
    const coefficient = this.params.calibration.characters;
    if (!channel || !weights || coefficient === undefined) return 0;
    if (!read) return coefficient * (this.params.charactersMean ?? 0);
    let raw = 0;
    for (let i = 0; i < channel.count; i++) raw += weights[channel.bucketAt(i)]! * channel.valueAt(i);
    return coefficient * raw;
  }
}

/** Weight of the model's evidence on ads without board attributes (see predict). */
export const OTHER_FORMAT_FIT = 0.5;

/** Mean raw contribution of the board-attribute features over ads (see `LinearModelParams.attributesMean`). */
export function meanAttributeContribution(featurizer: Featurizer, weights: Float32Array, ads: ReadonlyArray<AdInput>): number {
  let sum = 0;
  let count = 0;
  for (const ad of ads) {
    if (!ad.attributes) continue;
    featurizer.extract(ad);
    for (let i = featurizer.attributesFrom; i < featurizer.attributesTo; i++)
      sum += weights[featurizer.bucketAt(i)]! * featurizer.valueAt(i);
    featurizer.reset();
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
