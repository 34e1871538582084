import { ScriptName } from '../normalize/fold';
import { normalize, originalSpan } from '../normalize/normalize';
import { Catalogue, CompiledIndicatorPatterns } from './catalogue';
import { CandidatePositions } from './literal-prefixes';

/** At most this many evidence spans per indicator (README). */
export const MAX_SPANS_PER_INDICATOR = 5;
/** `unless` patterns look this far before and after a hit. */
export const UNLESS_WINDOW = 60;
// A pattern that keeps matching on a hostile text stops here.
const MAX_MATCHES_PER_PATTERN = 50;

export interface MatchSpan {
  /** Offsets into the normalised text. */
  start: number;
  end: number;
  language: string;
}

export interface IndicatorMatch {
  indicatorId: string;
  /** Language of the first pattern that matched. */
  language: string;
  spans: MatchSpan[];
}

export interface MatchOptions {
  /** Only these languages' patterns (default: every language whose script appears). */
  languages?: readonly string[];
  /** Skip patterns whose literal beginnings are absent (default true; false for tests). */
  prefilter?: boolean;
}

/**
 * Runs the catalogue's patterns over normalised text. Patterns are skipped when none of their
 * scripts occurs in the text, so mixed-language ads cost little more than single-language ones.
 */
export function matchIndicators(
  catalogue: Catalogue,
  text: string,
  scripts: Partial<Record<ScriptName, number>>,
  options: MatchOptions = {},
): Map<string, IndicatorMatch> {
  const found = new Map<string, IndicatorMatch>();
  if (text.length === 0) return found;
  const present = (needed: ScriptName[] | null): boolean => needed === null || needed.some((s) => (scripts[s] ?? 0) > 0);
  const prefilter = options.prefilter !== false;
  const candidates = prefilter ? candidatesFor(catalogue).scan(text, catalogue.prefixIndex) : undefined;
  const grams = prefilter ? gramsOf(text) : undefined;
  const plan = planOf(catalogue);
  if (candidates) {
    plan.mayRun.set(plan.alwaysRun);
    for (let k = 0; k < candidates.touchedPatterns; k++) plan.mayRun[plan.entryOfPattern[candidates.touchedAt(k)]!] = 1;
  }
  let entryIndex = -1;
  for (const lang of catalogue.languages) {
    if (options.languages && !options.languages.includes(lang.language)) {
      entryIndex += lang.entries.length;
      continue;
    }
    for (const entry of lang.entries) {
      entryIndex++;
      // most entries have no literal beginning in the text: the cheapest test goes first
      if (candidates && plan.mayRun[entryIndex] === 0) continue;
      if (!present(entry.scripts)) continue;
      const existing = found.get(entry.indicatorId);
      if (existing && existing.spans.length >= MAX_SPANS_PER_INDICATOR) continue;
      const spans = matchEntry(entry, text, present, existing?.spans ?? [], lang.language, candidates, grams);
      if (spans.length === 0) continue;
      if (existing) existing.spans.push(...spans.slice(0, MAX_SPANS_PER_INDICATOR - existing.spans.length));
      else found.set(entry.indicatorId, { indicatorId: entry.indicatorId, language: lang.language, spans });
    }
  }
  for (const m of found.values()) m.spans.sort((a, b) => a.start - b.start);
  return found;
}

/**
 * Per catalogue, which entry (in catalogue order) each pattern belongs to, and the entries that
 * always run (a pattern without literal beginnings); `mayRun` is scratch for the ad being matched.
 */
interface MatchPlan {
  entryOfPattern: Int32Array;
  alwaysRun: Uint8Array;
  mayRun: Uint8Array;
}

// One scratch index and plan per catalogue, reused for every ad (matching is synchronous).
const scratch = new WeakMap<Catalogue, CandidatePositions>();
const plans = new WeakMap<Catalogue, MatchPlan>();

function candidatesFor(catalogue: Catalogue): CandidatePositions {
  let candidates = scratch.get(catalogue);
  if (!candidates) scratch.set(catalogue, (candidates = new CandidatePositions(catalogue.patternCount)));
  return candidates;
}

