import { isWordCode } from '../normalize/word-chars';

/**
 * The literal beginnings (up to PREFIX_LENGTH characters) a regular expression's matches can have,
 * so the matcher can skip patterns whose beginnings do not occur at any word start of the text.
 * Returns null when a match could begin with a non-literal (\s, a class, a wildcard) or with fewer
 * than two known characters: such patterns always run.
 */
export const PREFIX_LENGTH = 4;
const MAX_PREFIXES = 400;

type Prefixes = Set<string> | null;

interface Node {
  kind: 'literal' | 'group' | 'other' | 'zero';
  char?: string;
  alternatives?: Node[][];
  min: number;
  max: number;
  /** \s: runs of white space are one character after normalisation. */
  space?: boolean;
}

const MAX_CLASS = 12;

function charsNode(chars: string[]): Node {
  return { kind: 'group', alternatives: chars.map((c) => [{ kind: 'literal', char: c, min: 1, max: 1 }]), min: 1, max: 1 };
}

/** The characters of a small, plain character class ([2-9], [- ], [oe]); null otherwise. */
function classChars(body: string): string[] | null {
  if (body.startsWith('^') || body.length === 0) return null;
  const out = new Set<string>();
  for (let i = 0; i < body.length; i++) {
    let ch = body[i] ?? '';
    if (ch === '\\') {
      const next = body[i + 1] ?? '';
      i++;
      if (next === 's') {
        out.add(' ');
        out.add('\n');
        continue;
      }
      if (/[a-zA-Z0-9]/.test(next)) return null;
      ch = next;
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2] ?? '';
      if (to === '\\') return null;
      const a = ch.charCodeAt(0);
      const b = to.charCodeAt(0);
      if (b < a || b - a > MAX_CLASS) return null;
      for (let c = a; c <= b; c++) out.add(String.fromCharCode(c).toLowerCase());
      i += 2;
      continue;
    }
    out.add(ch.toLowerCase());
    if (out.size > MAX_CLASS) return null;
  }
  return out.size > MAX_CLASS ? null : [...out];
}

export function literalPrefixes(source: string): string[] | null {
  let nodes: Node[][];
  try {
    nodes = parseAlternatives(source, { i: 0 });
  } catch {
    return null;
  }
  const result = prefixesOfAlternatives(nodes);
  if (!result || result.size === 0 || result.size > MAX_PREFIXES) return null;
  for (const p of result) if (p.length < 2) return null;
  return [...result];
}

function parseAlternatives(src: string, pos: { i: number }): Node[][] {
  const alternatives: Node[][] = [[]];
  while (pos.i < src.length) {
    const ch = src[pos.i] ?? '';
    if (ch === ')') break;
    if (ch === '|') {
      alternatives.push([]);
      pos.i++;
      continue;
    }
    const node = parseAtom(src, pos);
    parseQuantifier(src, pos, node);
    alternatives[alternatives.length - 1]?.push(node);
  }
  return alternatives;
}

