import { describeIssues, Limits, rawAdV1 } from '@lantern/contracts';
import type { TextSource } from './csv';
import type { LabelledAd } from './emscad';
import { readLines } from './lines';

export type AdReadResult = ({ ok: true; line: number } & LabelledAd) | { ok: false; line: number; reason: string };

function labelOf(value: unknown): 0 | 1 | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = (value as Record<string, unknown>)['label'] ?? (value as Record<string, unknown>)['fraudulent'];
  if (raw === 1 || raw === true || raw === '1') return 1;
  if (raw === 0 || raw === false || raw === '0') return 0;
  return undefined;
}

/**
 * Reads JSON lines of the raw-ad contract (`rawAdV1`), validating each (after `completePartial`, when given). An optional `label` (or
 * `fraudulent`) field of 0/1 on a line is read as its label for evaluation. Blank lines are skipped.
 * Errors name the line and the problem, never the content (ads may carry personal data).
 */
export async function* readJsonLines(
  source: TextSource,
  maxLineChars: number = Limits.messageBytes,
  /** Turns a line that is not a whole raw ad into one (partial items from imports); undefined when it cannot. */
  completePartial?: (value: unknown) => unknown,
): AsyncGenerator<AdReadResult> {
  for await (const line of readLines(source, maxLineChars)) {
    if (!line.ok) {
      yield line;
      continue;
    }
    if (line.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      yield { ok: false, line: line.line, reason: `not JSON (${(error as Error).message.slice(0, 120)})` };
      continue;
    }
    let parsed = rawAdV1.safeParse(value);
    const completed = parsed.success ? undefined : completePartial?.(value);
    if (completed !== undefined) parsed = rawAdV1.safeParse(completed);
    if (!parsed.success) {
      yield { ok: false, line: line.line, reason: `not a raw ad: ${describeIssues(parsed.error)}` };
      continue;
    }
    const label = labelOf(value);
    yield label === undefined ? { ok: true, line: line.line, ad: parsed.data } : { ok: true, line: line.line, ad: parsed.data, label };
  }
}
