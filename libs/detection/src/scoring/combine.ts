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
  const overlap = modelOverlapOf(cfg);
  // each hit's catalogue weight and its weight after the model overlap, looked up once
  const base = hits.map((hit) => baseWeight(catalogue, hit));
  const byCategory = new Map<string, Array<{ hit: IndicatorHit; w: number }>>();
  hits.forEach((hit, k) => {
    const b = base[k] as number;
    const entry = { hit, w: overlap.has(hit.id) && b > 0 ? b * (1 - coverage) : b };
    const group = byCategory.get(hit.category);
    if (group) group.push(entry);
    else byCategory.set(hit.category, [entry]);
  });
  const weighted: IndicatorHit[] = [];
  let evidence = 0;
  for (const group of byCategory.values()) {
    group.sort((a, b) => b.w - a.w);
    group.forEach(({ hit, w }, k) => {
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
  const real = hits.filter((_, k) => (base[k] as number) > 0);
  const categories = new Set(real.map((h) => h.category));
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

const modelOverlaps = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The scoring config's model-overlap ids as a set, made once per list (again if the list grew or shrank). */
function modelOverlapOf(cfg: Catalogue['scoring']): ReadonlySet<string> {
  const ids = cfg.modelOverlap;
  let set = modelOverlaps.get(ids);
  if (!set || set.size !== ids.length) modelOverlaps.set(ids, (set = new Set(ids)));
  return set;
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
