import type { EvidenceField, IndicatorHit } from './types';

export interface SpanHit {
  indicator: IndicatorHit;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Every indicator whose evidence covers this piece of text (spans may overlap). */
  hits: IndicatorHit[];
}

/** Evidence spans of one field, clamped to the text; empty or reversed spans are dropped. */
export function spansFor(indicators: readonly IndicatorHit[], field: EvidenceField, textLength: number): SpanHit[] {
  const spans: SpanHit[] = [];
  for (const indicator of indicators) {
    for (const evidence of indicator.evidence) {
      if (evidence.field !== field) continue;
      const start = Math.max(0, Math.min(textLength, Math.trunc(evidence.start)));
      const end = Math.max(0, Math.min(textLength, Math.trunc(evidence.end)));
      if (end > start) spans.push({ indicator, start, end });
    }
  }
  return spans;
}

/**
 * Cuts the text at every span boundary. The result is plain strings plus the indicators covering each
 * piece: the caller renders text nodes and <mark> elements, never HTML.
 */
export function segmentText(text: string, spans: readonly SpanHit[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const hits: IndicatorHit[] = [];
    for (const span of spans) if (span.start <= start && span.end >= end && !hits.includes(span.indicator)) hits.push(span.indicator);
    const previous = segments.at(-1);
    // Neighbouring pieces with the same indicators are one highlight, not several.
    if (previous && sameHits(previous.hits, hits)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), hits });
    }
  }
  return segments;
}

function sameHits(a: readonly IndicatorHit[], b: readonly IndicatorHit[]): boolean {
  return a.length === b.length && a.every((hit) => b.includes(hit));
}

/** Bidirectional controls and invisible characters that can disguise text (Trojan Source style). */
const HIDDEN_CONTROLS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

const CONTROL_NAMES: Record<string, string> = {
  '\u200B': 'ZWSP',
  '\u200C': 'ZWNJ',
  '\u200D': 'ZWJ',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\uFEFF': 'BOM',
};

export type Piece = { kind: 'text'; text: string } | { kind: 'control'; name: string; codePoint: string };

/** Splits text so that hidden controls are shown as visible, inert labels instead of reordering what follows. */
export function revealControls(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN_CONTROLS)) {
    const at = match.index;
    if (at > last) pieces.push({ kind: 'text', text: text.slice(last, at) });
    const char = match[0];
    pieces.push({
      kind: 'control',
      name: CONTROL_NAMES[char] ?? 'CTRL',
      codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    });
    last = at + char.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

/** Only http(s) links are ever rendered as links; anything else (javascript:, data:, vbscript:) is shown as text. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
