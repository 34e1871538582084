import type { EvidenceSpan } from '@lantern/contracts';
import type { ScriptName } from './normalize/fold';
import { normalize, NormalizedText, originalSpan } from './normalize/normalize';
import type { AdInput } from './types';

export type EvidenceField = EvidenceSpan['field'];

export interface Segment {
  field: EvidenceField;
  /** Start of this field in the combined text. */
  offset: number;
  norm: NormalizedText;
  original: string;
}

/** An ad's fields folded and joined (blank line between fields) so patterns run once per ad. */
export interface PreparedAd {
  text: string;
  scripts: Partial<Record<ScriptName, number>>;
  segments: Segment[];
  /** Original text of every field, for URL extraction. */
  originals: string[];
}

const SEPARATOR = '\n\n';
const MAX_EVIDENCE_TEXT = 300;

export function prepareAd(ad: AdInput): PreparedAd {
  const fields: Array<[EvidenceField, string | undefined, boolean]> = [
    ['title', ad.title, false],
    ['description', ad.description, false],
    ['requirements', ad.requirements, false],
    ['benefits', ad.benefits, false],
    ['salaryText', ad.salaryText, false],
    ['company', ad.company, false],
    ['companyProfile', ad.companyProfile, false],
    ['location', ad.location?.raw, false],
  ];
  // Plain text is the contract's field; HTML is read only when the text is missing.
  if (!ad.description.trim() && ad.descriptionHtml?.trim()) fields[1] = ['description', ad.descriptionHtml, true];
  const segments: Segment[] = [];
  const parts: string[] = [];
  const scripts: Partial<Record<ScriptName, number>> = {};
  let offset = 0;
  for (const [field, value, html] of fields) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const norm = normalize(value, { html });
    if (norm.text.length === 0) continue;
    if (parts.length) offset += SEPARATOR.length;
    segments.push({ field, offset, norm, original: value });
    parts.push(norm.text);
    offset += norm.text.length;
    for (const key in norm.scripts) {
      const s = key as ScriptName;
      scripts[s] = (scripts[s] ?? 0) + (norm.scripts[s] as number);
    }
  }
  return {
    text: parts.join(SEPARATOR),
    scripts,
    segments,
    originals: segments.map((s) => s.original),
  };
}

/** Evidence in the original field for a span of the combined text (clipped to the field it starts in). */
export function evidenceOf(prepared: PreparedAd, start: number, end: number): EvidenceSpan | undefined {
  // the last segment starting at or before `start`
  let seg: Segment | undefined;
  for (let k = prepared.segments.length - 1; k >= 0 && !seg; k--) {
    const s = prepared.segments[k] as Segment;
    if (s.offset <= start) seg = s;
  }
  if (!seg) return undefined;
  const localStart = start - seg.offset;
  const localEnd = Math.min(end - seg.offset, seg.norm.text.length);
  if (localStart >= seg.norm.text.length || localEnd <= localStart) return undefined;
  const o = originalSpan(seg.norm, localStart, localEnd);
  return { field: seg.field, start: o.start, end: o.end, text: seg.original.slice(o.start, o.end).slice(0, MAX_EVIDENCE_TEXT) };
}
