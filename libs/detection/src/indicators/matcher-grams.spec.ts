import { gramHash, gramsOf } from './matcher';

/** The gram bits the straightforward way: every 3- and 4-gram hashed on its own. */
function referenceBits(text: string): Uint32Array {
  const bits = new Uint32Array(gramsOf('').length);
  const set = (g: number) => (bits[g >>> 5] = (bits[g >>> 5] ?? 0) | (1 << (g & 31)));
  for (let i = 0; i + 3 <= text.length; i++) {
    set(gramHash(text, i, 3));
    if (i + 4 <= text.length) set(gramHash(text, i, 4));
  }
  return bits;
}

describe('gram bits', () => {
  it('are the bits of every 3- and 4-gram hash of the text', () => {
    const texts = ['', 'ab', 'abc', 'abcd', 'work abroad, passport kept', 'работа за границей', '𝐀𝐁 مرحبا 😀 नौकरी', 'x'.repeat(500)];
    for (const text of texts) expect([text, Array.from(gramsOf(text))]).toEqual([text, Array.from(referenceBits(text))]);
  });

  it('mark a gram of the text and not one that is absent', () => {
    const bits = gramsOf('visa free');
    const has = (g: number) => ((bits[g >>> 5] ?? 0) & (1 << (g & 31))) !== 0;
    expect(has(gramHash('visa', 0, 4))).toBe(true);
    expect(has(gramHash('fre', 0, 3))).toBe(true);
    expect(has(gramHash('zqx', 0, 3))).toBe(false);
  });
});
