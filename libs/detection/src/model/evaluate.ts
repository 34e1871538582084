import type { IndicatorHit, RiskLevel } from '@lantern/contracts';
import type { AdInput, ModelOutput, Risk, TextModel } from '../types';
import { BayesBaseline } from './bayes-baseline';
import { stratifiedFolds } from './folds';
import { averagePrecision, bestF1Threshold, classMetrics, ClassMetrics, confusion, REAL_FRAUD_PRIOR, rocAuc, sigmoid } from './metrics';
import { LabelledExample, TrainOptions, trainModel } from './train';

/** What evaluation needs from a detector (`createDetector({ model })` fits). */
export interface ScoringDetector {
  score(ad: AdInput): { risk: Risk; indicators: IndicatorHit[]; model: ModelOutput };
}
export type DetectorFactory = (model: TextModel) => ScoringDetector;

export interface EvaluateOptions {
  folds: number;
  seed: number;
  train?: TrainOptions;
  /** Also train and score natural's BayesClassifier on the same folds. */
  baseline?: boolean;
  prior?: number;
  onProgress?: (message: string) => void;
}

export interface RankingMetrics {
  rocAuc: number;
  averagePrecision: number;
}

export interface OutOfFoldPrediction {
  id: string;
  label: 0 | 1;
  fold: number;
  probability: number;
  level: RiskLevel;
  modelLogit: number;
  indicatorIds: string[];
}

export interface EvaluationReport {
  documents: number;
  positives: number;
  folds: number;
  seed: number;
  prior: number;
  detector: RankingMetrics & {
    atLeastMedium: ClassMetrics;
    atLeastHigh: ClassMetrics;
    levels: Record<RiskLevel, { fraud: number; legit: number }>;
  };
  model: RankingMetrics & { atHalf: ClassMetrics };
  bayes?: RankingMetrics & { decision: ClassMetrics; classifyPerSecond: number };
  indicators: Array<{ id: string; fraudHits: number; legitHits: number; fraudRate: number; legitRate: number }>;
  /** Probability thresholds that would maximise F1 for "flagged" on these out-of-fold predictions. */
  thresholds: {
    detector: { probability: number; f1: number; precision: number; recall: number };
    model: { probability: number; f1: number; precision: number; recall: number };
    /** The best-F1 "flagged" threshold chosen on the other folds only, applied to each fold: an honest estimate for a tuned threshold. */
    nested: NestedThreshold;
  };
  predictions: OutOfFoldPrediction[];
}

const LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];

export interface NestedThreshold {
  /** Threshold chosen for each fold from the other folds' predictions and labels. */
  perFold: number[];
  median: number;
  /** Each fold flagged with its own threshold. */
  metrics: ClassMetrics;
}

/**
 * Nested threshold choice: for each fold, the probability that maximises F1 on the other folds'
 * out-of-fold predictions (half-way to the next lower score, not on an ad), applied to that fold.
 * A fold's labels never choose its own threshold.
 */
export function nestedThreshold(
  scores: ReadonlyArray<number>,
  labels: ReadonlyArray<0 | 1>,
  folds: ReadonlyArray<number>,
  k: number,
  prior = REAL_FRAUD_PRIOR,
): NestedThreshold {
  const flagged = new Array<boolean>(scores.length).fill(false);
  const perFold: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const others = scores.flatMap((_, i) => (folds[i] === fold ? [] : [i]));
    const best = bestF1Threshold(
      others.map((i) => scores[i]!),
      others.map((i) => labels[i]!),
    );
    const below = others.map((i) => scores[i]!).filter((x) => x < best.threshold);
    const threshold = below.length === 0 ? best.threshold : (best.threshold + Math.max(...below)) / 2;
    perFold.push(threshold);
    scores.forEach((x, i) => {
      if (folds[i] === fold) flagged[i] = x >= threshold;
    });
  }
  const sorted = [...perFold].sort((a, b) => a - b);
  return { perFold, median: sorted[Math.floor(sorted.length / 2)]!, metrics: classMetrics(confusion(flagged, labels), prior) };
}

/**
 * Stratified k-fold cross-validation: each fold is scored by the full detector around a model
 * trained on the other folds, so no ad is scored by a model that saw it.
 */
