import { BayesClassifier } from 'natural/lib/natural/classifiers';
import type { AdInput } from '../types';

/** The ad's text fields as one string: what the stock classifier is given. */
export function adText(ad: AdInput): string {
  return [ad.title, ad.company, ad.companyProfile, ad.description, ad.requirements, ad.benefits].filter(Boolean).join('\n');
}

/**
 * natural's stock BayesClassifier (Porter stemming, dense features), the baseline we compare with.
 * Its `getClassifications` multiplies probabilities out of log space and underflows to 0 on long
 * ads, so the ranking score is recomputed in log space from its own counts (same formula).
 */
export class BayesBaseline {
  private readonly classifier = new BayesClassifier();

  add(ad: AdInput, label: 0 | 1): void {
    this.classifier.addDocument(adText(ad), label === 1 ? 'fraud' : 'legit');
  }

  train(): void {
    this.classifier.train();
  }

  /** Its own decision, and log P(fraud|x) - log P(legit|x) for ranking. */
  classify(ad: AdInput): { fraud: boolean; score: number } {
    const text = adText(ad);
    const fraud = this.classifier.classify(text) === 'fraud';
    const features = this.classifier.textToFeatures(text);
    const inner = this.classifier.classifier as unknown as {
      classFeatures: Record<string, Record<number, number>>;
      classTotals: Record<string, number>;
      smoothing?: number;
    };
    const smoothing = inner.smoothing ?? 1;
    const logProb = (label: string): number => {
      const counts = inner.classFeatures[label] ?? {};
      const total = inner.classTotals[label] ?? 1;
      let sum = Math.log(total);
      features.forEach((present, i) => {
        if (present) sum += Math.log((counts[i] || smoothing) / total);
      });
      return sum;
    };
    return { fraud, score: logProb('fraud') - logProb('legit') };
  }
}
