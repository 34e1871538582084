import { letterBefore } from '../normalize/word-chars';

/**
 * The matches of a sticky pattern tried at `starts` (ascending), the same as a global scan of the
 * whole text finds when no match can begin anywhere else: after a match, the scan goes on from its end.
 */
export function matchesAt(sticky: RegExp, text: string, starts: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (!m) continue;
    out.push(m);
    from = start + Math.max(1, m[0].length);
  }
  return out;
}

/**
 * Every place where one of `words` begins after no letter, ascending: a pattern that begins with
 * `(?<![\p{L}])` and one of them can begin nowhere else.
 */
export function occurrencesAfterNoLetter(text: string, words: readonly string[]): number[] {
  const at: number[] = [];
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) if (!letterBefore(text, i)) at.push(i);
  return at.length > 1 ? at.sort((a, b) => a - b) : at;
}