export function crossValidate(
  examples: ReadonlyArray<LabelledExample>,
  createDetector: DetectorFactory,
  options: EvaluateOptions,
): EvaluationReport {
  const labels = examples.map((e) => e.label);
  const folds = stratifiedFolds(labels, options.folds, options.seed);
  const prior = options.prior ?? REAL_FRAUD_PRIOR;
  const predictions = new Array<OutOfFoldPrediction | undefined>(examples.length);
  const bayesScores = new Array<number>(examples.length).fill(0);
  const bayesDecisions = new Array<boolean>(examples.length).fill(false);
  let bayesMs = 0;
  let bayesCount = 0;
  for (let fold = 0; fold < options.folds; fold++) {
    const training = examples.filter((_, i) => folds[i] !== fold);
    const { model } = trainModel(training, { seed: options.seed, ...options.train });
    const detector = createDetector(model);
    examples.forEach((example, i) => {
      if (folds[i] !== fold) return;
      const detection = detector.score(example.ad);
      predictions[i] = {
        id: example.ad.id,
        label: example.label,
        fold,
        probability: detection.risk.probability,
        level: detection.risk.level,
        modelLogit: detection.model.logit,
        indicatorIds: [...new Set(detection.indicators.map((hit) => hit.id))],
      };
    });
    if (options.baseline) {
      const bayes = new BayesBaseline();
      for (const example of training) bayes.add(example.ad, example.label);
      bayes.train();
      const started = process.hrtime.bigint();
      examples.forEach((example, i) => {
        if (folds[i] !== fold) return;
        const result = bayes.classify(example.ad);
        bayesScores[i] = result.score;
        bayesDecisions[i] = result.fraud;
        bayesCount++;
      });
      bayesMs += Number(process.hrtime.bigint() - started) / 1e6;
    }
    options.onProgress?.(`fold ${fold + 1}/${options.folds} done`);
  }
  const oof = predictions.map((p) => {
    if (!p) throw new Error('an example was not scored');
    return p;
  });
  // Ties in a saturated probability are broken by the model's logit, which is finer.
  const detectorScores = oof.map((p) => p.probability + 1e-9 * Math.tanh(p.modelLogit / 50));
  const modelScores = oof.map((p) => p.modelLogit);
  const levels = Object.fromEntries(LEVELS.map((level) => [level, { fraud: 0, legit: 0 }])) as Record<
    RiskLevel,
    { fraud: number; legit: number }
  >;
  for (const p of oof) levels[p.level][p.label === 1 ? 'fraud' : 'legit']++;
  const atLeast = (threshold: RiskLevel) => oof.map((p) => LEVELS.indexOf(p.level) >= LEVELS.indexOf(threshold));
  const hits = new Map<string, { fraudHits: number; legitHits: number }>();
  for (const p of oof) {
    for (const id of p.indicatorIds) {
      const entry = hits.get(id) ?? { fraudHits: 0, legitHits: 0 };
      if (p.label === 1) entry.fraudHits++;
      else entry.legitHits++;
      hits.set(id, entry);
    }
  }
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  const bestDetector = bestF1Threshold(detectorScores, labels);
  const bestModel = bestF1Threshold(modelScores, labels);
  return {
    documents: examples.length,
    positives,
    folds: options.folds,
    seed: options.seed,
    prior,
    detector: {
      rocAuc: rocAuc(detectorScores, labels),
      averagePrecision: averagePrecision(detectorScores, labels),
      atLeastMedium: classMetrics(confusion(atLeast('medium'), labels), prior),
      atLeastHigh: classMetrics(confusion(atLeast('high'), labels), prior),
      levels,
    },
    model: {
      rocAuc: rocAuc(modelScores, labels),
      averagePrecision: averagePrecision(modelScores, labels),
      atHalf: classMetrics(
        confusion(
          modelScores.map((z) => z >= 0),
          labels,
        ),
        prior,
      ),
    },
    ...(options.baseline
      ? {
          bayes: {
            rocAuc: rocAuc(bayesScores, labels),
            averagePrecision: averagePrecision(bayesScores, labels),
            decision: classMetrics(confusion(bayesDecisions, labels), prior),
            classifyPerSecond: bayesCount / Math.max(1e-9, bayesMs / 1000),
          },
        }
      : {}),
    indicators: [...hits.entries()]
      .map(([id, h]) => ({ id, ...h, fraudRate: h.fraudHits / Math.max(1, positives), legitRate: h.legitHits / Math.max(1, negatives) }))
      .sort((a, b) => b.fraudHits + b.legitHits - (a.fraudHits + a.legitHits) || a.id.localeCompare(b.id)),
    thresholds: {
      detector: {
        probability: bestDetector.threshold,
        f1: bestDetector.f1,
        precision: bestDetector.precision,
        recall: bestDetector.recall,
      },
      model: { probability: sigmoid(bestModel.threshold), f1: bestModel.f1, precision: bestModel.precision, recall: bestModel.recall },
      nested: nestedThreshold(detectorScores, labels, folds, options.folds, prior),
    },
    predictions: oof,
  };
}