function parseAtom(src: string, pos: { i: number }): Node {
  const ch = src[pos.i] ?? '';
  if (ch === '(') {
    pos.i++;
    let zero = false;
    if (src.startsWith('?:', pos.i)) pos.i += 2;
    else if (src.startsWith('?=', pos.i) || src.startsWith('?!', pos.i)) {
      pos.i += 2;
      zero = true;
    } else if (src.startsWith('?<=', pos.i) || src.startsWith('?<!', pos.i)) {
      pos.i += 3;
      zero = true;
    } else if (src.startsWith('?<', pos.i)) pos.i = src.indexOf('>', pos.i) + 1;
    const alternatives = parseAlternatives(src, pos);
    if (src[pos.i] !== ')') throw new Error('unbalanced');
    pos.i++;
    return zero ? { kind: 'zero', min: 1, max: 1 } : { kind: 'group', alternatives, min: 1, max: 1 };
  }
  if (ch === '[') {
    const start = ++pos.i;
    while (pos.i < src.length && src[pos.i] !== ']') pos.i += src[pos.i] === '\\' ? 2 : 1;
    const chars = classChars(src.slice(start, pos.i));
    pos.i++;
    return chars ? charsNode(chars) : { kind: 'other', min: 1, max: 1 };
  }
  if (ch === '\\') {
    const next = src[pos.i + 1] ?? '';
    pos.i += 2;
    if (/[pPuk]/.test(next) && (src[pos.i] === '{' || src[pos.i] === '<')) {
      pos.i = src.indexOf(src[pos.i] === '{' ? '}' : '>', pos.i) + 1;
      return { kind: 'other', min: 1, max: 1 };
    }
    if (next === 'b' || next === 'B') return { kind: 'zero', min: 1, max: 1 };
    // normalised text has single white-space characters only: a space or a newline
    if (next === 's') return { ...charsNode([' ', '\n']), space: true };
    if (next === 'd') return charsNode(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    if (/[a-zA-Z0-9]/.test(next)) return { kind: 'other', min: 1, max: 1 };
    return { kind: 'literal', char: next, min: 1, max: 1 };
  }
  pos.i++;
  if (ch === '.') return { kind: 'other', min: 1, max: 1 };
  if (ch === '^' || ch === '$') return { kind: 'zero', min: 1, max: 1 };
  // one code point, so surrogate pairs stay whole
  const cp = src.codePointAt(pos.i - 1) ?? 0;
  if (cp > 0xffff) pos.i++;
  return { kind: 'literal', char: String.fromCodePoint(cp).toLowerCase(), min: 1, max: 1 };
}

function parseQuantifier(src: string, pos: { i: number }, node: Node): void {
  const ch = src[pos.i];
  if (ch === '?') {
    node.min = 0;
    pos.i++;
  } else if (ch === '*') {
    node.min = 0;
    node.max = node.space ? 1 : Infinity;
    pos.i++;
  } else if (ch === '+') {
    node.max = node.space ? 1 : Infinity;
    pos.i++;
  } else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(pos.i));
    if (m) {
      node.min = Number(m[1]);
      node.max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : node.min;
      pos.i += m[0].length;
    }
  } else return;
  if (src[pos.i] === '?') pos.i++; // lazy
}

function prefixesOfAlternatives(alternatives: Node[][]): Prefixes {
  const out = new Set<string>();
  for (const seq of alternatives) {
    const p = prefixesOfSequence(seq, 0, '');
    if (!p) return null;
    for (const s of p) out.add(s);
    if (out.size > MAX_PREFIXES) return null;
  }
  return out;
}

/** Prefixes of seq[from..] given the literal text already fixed before it. */
function prefixesOfSequence(seq: Node[], from: number, sofar: string): Prefixes {
  if (sofar.length >= PREFIX_LENGTH) return new Set([sofar.slice(0, PREFIX_LENGTH)]);
  if (from >= seq.length) return new Set([sofar]);
  const node = seq[from];
  if (!node) return new Set([sofar]);
  if (node.kind === 'zero') return prefixesOfSequence(seq, from + 1, sofar);
  const out = new Set<string>();
  if (node.min === 0) {
    const skip = prefixesOfSequence(seq, from + 1, sofar);
    if (!skip) return null;
    for (const s of skip) out.add(s);
  }
  if (node.max === 0) return out;
  if (node.kind === 'other') {
    out.add(sofar);
    return out;
  }
  // the node once; more repetitions (or a group's ending) stop the prefix there
  const once = node.kind === 'literal' ? new Set([sofar + (node.char ?? '')]) : expandGroup(node, sofar);
  if (!once) return null;
  const exact = node.max === 1;
  for (const s of once) {
    if (exact && s.length < PREFIX_LENGTH && !s.endsWith('\u0000')) {
      const rest = prefixesOfSequence(seq, from + 1, s);
      if (!rest) return null;
      for (const r of rest) out.add(r);
    } else out.add((s.endsWith('\u0000') ? s.slice(0, -1) : s).slice(0, PREFIX_LENGTH));
    if (out.size > MAX_PREFIXES) return null;
  }
  return out;
}

/** A group's prefixes; a NUL marks one that ended inside the group on a non-literal. */
function expandGroup(node: Node, sofar: string): Set<string> | null {
  const out = new Set<string>();
  for (const alt of node.alternatives ?? []) {
    const p = prefixesOfGroupSequence(alt, 0, sofar);
    if (!p) return null;
    for (const s of p) out.add(s);
    if (out.size > MAX_PREFIXES) return null;
  }
  return out;
}

