import { Injectable } from '@nestjs/common';
import { RawAdV1, ScoredAdV1 } from '@lantern/contracts';

/**
 * Placeholder until the detection library lands: counts a few well-known lure phrases. It keeps the
 * pipeline honest end to end (real messages, real levels) and is replaced, not extended.
 */
const LURE_PHRASES = [/free (visa|ticket|flight)/i, /no experience/i, /whatsapp only/i, /(registration|processing) fee/i, /passport/i];

@Injectable()
export class ScoringService {
  score(ad: RawAdV1, now: Date = new Date()): ScoredAdV1 {
    const text = `${ad.title ?? ''}\n${ad.description}`;
    const hits = LURE_PHRASES.filter((phrase) => phrase.test(text)).length;
    const probability = Math.min(0.99, 0.05 + hits * 0.2);
    const level = probability >= 0.85 ? 'critical' : probability >= 0.6 ? 'high' : probability >= 0.35 ? 'medium' : 'low';
    return {
      schemaVersion: 1,
      id: ad.id,
      ad,
      risk: { score: Math.round(probability * 100), probability, level },
      indicators: [],
      entities: { phones: [], emails: [], handles: [], urls: [], money: [], ages: [], genders: [], places: [] },
      language: { code: 'und', script: 'Zyyy', confidence: 0 },
      versions: { model: 'none', ruleset: 'placeholder', scorer: 'placeholder-1' },
      scoredAt: now.toISOString(),
    };
  }
}
