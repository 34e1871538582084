import { csvCell, csvRow } from './csv';

describe('formula-safe CSV', () => {
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x.invalid","click")')).toBe(`"'=HYPERLINK(""http://x.invalid"",""click"")"`);
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tindent')).toBe("'\tindent");
    expect(csvCell('\rcr')).toBe(`"'\rcr"`);
  });

  it('quotes separators and leaves plain text alone', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['x', 'y'])).toBe('x;y');
    expect(csvRow([1, 'a', null])).toBe('1,a,\r\n');
  });
});