function prefixesOfGroupSequence(seq: Node[], from: number, sofar: string): Set<string> | null {
  if (sofar.length >= PREFIX_LENGTH) return new Set([sofar.slice(0, PREFIX_LENGTH) + '\u0000']);
  if (from >= seq.length) return new Set([sofar]);
  const node = seq[from];
  if (!node) return new Set([sofar]);
  if (node.kind === 'zero') return prefixesOfGroupSequence(seq, from + 1, sofar);
  const out = new Set<string>();
  if (node.min === 0) {
    const skip = prefixesOfGroupSequence(seq, from + 1, sofar);
    if (!skip) return null;
    for (const s of skip) out.add(s);
  }
  if (node.max === 0) return out;
  if (node.kind === 'other') {
    out.add(sofar + '\u0000');
    return out;
  }
  const once = node.kind === 'literal' ? new Set([sofar + (node.char ?? '')]) : expandGroup(node, sofar);
  if (!once) return null;
  const exact = node.max === 1;
  for (const s of once) {
    if (s.endsWith('\u0000')) out.add(s);
    else if (exact) {
      const rest = prefixesOfGroupSequence(seq, from + 1, s);
      if (!rest) return null;
      for (const r of rest) out.add(r);
    } else out.add(s + '\u0000');
    if (out.size > MAX_PREFIXES) return null;
  }
  return out;
}

/**
 * Where each pattern may start in a text: for every pattern id, the word starts (ascending) where
 * one of its literal beginnings occurs. One instance is reused for every ad: positions are kept as
 * chains in typed arrays, and only the patterns touched by the last scan are cleared.
 */
export class CandidatePositions {
  private head: Int32Array;
  private tail: Int32Array;
  private next = new Int32Array(1024);
  private at = new Int32Array(1024);
  private used = 0;
  /** Ids of the patterns with at least one position, in the order first seen. */
  private touched: Int32Array;
  private touchedCount = 0;

  constructor(readonly patternCount: number) {
    this.head = new Int32Array(patternCount).fill(-1);
    this.tail = new Int32Array(patternCount).fill(-1);
    this.touched = new Int32Array(patternCount);
  }

  /** Scans `text` (replacing the previous scan). */
  scan(text: string, index: Map<string, number[]>): this {
    for (let k = 0; k < this.touchedCount; k++) this.head[this.touched[k]!] = -1;
    this.touchedCount = 0;
    this.used = 0;
    const table = prefixTableOf(index);
    const pairs = table.pairs;
    const len = text.length;
    let prevWord = false;
    for (let i = 0; i + 1 < len; i++) {
      const c = text.charCodeAt(i);
      // a match starts after a non-word character: a word start, or white space after punctuation
      if (!prevWord) {
        const c1 = text.charCodeAt(i + 1);
        const pair = ((c & 0xff) << 8) | (c1 & 0xff);
        if ((pairs[pair >>> 5]! & (1 << (pair & 31))) !== 0) {
          const high = (c << 16) | c1;
          const two = table.find(high, 0, 2);
          if (two >= 0) {
            this.addRange(table, two, i);
            if (i + 2 < len) {
              const c2 = text.charCodeAt(i + 2);
              const three = table.find(high, c2 << 16, 3);
              if (three >= 0) {
                this.addRange(table, three, i);
                if (i + 3 < len) {
                  const four = table.find(high, (c2 << 16) | text.charCodeAt(i + 3), 4);
                  if (four >= 0) this.addRange(table, four, i);
                }
              }
            }
          }
        }
      }
      prevWord = isWordCode(c);
    }
    return this;
  }

  /** How many patterns may start somewhere; `touchedAt(k)` names them. */
  get touchedPatterns(): number {
    return this.touchedCount;
  }

  touchedAt(k: number): number {
    return this.touched[k]!;
  }

  /** Whether pattern `id` may start anywhere. */
  has(id: number): boolean {
    return this.head[id] !== -1;
  }

  /** First link of pattern `id`'s chain (-1 when none); walk with `positionOf` and `nextOf`. */
  first(id: number): number {
    return this.head[id]!;
  }

  positionOf(link: number): number {
    return this.at[link]!;
  }

  nextOf(link: number): number {
    return this.next[link]!;
  }

  /** The positions of pattern `id` as an array (tests). */
  positions(id: number): number[] {
    const out: number[] = [];
    for (let link = this.head[id]!; link !== -1; link = this.next[link]!) out.push(this.at[link]!);
    return out;
  }

