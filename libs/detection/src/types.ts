import type { ExtractedEntities, IndicatorHit, RawAdV1, RiskLevel } from '@lantern/contracts';

/**
 * The public shapes of the detection library. The library is pure: no Nest, Kafka, database or
 * network. Services and the CLI call it; anything stateful (linkage counts) comes in through
 * the interfaces below.
 */

/** What the detector reads: the raw-ad contract. Only `description` is required (may be empty if a title is given). */
export type AdInput = RawAdV1;

export interface Risk {
  /** 0-100, rounded `probability * 100`. */
  score: number;
  /** Calibrated probability that the ad is a false-employment / trafficking lure. */
  probability: number;
  level: RiskLevel;
}

export interface LanguageGuess {
  /** ISO 639-1 where one exists ("en", "ur"); "ur-Latn" for Roman Urdu, "tl" for Tagalog/Taglish; "und" when unknown. */
  code: string;
  /** ISO 15924: "Latn", "Cyrl", "Arab", "Deva", ... */
  script: string;
  confidence: number;
}

/** The learned text model's view of an ad. */
export interface ModelOutput {
  /** Log-odds of fraud from the model alone, before combination with indicators. */
  logit: number;
  /**
   * Share (0-1) of the ad's features the model has weights for. Low coverage (a language the
   * training data lacks) means the logit says little, and the scorer leans on indicators instead.
   */
  coverage: number;
  /** Terms of this ad that pushed the model most (for explanations); hashed models report the ad's own tokens. */
  topTerms: Array<{ term: string; weight: number }>;
}

/** A learned model, loaded from a committed artifact (weights and statistics only, never training text). */
export interface TextModel {
  readonly version: string;
  predict(ad: AdInput, context?: PredictContext): ModelOutput;
}

/** What the detector already knows of the ad when it asks the model. */
export interface PredictContext {
  /** Detected language (ISO 639-1, or e.g. `ur-Latn`). */
  language?: string;
}

export interface Versions {
  model: string;
  ruleset: string;
  scorer: string;
}

/** Everything the detector found, before linkage signals are folded in. */
export interface Analysis {
  ad: AdInput;
  language: LanguageGuess;
  entities: ExtractedEntities;
  /** Indicators from patterns and structure, with evidence spans pointing into the original fields. */
  indicators: IndicatorHit[];
  model: ModelOutput;
  /** Keys for linkage: keyed HMACs of normalised contacts and a SimHash of the text. */
  linkKeys: LinkKeys;
}

export interface LinkKeys {
  /** `phone:<hmac>`, `email:<hmac>`, `handle:<hmac>`: never the raw value. */
  contacts: string[];
  /** 64-bit SimHash of the normalised text, hex. */
  textSimhash: string;
}

/** What linkage storage says about an ad's contacts and text, within its window. */
export interface LinkageSnapshot {
  contacts: Array<{
    key: string;
    adIds: string[];
    sources: number;
    countries: string[];
    cities: number;
  }>;
  nearDuplicates: { adIds: string[]; sources: number };
}

export interface Detection {
  risk: Risk;
  indicators: IndicatorHit[];
  entities: ExtractedEntities;
  language: LanguageGuess;
  versions: Versions;
  /** The model's contribution, for explanation and evaluation. */
  model: ModelOutput;
  linkKeys: LinkKeys;
}

export interface DetectorOptions {
  /** Omit to score with indicators alone (the model's logit is then 0). */
  model?: TextModel;
  /** Secret for contact HMACs (from config). Without it linkage keys are not produced. */
  linkKey?: string | Buffer;
  /** Another catalogue directory (tests, tuning); defaults to the catalogue shipped with the library. */
  catalogueDir?: string;
}
