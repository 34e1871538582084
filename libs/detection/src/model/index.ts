export {
  DEFAULT_MODEL_PATH,
  loadDefaultModel,
  loadModel,
  modelArtifactSchema,
  modelFromArtifact,
  serialiseArtifact,
  toArtifact,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
} from './artifact';
export type { ArtifactInfo, ModelArtifact } from './artifact';
export { BayesBaseline, adText } from './bayes-baseline';
export { crossValidate, nestedThreshold } from './evaluate';
export type {
  DetectorFactory,
  EvaluateOptions,
  NestedThreshold,
  EvaluationReport,
  OutOfFoldPrediction,
  RankingMetrics,
  ScoringDetector,
} from './evaluate';
export { DEFAULT_FEATURE_CONFIG, Featurizer } from './features';
export type { FeatureConfig, SparseVector } from './features';
export { stratifiedFolds } from './folds';
export { LinearTextModel } from './linear-model';
export type { Calibration, LinearModelParams } from './linear-model';
export { averagePrecision, bestF1Threshold, classMetrics, cohensKappa, confusion, REAL_FRAUD_PRIOR, rocAuc } from './metrics';
export type { ClassMetrics, Confusion } from './metrics';
export { tokenize } from './tokenize';
export { DEFAULT_TRAIN, fitPlatt, trainModel } from './train';
export type { LabelledExample, TrainingResult, TrainOptions } from './train';