  private addRange(table: PrefixTable, entry: number, i: number): void {
    const ids = table.ids;
    const end = table.idsEnd[entry]!;
    for (let k = table.idsStart[entry]!; k < end; k++) {
      const id = ids[k]!;
      const last = this.tail[id]!;
      if (this.head[id] === -1) {
        this.touched[this.touchedCount++] = id;
        this.head[id] = this.link(i);
        this.tail[id] = this.head[id]!;
      } else if (this.at[last] !== i) {
        const link = this.link(i);
        this.next[last] = link;
        this.tail[id] = link;
      }
    }
  }

  private link(position: number): number {
    if (this.used === this.at.length) {
      const at = new Int32Array(this.at.length * 2);
      at.set(this.at);
      this.at = at;
      const next = new Int32Array(this.next.length * 2);
      next.set(this.next);
      this.next = next;
    }
    const link = this.used++;
    this.at[link] = position;
    this.next[link] = -1;
    return link;
  }
}

/**
 * The prefix index as one open-addressing table keyed by the prefix's code units (two Int32 words:
 * units 0-1 and 2-3) and length, so scanning a text allocates nothing and touches a few typed arrays.
 * Every shorter beginning of a prefix has an entry too (possibly with no ids), so a failed two-unit
 * look-up ends the search at that position. `pairs` holds the low bytes of the first two units as
 * bits: most word starts are ruled out by one bit test (a set bit only means "look it up").
 */
class PrefixTable {
  readonly pairs = new Uint32Array(0x10000 / 32);
  private readonly keyHigh: Int32Array;
  private readonly keyLow: Int32Array;
  private readonly keyLength: Uint8Array;
  readonly idsStart: Int32Array;
  readonly idsEnd: Int32Array;
  readonly ids: Int32Array;
  private readonly mask: number;

  constructor(index: Map<string, number[]>) {
    const entries = new Map<string, number[]>();
    for (const [prefix, ids] of index) {
      if (prefix.length < 2 || prefix.length > PREFIX_LENGTH) continue;
      for (let n = 2; n < prefix.length; n++) if (!entries.has(prefix.slice(0, n))) entries.set(prefix.slice(0, n), []);
      entries.set(prefix, [...(entries.get(prefix) ?? []), ...ids]);
    }
    let size = 16;
    while (size < entries.size * 2) size *= 2;
    this.mask = size - 1;
    this.keyHigh = new Int32Array(size);
    this.keyLow = new Int32Array(size);
    this.keyLength = new Uint8Array(size);
    this.idsStart = new Int32Array(size);
    this.idsEnd = new Int32Array(size);
    this.ids = new Int32Array([...entries.values()].reduce((sum, ids) => sum + ids.length, 0));
    let used = 0;
    for (const [prefix, ids] of entries) {
      const high = (prefix.charCodeAt(0) << 16) | prefix.charCodeAt(1);
      const low = prefix.length > 2 ? (prefix.charCodeAt(2) << 16) | (prefix.length > 3 ? prefix.charCodeAt(3) : 0) : 0;
      let e = this.slot(high, low, prefix.length);
      while (this.keyLength[e] !== 0) e = (e + 1) & this.mask;
      this.keyHigh[e] = high;
      this.keyLow[e] = low;
      this.keyLength[e] = prefix.length;
      this.idsStart[e] = used;
      for (const id of ids) this.ids[used++] = id;
      this.idsEnd[e] = used;
      const pair = ((prefix.charCodeAt(0) & 0xff) << 8) | (prefix.charCodeAt(1) & 0xff);
      this.pairs[pair >>> 5] = this.pairs[pair >>> 5]! | (1 << (pair & 31));
    }
  }

  /** The entry of the prefix with these code units and length, or -1. */
  find(high: number, low: number, length: number): number {
    let e = this.slot(high, low, length);
    for (;;) {
      const l = this.keyLength[e]!;
      if (l === 0) return -1;
      if (l === length && this.keyHigh[e] === high && this.keyLow[e] === low) return e;
      e = (e + 1) & this.mask;
    }
  }

