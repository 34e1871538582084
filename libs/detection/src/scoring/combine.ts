import type { IndicatorHit, RiskLevel } from '@lantern/contracts';
import { RISK_LEVELS } from '@lantern/contracts';
import type { Catalogue } from '../indicators/catalogue';
import type { ModelOutput, Risk } from '../types';

export const SCORER_VERSION = 's-1.0.0';

export interface Combined {
  risk: Risk;
  /** Hits with their actual contribution as weight, plus combination hits, sorted by contribution. */
  indicators: IndicatorHit[];
  logit: number;
  /** The model term alone (coverage-weighted model logit plus prior). */
  modelTerm: number;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * log-odds = base + model term + indicator evidence. The model term blends the model's logit with
 * the prior by coverage. Evidence sums indicator weights with diminishing returns inside each
 * category (so five deception cues do not count five times), plus bonuses for combinations that
 * research says matter (UNODC 2015 on fees with travel; Volodko et al. 2020 on co-occurrence).
 */
export function combine(catalogue: Catalogue, hits: IndicatorHit[], model: ModelOutput): Combined {
  const cfg = catalogue.scoring;
  const coverage = Math.max(0, Math.min(1, Number.isFinite(model.coverage) ? model.coverage : 0));
  const modelLogit = Number.isFinite(model.logit) ? model.logit : 0;
  const modelTerm = coverage * modelLogit + (1 - coverage) * cfg.priorLogit;

  // What the model already reads counts only for the part of the ad it does not cover.
  const overlap = new Set(cfg.modelOverlap);
  const weightOf = (hit: IndicatorHit): number => {
    const w = baseWeight(catalogue, hit);
    return overlap.has(hit.id) && w > 0 ? w * (1 - coverage) : w;
  };
  const byCategory = new Map<string, IndicatorHit[]>();
  for (const hit of hits) byCategory.set(hit.category, [...(byCategory.get(hit.category) ?? []), hit]);
  const weighted: IndicatorHit[] = [];
  let evidence = 0;
  for (const group of byCategory.values()) {
    group.sort((a, b) => weightOf(b) - weightOf(a));
    group.forEach((hit, k) => {
      const w = weightOf(hit);
      // negative weights (benign evidence) are not decayed
      const contribution = w > 0 ? w * Math.pow(cfg.categoryDecay, k) : w;
      evidence += contribution;
      weighted.push({ ...hit, weight: round(contribution) });
    });
  }

  const present = new Set(hits.map((h) => h.id));
  for (const rule of cfg.combinations) {
    if (!rule.requires.every((group) => group.some((id) => present.has(id)))) continue;
    evidence += rule.bonus;
    weighted.push({
      id: `combination.${rule.id}`,
      title: rule.title,
      category: 'combination',
      severity: 'medium',
      weight: rule.bonus,
      sources: rule.sources,
      evidence: [],
    });
  }
  const categories = new Set(hits.filter((h) => baseWeight(catalogue, h) > 0).map((h) => h.category));
  if (categories.size >= cfg.breadth.categories) {
    evidence += cfg.breadth.bonus;
    weighted.push({
      id: 'combination.breadth',
      title: `Indicators from ${categories.size} different categories`,
      category: 'combination',
      severity: 'medium',
      weight: cfg.breadth.bonus,
      sources: ['ilo_2012', 'volodko_2020'],
      evidence: [],
    });
  }

  const logit = cfg.base + modelTerm + evidence;
  let probability = sigmoid(logit);
  let level = levelOf(catalogue, probability);

  // One weak cue alone never raises the level past the configured cap, unless the model alone does.
  const real = hits.filter((h) => baseWeight(catalogue, h) > 0);
  const cap = cfg.singleWeakCueMaxLevel;
  const only = real[0];
  if (real.length === 1 && only && (only.severity === 'low' || only.severity === 'medium') && rank(level) > rank(cap)) {
    if (rank(levelOf(catalogue, sigmoid(cfg.base + modelTerm))) <= rank(cap)) {
      const ceiling = cap === 'low' ? cfg.levels.medium : cap === 'medium' ? cfg.levels.high : cfg.levels.critical;
      probability = Math.min(probability, ceiling - 0.005);
      level = levelOf(catalogue, probability);
    }
  }

  weighted.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  return {
    risk: riskOf(probability, level),
    indicators: weighted,
    logit,
    modelTerm,
  };
}

function riskOf(probability: number, level: RiskLevel): Risk {
  const p = Math.round(probability * 10_000) / 10_000;
  return { score: Math.round(100 * p), probability: p, level };
}

export function levelOf(catalogue: Catalogue, probability: number): RiskLevel {
  const { levels } = catalogue.scoring;
  if (probability >= levels.critical) return 'critical';
  if (probability >= levels.high) return 'high';
  if (probability >= levels.medium) return 'medium';
  return 'low';
}

function rank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

function baseWeight(catalogue: Catalogue, hit: IndicatorHit): number {
  return catalogue.indicators.get(hit.id)?.weight ?? hit.weight;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