function planOf(catalogue: Catalogue): MatchPlan {
  let plan = plans.get(catalogue);
  if (plan) return plan;
  const entries = catalogue.languages.flatMap((l) => l.entries);
  plan = {
    entryOfPattern: new Int32Array(catalogue.patternCount),
    alwaysRun: new Uint8Array(entries.length),
    mayRun: new Uint8Array(entries.length),
  };
  entries.forEach((entry, e) => {
    for (const pattern of entry.patterns) {
      if (!pattern.prefixes) plan!.alwaysRun[e] = 1;
      else plan!.entryOfPattern[pattern.id] = e;
    }
  });
  plans.set(catalogue, plan);
  return plan;
}

function matchEntry(
  entry: CompiledIndicatorPatterns,
  text: string,
  present: (needed: ScriptName[] | null) => boolean,
  already: MatchSpan[],
  language: string,
  candidates: CandidatePositions | undefined,
  grams: Uint32Array | undefined,
): MatchSpan[] {
  const spans: MatchSpan[] = [];
  const room = MAX_SPANS_PER_INDICATOR - already.length;
  for (const pattern of entry.patterns) {
    if (spans.length >= room) break;
    const positioned = candidates !== undefined && pattern.prefixes !== null;
    if (positioned && !candidates.has(pattern.id)) continue;
    if (pattern.scripts !== null && !present(pattern.scripts)) continue;
    if (grams && pattern.required && !mayContainAll(grams, (pattern.requiredGrams ??= gramsOfSets(pattern.required)))) continue;
    if (grams && pattern.requiredEither && !mayContainAny(grams, (pattern.requiredEitherGrams ??= pattern.requiredEither.map(gramsOfSets))))
      continue;
    if (positioned) {
      // only where a literal beginning of the pattern occurs at a word start
      const re = (pattern.sticky ??= new RegExp(withoutLeadingLookbehind(pattern.regex.source), 'iuy'));
      let after = 0;
      let count = 0;
      for (let link = candidates.first(pattern.id); link !== -1; link = candidates.nextOf(link)) {
        const pos = candidates.positionOf(link);
        if (pos < after) continue;
        re.lastIndex = pos;
        const m = re.exec(text);
        if (!m || m[0].length === 0) continue;
        after = pos + m[0].length;
        accept(entry, text, spans, already, pos, after, language, grams);
        if (spans.length >= room || ++count >= MAX_MATCHES_PER_PATTERN) break;
      }
      continue;
    }
    const re = pattern.regex;
    re.lastIndex = 0;
    let count = 0;
    for (let m = re.exec(text); m && count < MAX_MATCHES_PER_PATTERN; m = re.exec(text), count++) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        re.lastIndex = start + 1;
        continue;
      }
      accept(entry, text, spans, already, start, end, language, grams);
      if (spans.length >= room) break;
    }
    re.lastIndex = 0;
  }
  return spans;
}

function accept(
  entry: CompiledIndicatorPatterns,
  text: string,
  spans: MatchSpan[],
  already: MatchSpan[],
  start: number,
  end: number,
  language: string,
  grams: Uint32Array | undefined,
): void {
  if (overlaps(spans, start, end) || overlaps(already, start, end)) return;
  if (cancelled(entry, text, start, end, grams)) return;
  spans.push({ start, end, language });
}

// Hashed 3- and 4-grams of the text being matched, as bits: a word can occur only if its first and
// last grams do (collisions only let a pattern run needlessly, never skip one that could match).
const GRAM_BITS = 1 << 16;
const gramBits = new Uint32Array(GRAM_BITS / 32);
const gram = (text: string, i: number, n: number): number => {
  let h = n;
  for (let k = 0; k < n; k++) h = (Math.imul(h, 0x01000193) ^ text.charCodeAt(i + k)) >>> 0;
  return (h ^ (h >>> 16)) & (GRAM_BITS - 1);
};

const GRAM3_SEED = Math.imul(3, 0x01000193);
const GRAM4_SEED = Math.imul(4, 0x01000193);

/**
 * The gram bits of `text` (one shared buffer: valid until the next call): `gram(text, i, 3)` and
 * `gram(text, i, 4)` at every i, unrolled over a sliding window of character codes.
 */
