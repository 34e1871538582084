/** The runs of ASCII digits of a text, ascending: [starts[k], ends[k]). */
export interface DigitRuns {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

let lastDigitRuns: { text: string; runs: DigitRuns } = { text: '', runs: { starts: [], ends: [] } };
const DIGIT_RUN = /[0-9]+/g;

/** Runs of ASCII digits, kept for the last text (the digits view, money and ages all read them). */
export function digitRuns(text: string): DigitRuns {
  if (lastDigitRuns.text === text) return lastDigitRuns.runs;
  const starts: number[] = [];
  const ends: number[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(text); m; m = DIGIT_RUN.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const runs = { starts, ends };
  lastDigitRuns = { text, runs };
  return runs;
}
