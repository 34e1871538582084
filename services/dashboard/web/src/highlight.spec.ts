import { revealControls, safeHttpUrl, segmentText, spansFor } from './highlight';
import type { IndicatorHit } from './types';

// INVENTED TEST FIXTURES: short made-up ad text, not from any dataset.

function hit(id: string, evidence: Array<[number, number]>, field: 'description' | 'title' = 'description'): IndicatorHit {
  return {
    id,
    title: id,
    category: 'test',
    severity: 'high',
    weight: 1,
    sources: [],
    evidence: evidence.map(([start, end]) => ({ field, start, end, text: '' })),
  };
}

describe('segmentText', () => {
  const text = 'Pay a fee, we keep your passport.';

  it('cuts the text at span edges and keeps every character exactly once', () => {
    const fee = hit('fee', [[6, 9]]);
    const passport = hit('passport', [[14, 32]]);
    const segments = segmentText(text, spansFor([fee, passport], 'description', text.length));
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.hits.length).map((s) => [s.text, s.hits.map((h) => h.id)])).toEqual([
      ['fee', ['fee']],
      ['keep your passport', ['passport']],
    ]);
  });

  it('splits overlapping spans into pieces that name every indicator covering them', () => {
    const a = hit('a', [[0, 9]]);
    const b = hit('b', [[6, 18]]);
    const segments = segmentText(text, spansFor([a, b], 'description', text.length));
    expect(segments.map((s) => [s.text, s.hits.map((h) => h.id)])).toEqual([
      ['Pay a ', ['a']],
      ['fee', ['a', 'b']],
      [', we keep', ['b']],
      [' your passport.', []],
    ]);
  });

  it('drops spans of other fields, empty or reversed spans, and clamps spans past the end', () => {
    const spans = spansFor(
      [hit('title-only', [[0, 3]], 'title'), hit('empty', [[4, 4]]), hit('reversed', [[9, 2]]), hit('past-end', [[28, 500]])],
      'description',
      text.length,
    );
    expect(spans.map((s) => [s.indicator.id, s.start, s.end])).toEqual([['past-end', 28, text.length]]);
    expect(segmentText(text, spans).at(-1)?.text).toBe('port.');
  });

  it('merges neighbouring pieces with the same indicators into one highlight', () => {
    const a = hit('a', [
      [0, 3],
      [3, 5],
    ]);
    expect(segmentText(text, spansFor([a], 'description', text.length))[0]?.text).toBe('Pay a');
  });
});

describe('revealControls', () => {
  it('turns bidi overrides and invisible characters into visible labels', () => {
    expect(revealControls('cv\u202Eexe.fdp\u202C ok\u200B')).toEqual([
      { kind: 'text', text: 'cv' },
      { kind: 'control', name: 'RLO', codePoint: 'U+202E' },
      { kind: 'text', text: 'exe.fdp' },
      { kind: 'control', name: 'PDF', codePoint: 'U+202C' },
      { kind: 'text', text: ' ok' },
      { kind: 'control', name: 'ZWSP', codePoint: 'U+200B' },
    ]);
  });

  it('leaves ordinary right-to-left text alone', () => {
    expect(revealControls('وظيفة')).toEqual([{ kind: 'text', text: 'وظيفة' }]);
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://jobs.example.org/a?b=1', 'https://jobs.example.org/a?b=1'],
    ['http://jobs.example.org/', 'http://jobs.example.org/'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['/relative/path', null],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it('refuses URLs longer than the contract allows', () => {
    expect(safeHttpUrl(`https://example.org/${'a'.repeat(3000)}`)).toBeNull();
  });
});