export function gramsOf(text: string): Uint32Array {
  gramBits.fill(0);
  const n = text.length;
  if (n < 3) return gramBits;
  let c0 = text.charCodeAt(0);
  let c1 = text.charCodeAt(1);
  let c2 = text.charCodeAt(2);
  for (let i = 0; i + 3 <= n; i++) {
    // int32 arithmetic gives the same low 16 bits as gram()'s unsigned values
    const h3 = Math.imul(Math.imul(GRAM3_SEED ^ c0, 0x01000193) ^ c1, 0x01000193) ^ c2;
    const g3 = (h3 ^ (h3 >>> 16)) & (GRAM_BITS - 1);
    gramBits[g3 >>> 5] = (gramBits[g3 >>> 5] ?? 0) | (1 << (g3 & 31));
    const c3 = i + 3 < n ? text.charCodeAt(i + 3) : -1;
    if (c3 >= 0) {
      const h4 = Math.imul(Math.imul(Math.imul(GRAM4_SEED ^ c0, 0x01000193) ^ c1, 0x01000193) ^ c2, 0x01000193) ^ c3;
      const g4 = (h4 ^ (h4 >>> 16)) & (GRAM_BITS - 1);
      gramBits[g4 >>> 5] = (gramBits[g4 >>> 5] ?? 0) | (1 << (g4 & 31));
    }
    c0 = c1;
    c1 = c2;
    c2 = c3;
  }
  return gramBits;
}

/** One gram hash, as `gramsOf` sets it (exported for tests). */
export function gramHash(text: string, i: number, n: 3 | 4): number {
  return gram(text, i, n);
}

/** For each set, the first and last gram of each word, flattened: [first, last, first, last, ...]. */
function gramsOfSets(sets: string[][]): Int32Array[] {
  return sets.map((set) => {
    const out = new Int32Array(set.length * 2);
    set.forEach((word, k) => {
      const n = word.length >= 4 ? 4 : 3;
      out[2 * k] = gram(word, 0, n);
      out[2 * k + 1] = gram(word, word.length - n, n);
    });
    return out;
  });
}

const hasBit = (grams: Uint32Array, bit: number) => ((grams[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;

/** Whether every set may have a word in the text. */
function mayContainAll(grams: Uint32Array, sets: Int32Array[]): boolean {
  for (const set of sets) {
    let any = false;
    for (let k = 0; k < set.length && !any; k += 2) any = hasBit(grams, set[k] ?? 0) && hasBit(grams, set[k + 1] ?? 0);
    if (!any) return false;
  }
  return true;
}

const WORD_START = '(?<![\\p{L}\\p{M}\\p{N}])';

/**
 * A candidate position never follows a letter, mark or digit (the prefix scan only stops after a
 * non-word code unit), so the sticky copy of a pattern can drop the word-start look-behind that
 * `wrapPattern` adds: one check less on every try.
 */
function withoutLeadingLookbehind(source: string): string {
  return source.startsWith(WORD_START) ? source.slice(WORD_START.length) : source;
}

/** Whether the sets of at least one alternative may all have a word in the text. */
function mayContainAny(grams: Uint32Array, alternatives: Int32Array[][]): boolean {
  for (const sets of alternatives) if (mayContainAll(grams, sets)) return true;
  return false;
}

function overlaps(spans: MatchSpan[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

function cancelled(entry: CompiledIndicatorPatterns, text: string, start: number, end: number, grams: Uint32Array | undefined): boolean {
  const { unless } = entry;
  if (unless.length === 0) return false;
  let window: string | undefined;
  for (let k = 0; k < unless.length; k++) {
    const required = entry.unlessRequired[k];
    // an `unless` whose words are absent from the whole text cannot match near the hit
    if (
      grams &&
      required &&
      !mayContainAll(grams, (entry.unlessGrams ??= entry.unlessRequired.map((r) => (r ? gramsOfSets(r) : null)))[k] ?? [])
    )
      continue;
    window ??= text.slice(Math.max(0, start - UNLESS_WINDOW), Math.min(text.length, end + UNLESS_WINDOW));
    if (unless[k]?.test(window)) return true;
  }
  return false;
}

export interface TextMatch {
  indicatorId: string;
  language: string;
  /** Offsets and words of the original text. */
  evidence: Array<{ start: number; end: number; text: string }>;
}

/** Normalises a plain text and matches it: the entry point of the catalogue's example tests. */
export function matchText(catalogue: Catalogue, original: string, options: MatchOptions = {}): TextMatch[] {
  const n = normalize(original);
  const matches = matchIndicators(catalogue, n.text, n.scripts, options);
  return [...matches.values()].map((m) => ({
    indicatorId: m.indicatorId,
    language: m.language,
    evidence: m.spans.map((s) => {
      const o = originalSpan(n, s.start, s.end);
      return { ...o, text: original.slice(o.start, o.end) };
    }),
  }));
}
