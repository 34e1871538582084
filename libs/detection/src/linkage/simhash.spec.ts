import { isWordCode } from '../normalize/word-chars';
import { hammingDistance, simhash64 } from './keys';

// simhash64 counts shingles in one pass with int32 arithmetic; this is the two-pass form it replaces
// (word hashes first, then one vote per bit and feature).
function referenceSimhash(text: string): string {
  const fmix = (x: number) => {
    let h = x >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    return h >>> 0;
  };
  const words: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isWordCode(c)) {
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
      inWord = true;
    } else if (inWord) {
      words.push(h);
      h = 0x811c9dc5;
      inWord = false;
      if (words.length > 5_002) break;
    }
  }
  if (words.length === 0) return '0'.repeat(16);
  const features: Array<[number, number]> = [];
  if (words.length < 3) for (const w of words) features.push([fmix(w), fmix(w ^ 0x9e3779b9)]);
  for (let i = 0; i + 2 < words.length; i++) {
    const [a, b, c] = [words[i] ?? 0, words[i + 1] ?? 0, words[i + 2] ?? 0];
    const mixed = fmix(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77));
    features.push([mixed, fmix(mixed ^ Math.imul(c, 0xc2b2ae3d) ^ a)]);
  }
  let bits = '';
  for (const half of [0, 1]) {
    let value = 0;
    for (let b = 0; b < 32; b++) {
      const ones = features.filter((f) => ((f[half] ?? 0) >>> b) & 1).length;
      if (2 * ones > features.length) value |= 1 << b;
    }
    bits += (value >>> 0).toString(16).padStart(8, '0');
  }
  return bits;
}

const PIECES = ['visa', 'free', 'job', 'работа', 'عمل', 'काम', '\u093f', '𝐀', '7', '2026', ' ', '  ', '\n', '.', '-', '@', '😀', '\ud800'];

describe('simhash64', () => {
  it('agrees with the two-pass form on random texts, short and long', () => {
    let state = 5;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    for (let t = 0; t < 3_000; t++) {
      const length = t % 10 === 0 ? 400 : next() % 12;
      let text = '';
      for (let k = 0; k < length; k++) text += PIECES[next() % PIECES.length];
      expect([text, simhash64(text)]).toEqual([text, referenceSimhash(text)]);
    }
  });

  it('reads at most 5,001 shingles', () => {
    const long = Array.from({ length: 6_000 }, (_, i) => `w${i % 97}`).join(' ');
    expect(simhash64(long)).toBe(referenceSimhash(long));
    expect(simhash64(`${long} tail words here`)).toBe(simhash64(long));
  });

  it('gives near texts near hashes', () => {
    const a = 'we are hiring drivers for night shifts in the city centre, apply with your licence today';
    expect(hammingDistance(simhash64(a), simhash64(`${a} now`))).toBeLessThan(16);
    expect(simhash64('')).toBe('0000000000000000');
  });
});
