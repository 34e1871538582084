import { type FocusEvent, type MouseEvent, useId, useState } from 'react';
import { revealControls, segmentText, spansFor } from '../highlight';
import type { EvidenceField, IndicatorHit, RiskLevel } from '../types';
import { LEVEL_RANK } from '../ui';

interface Tip {
  /** The highlighted segment's offset: segments are rebuilt on each render, offsets stay. */
  start: number;
  hits: IndicatorHit[];
  left: number;
  top: number;
}

/**
 * One field of the ad, as text only: cut at the evidence offsets into text nodes and <mark>s. Hovering
 * or focusing a mark shows its indicators in one shared tooltip that the mark names with aria-describedby.
 */
export function HighlightedText({ field, text, indicators }: { field: EvidenceField; text: string; indicators: readonly IndicatorHit[] }) {
  const tipId = useId();
  const [tip, setTip] = useState<Tip | null>(null);
  const segments = segmentText(text, spansFor(indicators, field, text.length));

  const show = (start: number, hits: IndicatorHit[]) => (event: MouseEvent<HTMLElement> | FocusEvent<HTMLElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    setTip({ start, hits, left: Math.max(8, Math.min(rect.left, window.innerWidth - 340)), top: rect.bottom + 6 });
  };
  const hide = () => setTip(null);

  return (
    <div className="ad-text" dir="auto" data-field={field}>
      {segments.map((segment) => {
        const content = <Plain text={segment.text} />;
        if (!segment.hits.length) return <span key={segment.start}>{content}</span>;
        const severity = highest(segment.hits);
        return (
          <mark
            key={segment.start}
            className={`evidence severity-${severity}`}
            tabIndex={0}
            data-indicators={segment.hits.map((hit) => hit.id).join(' ')}
            aria-describedby={tip?.start === segment.start ? tipId : undefined}
            onMouseEnter={show(segment.start, segment.hits)}
            onMouseLeave={hide}
            onFocus={show(segment.start, segment.hits)}
            onBlur={hide}
          >
            {content}
          </mark>
        );
      })}
      {tip && (
        <div id={tipId} role="tooltip" className="evidence-tip" style={{ left: tip.left, top: tip.top }}>
          {tip.hits.map((hit) => (
            <div key={hit.id} className="tip-hit">
              <strong>{hit.title}</strong>
              <dl>
                <dt>Indicator</dt>
                <dd>{hit.id}</dd>
                <dt>ILO category</dt>
                <dd>{hit.category}</dd>
                <dt>Severity</dt>
                <dd>{hit.severity}</dd>
                <dt>Source</dt>
                <dd>{hit.sources.join(', ') || '—'}</dd>
              </dl>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function highest(hits: IndicatorHit[]): RiskLevel {
  return hits.reduce<RiskLevel>((top, hit) => (LEVEL_RANK[hit.severity] > LEVEL_RANK[top] ? hit.severity : top), 'low');
}

/** Text with bidi overrides and invisible characters shown as labels, so they cannot reorder or hide what follows. */
export function Plain({ text }: { text: string }) {
  return (
    <>
      {revealControls(text).map((piece, index) =>
        piece.kind === 'text' ? (
          piece.text
        ) : (
          <abbr key={index} className="control-char" title={`Hidden character ${piece.codePoint}`}>
            {`[${piece.name}]`}
          </abbr>
        ),
      )}
    </>
  );
}
