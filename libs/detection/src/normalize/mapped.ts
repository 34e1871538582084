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
    this.ensure(this.length + chars.length);
    for (let k = 0; k < chars.length; k++) {
      this.starts[this.length] = start;
      this.ends[this.length] = end;
      this.length++;
    }
    this.parts.push(chars);
  }

  /** Appends units [from, to) of `text`, each mapping to its own offset (`base` + index). */
  pushText(text: string, from: number, to: number, base = 0): void {
    if (to <= from) return;
    this.ensure(this.length + (to - from));
    for (let k = from; k < to; k++) {
      this.starts[this.length] = base + k;
      this.ends[this.length] = base + k + 1;
      this.length++;
    }
    this.parts.push(text.slice(from, to));
  }

  /** Appends units [from, to) of `source` with their own mapping. */
  copy(source: Mapped, from: number, to: number): void {
    if (to <= from) return;
    this.ensure(this.length + (to - from));
    this.starts.set(source.starts.subarray(from, to), this.length);
    this.ends.set(source.ends.subarray(from, to), this.length);
    this.parts.push(source.text.slice(from, to));
    this.length += to - from;
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
