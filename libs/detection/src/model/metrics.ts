/** Binary-classification metrics for the fraud class (label 1). */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ClassMetrics extends Confusion {
  precision: number;
  recall: number;
  f1: number;
  /** Precision if fraud made up `prior` of the ads, from recall and false-positive rate. */
  precisionAtPrior: number;
}

/** The share of fraud among real job ads in EMSCAD (866 of 17,880). */
export const REAL_FRAUD_PRIOR = 866 / 17_880;

export function confusion(predicted: ReadonlyArray<boolean>, labels: ReadonlyArray<0 | 1>): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  predicted.forEach((p, i) => {
    const y = labels[i] === 1;
    if (p && y) c.tp++;
    else if (p) c.fp++;
    else if (y) c.fn++;
    else c.tn++;
  });
  return c;
}

export function classMetrics(c: Confusion, prior = REAL_FRAUD_PRIOR): ClassMetrics {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const fpr = c.fp + c.tn === 0 ? 0 : c.fp / (c.fp + c.tn);
  const denominator = recall * prior + fpr * (1 - prior);
  return { ...c, precision, recall, f1, precisionAtPrior: denominator === 0 ? 0 : (recall * prior) / denominator };
}

/** ROC-AUC by the rank-sum statistic, ties counted half. */
export function rocAuc(scores: ReadonlyArray<number>, labels: ReadonlyArray<0 | 1>): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]![1]] === 1) {
        rankSum += rank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Average precision (area under the precision-recall curve, step-wise; ties processed together). */
export function averagePrecision(scores: ReadonlyArray<number>, labels: ReadonlyArray<0 | 1>): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const positives = labels.filter((y) => y === 1).length;
  if (positives === 0) return NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    let newTp = 0;
    while (j < order.length && order[j]![0] === order[i]![0]) {
      if (labels[order[j]![1]] === 1) newTp++;
      j++;
    }
    seen += j - i;
    tp += newTp;
    ap += (newTp / positives) * (tp / seen);
    i = j;
  }
  return ap;
}

/** The score threshold (flag when score >= threshold) that maximises F1, and that F1. */
export function bestF1Threshold(
  scores: ReadonlyArray<number>,
  labels: ReadonlyArray<0 | 1>,
): { threshold: number; f1: number; precision: number; recall: number } {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const positives = labels.filter((y) => y === 1).length;
  let best = { threshold: Infinity, f1: 0, precision: 0, recall: 0 };
  let tp = 0;
  let seen = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) {
      if (labels[order[j]![1]] === 1) tp++;
      j++;
    }
    seen = j;
    const precision = tp / seen;
    const recall = positives === 0 ? 0 : tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { threshold: order[i]![0], f1, precision, recall };
    i = j;
  }
  return best;
}

/** Cohen's kappa between two binary raters. */
export function cohensKappa(a: ReadonlyArray<boolean>, b: ReadonlyArray<boolean>): number {
  const n = a.length;
  if (n === 0) return NaN;
  let agree = 0;
  let aYes = 0;
  let bYes = 0;
  a.forEach((x, i) => {
    const y = b[i] === true;
    if (x === y) agree++;
    if (x) aYes++;
    if (y) bYes++;
  });
  const po = agree / n;
  const pe = (aYes / n) * (bYes / n) + (1 - aYes / n) * (1 - bYes / n);
  return pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe);
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
