/** Text with, for each UTF-16 unit, the [start, end) range of the original it came from. */
export interface Mapped {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

export class MappedBuilder {
  private parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  /** Appends `chars`, every unit of which maps to [start, end). */
  push(chars: string, start: number, end: number): void {
    for (let k = 0; k < chars.length; k++) {
      this.ensure(this.length + 1);
      this.parts.push(chars[k] ?? '');
      this.starts[this.length] = start;
      this.ends[this.length] = end;
      this.length++;
    }
  }

  /** Appends units [from, to) of `source` with their own mapping. */
  copy(source: Mapped, from: number, to: number): void {
    if (to <= from) return;
    this.ensure(this.length + (to - from));
    this.starts.set(source.starts.subarray(from, to), this.length);
    this.ends.set(source.ends.subarray(from, to), this.length);
    for (let k = from; k < to; k++) this.parts.push(source.text[k] ?? '');
    this.length += to - from;
  }

  lastChar(): string {
    return this.parts[this.length - 1] ?? '';
  }

  replaceLast(ch: string, end: number): void {
    this.parts[this.length - 1] = ch;
    this.ends[this.length - 1] = end;
  }

  extendLast(end: number): void {
    this.ends[this.length - 1] = end;
  }

  trimEnd(): void {
    while (this.length > 0 && (this.lastChar() === ' ' || this.lastChar() === '\n')) {
      this.parts.pop();
      this.length--;
    }
  }

  build(): Mapped {
    return { text: this.parts.join(''), starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }

  private ensure(size: number): void {
    if (size <= this.starts.length) return;
    const next = Math.max(size, this.starts.length * 2);
    const starts = new Int32Array(next);
    starts.set(this.starts);
    const ends = new Int32Array(next);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}
