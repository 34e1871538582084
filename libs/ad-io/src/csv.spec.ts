import { Readable } from 'node:stream';
import { CsvError, CsvParser, parseCsv, readCsvRecords, readCsvRows } from './csv';

// Invented fixtures, written for these tests.
describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"one, two","say ""hi""","line1\nline2"\n3,,x';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['one, two', 'say "hi"', 'line1\nline2'],
      ['3', '', 'x'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('drops a BOM and blank lines, keeps a trailing empty field', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,\n').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('refuses broken quoting and over-long fields with the line number', () => {
    expect(() => parseCsv('a\n"x"y\n')).toThrow(CsvError);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2/);
    expect(() => parseCsv('a\n"never closed\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b\n' + 'x'.repeat(50) + ',y', { maxFieldChars: 10 })).toThrow(/field longer than 10/);
    expect(() => parseCsv('a,b,c,d', { maxFields: 3 })).toThrow(/more than 3 fields/);
  });

  it('gives the same records however the input is chunked', () => {
    const text = 'h1,h2\r\n"q ""x"", y","multi\r\nline"\r\nplain,last\r\n';
    const whole = parseCsv(text).map((r) => r.fields);
    for (let size = 1; size < 8; size++) {
      const parser = new CsvParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      out.push(...parser.end());
      expect(out.map((r) => r.fields)).toEqual(whole);
    }
  });
});

describe('streaming', () => {
  it('reads records from a Readable of bytes split inside a multi-byte character', async () => {
    const bytes = Buffer.from('name,city\n"Zoë",Kraków\n', 'utf8');
    const parts = [bytes.subarray(0, 13), bytes.subarray(13, 14), bytes.subarray(14)];
    const records = [];
    for await (const record of readCsvRecords(Readable.from(parts))) records.push(record.fields);
    expect(records).toEqual([
      ['name', 'city'],
      ['Zoë', 'Kraków'],
    ]);
  });

  it('keys rows by header and reports rows with the wrong width', async () => {
    const rows = [];
    for await (const row of readCsvRows('id,title\n1,Cook\n2\n3,Driver\n')) rows.push(row);
    expect(rows).toEqual([
      { ok: true, values: { id: '1', title: 'Cook' }, line: 2 },
      { ok: false, line: 3, reason: 'expected 2 fields, found 1' },
      { ok: true, values: { id: '3', title: 'Driver' }, line: 4 },
    ]);
  });
});
