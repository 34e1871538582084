import { TextSource, textChunks } from './csv';

export type LineResult = { ok: true; text: string; line: number } | { ok: false; line: number; reason: string };

/**
 * Splits a text stream into lines (LF or CRLF) without holding more than `maxLineChars` of any one
 * line: an over-long line is reported once and skipped, and reading goes on with the next.
 */
export async function* readLines(source: TextSource | AsyncIterable<string>, maxLineChars: number): AsyncGenerator<LineResult> {
  let current = '';
  let overflow = false;
  let line = 1;
  const chunks = typeof source === 'string' ? textChunks(source) : textChunks(source as AsyncIterable<string>);
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const end = newline === -1 ? chunk.length : newline;
      if (!overflow) {
        if (current.length + (end - start) > maxLineChars) {
          overflow = true;
          current = '';
        } else current += chunk.slice(start, end);
      }
      if (newline === -1) break;
      yield finish(current, overflow, line, maxLineChars);
      current = '';
      overflow = false;
      line++;
      start = newline + 1;
    }
  }
  if (overflow || current !== '') yield finish(current, overflow, line, maxLineChars);
}

function finish(text: string, overflow: boolean, line: number, max: number): LineResult {
  if (overflow) return { ok: false, line, reason: `line longer than ${max} characters` };
  return { ok: true, text: text.endsWith('\r') ? text.slice(0, -1) : text, line };
}
