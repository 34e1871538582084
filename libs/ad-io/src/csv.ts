import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface CsvLimits {
  /** Longest field accepted, in UTF-16 code units. */
  maxFieldChars: number;
  /** Longest record accepted (all fields together). */
  maxRecordChars: number;
  /** Most fields in one record. */
  maxFields: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxFieldChars: 1_000_000, maxRecordChars: 2_000_000, maxFields: 1_000 };

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based physical line where the offending record starts. */
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts (records may span lines inside quotes). */
  line: number;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Incremental RFC 4180 parser: quoted fields may hold commas, doubled quotes and line breaks.
 * Accepts CRLF, LF and a leading BOM. A quote after a closing quote's field content (`"a"b`) is an
 * error, as are fields or records over the limits: one hostile file must not exhaust memory.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private sawCr = false;
  private started = false;
  private readonly limits: CsvLimits;

  constructor(limits: Partial<CsvLimits> = {}) {
    this.limits = { ...DEFAULT_CSV_LIMITS, ...limits };
  }

  /** Parses a chunk; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    // Runs of ordinary characters are appended in one slice, which keeps large fields fast.
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.sawCr) {
        this.sawCr = false;
        if (c === 10 && this.state !== State.Quoted) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === 34) {
            this.state = State.Quoted;
            i++;
            continue;
          }
          this.state = State.Unquoted;
          continue;
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 44 || d === 10 || d === 13) break;
            j++;
          }
          if (j > i) this.append(text.slice(i, j));
          if (j >= n) return out;
          const d = text.charCodeAt(j);
          if (d === 44) {
            this.endField();
            this.state = State.FieldStart;
          } else {
            this.endRecord(out);
            if (d === 13) this.sawCr = true;
            this.line++;
            this.recordLine = this.line;
          }
          i = j + 1;
          continue;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 34) break;
            if (d === 10) this.line++;
            else if (d === 13 && text.charCodeAt(j + 1) !== 10) this.line++;
            j++;
          }
          if (j > i) this.append(text.slice(i, j));
          if (j >= n) return out;
          this.state = State.QuoteInQuoted;
          i = j + 1;
          continue;
        }
        case State.QuoteInQuoted:
          if (c === 34) {
            this.append('"');
            this.state = State.Quoted;
            i++;
          } else if (c === 44) {
            this.endField();
            this.state = State.FieldStart;
            i++;
          } else if (c === 10 || c === 13) {
            this.endRecord(out);
            if (c === 13) this.sawCr = true;
            this.line++;
            this.recordLine = this.line;
            i++;
          } else {
            throw new CsvError('unexpected character after a closing quote', this.recordLine);
          }
          continue;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record if the data did not end with a line break. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) throw new CsvError('unterminated quoted field at end of input', this.recordLine);
    const out: CsvRecord[] = [];
    if (this.state !== State.FieldStart || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private append(text: string): void {
    if (this.field.length + text.length > this.limits.maxFieldChars) {
      throw new CsvError(`field longer than ${this.limits.maxFieldChars} characters`, this.recordLine);
    }
    this.recordChars += text.length;
    if (this.recordChars > this.limits.maxRecordChars) {
      throw new CsvError(`record longer than ${this.limits.maxRecordChars} characters`, this.recordLine);
    }
    this.field += text;
  }

  private endField(): void {
    if (this.fields.length >= this.limits.maxFields) {
      throw new CsvError(`more than ${this.limits.maxFields} fields`, this.recordLine);
    }
    this.fields.push(this.field);
    this.field = '';
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    this.recordChars = 0;
    this.state = State.FieldStart;
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) out.push({ fields, line: this.recordLine });
  }
}

/** Every record of a CSV text. */
export function parseCsv(text: string, limits?: Partial<CsvLimits>): CsvRecord[] {
  const parser = new CsvParser(limits);
  return [...parser.push(text), ...parser.end()];
}

export type TextSource = string | Readable | AsyncIterable<string | Buffer>;

/** UTF-8 text of a source, chunk by chunk, without splitting a multi-byte character. */
export async function* textChunks(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source as AsyncIterable<string | Buffer>) {
    yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Streams the records of a CSV source. */
export async function* readCsvRecords(source: TextSource, limits?: Partial<CsvLimits>): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(limits);
  for await (const chunk of textChunks(source)) yield* parser.push(chunk);
  yield* parser.end();
}

export interface CsvRow {
  /** Field values by header name. */
  values: Record<string, string>;
  line: number;
}

export type CsvRowResult = ({ ok: true } & CsvRow) | { ok: false; line: number; reason: string };

/**
 * Streams rows keyed by the header row. A row with the wrong number of fields is reported and
 * skipped; a malformed file (bad quoting, over-long field) ends the stream with one error.
 */
export async function* readCsvRows(source: TextSource, limits?: Partial<CsvLimits>): AsyncGenerator<CsvRowResult> {
  let header: string[] | undefined;
  try {
    for await (const record of readCsvRecords(source, limits)) {
      if (!header) {
        header = record.fields.map((name) => name.trim());
        continue;
      }
      if (record.fields.length !== header.length) {
        yield { ok: false, line: record.line, reason: `expected ${header.length} fields, found ${record.fields.length}` };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, index) => {
        values[name] = record.fields[index] ?? '';
      });
      yield { ok: true, values, line: record.line };
    }
  } catch (error) {
    if (error instanceof CsvError) yield { ok: false, line: error.line, reason: error.message };
    else throw error;
  }
}
