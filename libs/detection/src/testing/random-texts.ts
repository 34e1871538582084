/**
 * Deterministic random texts for the tests that check a fast path against the slow code it
 * replaced: `count` texts of up to `maxPieces - 1` pieces drawn from `alphabet` (a linear
 * congruential generator, so a failure names a reproducible text). Test support only.
 */
export function randomTexts(alphabet: readonly string[], count: number, seed: number, maxPieces: number): string[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  return Array.from({ length: count }, () => {
    const length = next() % maxPieces;
    let text = '';
    for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
    return text;
  });
}