  private slot(high: number, low: number, length: number): number {
    let h = Math.imul(high ^ Math.imul(low, 0x27d4eb2d) ^ length, 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }
}

const tables = new WeakMap<Map<string, number[]>, PrefixTable>();

function prefixTableOf(index: Map<string, number[]>): PrefixTable {
  let table = tables.get(index);
  if (!table) tables.set(index, (table = new PrefixTable(index)));
  return table;
}

const MAX_REQUIRED = 60;
const MIN_REQUIRED_LENGTH = 3;

/**
 * Words of which every match must contain at least one (for example the destination names at the
 * end of a pattern), so a pattern whose words are all absent from the text need not run at all.
 * Taken from the top-level element whose literal alternatives are the most selective; white space
 * inside an alternative splits it, keeping the longest piece. Null when nothing qualifies.
 */
export function requiredLiterals(source: string): string[] | null {
  return requiredLiteralSets(source)?.[0] ?? null;
}

/**
 * Every set of words of which each match must contain one (one set per qualifying top-level
 * element), most selective first; null when nothing qualifies. A pattern can match only if every
 * set has a word in the text.
 */
export function requiredLiteralSets(source: string): string[][] | null {
  const top = topAlternatives(source);
  return top?.length === 1 ? requiredSetsOf(top[0] ?? []) : null;
}

/**
 * For a pattern whose top level is an alternation (`a...|b...`): the required word sets of each
 * alternative. A match needs all the sets of at least one alternative; null when an alternative
 * has none (then nothing can be ruled out) or the top level is not an alternation.
 */
export function requiredAlternativeSets(source: string): string[][][] | null {
  const top = topAlternatives(source);
  if (!top || top.length < 2) return null;
  const out: string[][][] = [];
  for (const alternative of top) {
    const sets = requiredSetsOf(alternative);
    if (!sets) return null;
    out.push(sets);
  }
  return out;
}

function topAlternatives(source: string): Node[][] | null {
  try {
    return parseAlternatives(source, { i: 0 });
  } catch {
    return null;
  }
}

function requiredSetsOf(sequence: Node[]): string[][] | null {
  const sets: Array<{ words: string[]; score: number }> = [];
  const consider = (set: string[] | null) => {
    if (!set || set.length === 0 || set.length > MAX_REQUIRED) return;
    const min = Math.min(...set.map((s) => s.length));
    if (min < MIN_REQUIRED_LENGTH) return;
    // longer words and fewer alternatives are more selective
    const score = min * 10 - set.length;
    if (score > 0) sets.push({ words: set, score });
  };
  let run = '';
  for (const node of sequence) {
    if (node.kind === 'zero') continue;
    if (node.kind === 'literal' && node.min >= 1) {
      run += node.char ?? '';
      if (node.max !== 1) {
        consider(pieces([run]));
        run = '';
      }
      continue;
    }
    consider(pieces([run]));
    run = '';
    if (node.min >= 1 && node.kind === 'group') consider(pieces(expandLiteral(node)));
  }
  consider(pieces([run]));
  if (sets.length === 0) return null;
  // stable: the first of equally selective sets stays first, as requiredLiterals always chose it
  return sets
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.words);
}

/** Every full literal spelling of a group (null if any part is not literal or there are too many). */
function expandLiteral(node: Node): string[] | null {
  if (node.kind === 'literal') return node.min === 0 ? ['', node.char ?? ''] : node.max === 1 ? [node.char ?? ''] : null;
  if (node.kind !== 'group' || node.max !== 1) return null;
  let out: string[] = [];
  for (const alt of node.alternatives ?? []) {
    let partial: string[] = [''];
    for (const child of alt) {
      if (child.kind === 'zero') continue;
      const options = child.space ? [' '] : expandLiteral({ ...child, min: 1, max: child.max === Infinity && child.space ? 1 : child.max });
      if (!options) return null;
      const withSkip = child.min === 0 ? ['', ...options] : options;
      partial = partial.flatMap((p) => withSkip.map((o) => p + o));
      if (partial.length > MAX_REQUIRED) return null;
    }
    out = out.concat(partial);
    if (out.length > MAX_REQUIRED) return null;
  }
  return node.min === 0 ? ['', ...out] : out;
}

/** The longest white-space-free piece of each spelling; null if one has none long enough. */
function pieces(spellings: string[] | null): string[] | null {
  if (!spellings) return null;
  const out = new Set<string>();
  for (const s of spellings) {
    const longest = s.split(/[\s\n]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length < MIN_REQUIRED_LENGTH) return null;
    out.add(longest);
  }
  return [...out];
}
