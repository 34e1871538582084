import { seededRandom } from './hashing';

/** Fisher-Yates with a seeded generator. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/** Fold number (0..k-1) of each example, stratified by label so every fold keeps the class mix. */
export function stratifiedFolds(labels: ReadonlyArray<0 | 1>, k: number, seed: number): number[] {
  if (k < 2) throw new Error('cross-validation needs at least 2 folds');
  const random = seededRandom(seed);
  const folds = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1] as const) {
    const members = labels.flatMap((label, index) => (label === cls ? [index] : []));
    shuffleInPlace(members, random).forEach((index, position) => {
      folds[index] = position % k;
    });
  }
  return folds;
}
