import { Link } from '../router';
import type { LinkedAd } from '../types';

const SIZE = 240;
const CENTER = SIZE / 2;
const RADIUS = 90;

/** This ad in the middle, linked ads on a circle around it; each node links to that ad. */
export function LinkGraph({ adId, linked }: { adId: string; linked: readonly LinkedAd[] }) {
  const shown = linked.slice(0, 16);
  return (
    <svg className="link-graph" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={`This ad and ${shown.length} linked ads`}>
      {shown.map((link, index) => {
        const angle = (2 * Math.PI * index) / shown.length - Math.PI / 2;
        const x = CENTER + RADIUS * Math.cos(angle);
        const y = CENTER + RADIUS * Math.sin(angle);
        const dashed = link.via.every((via) => via.includes('text'));
        return (
          <g key={link.adId}>
            <line x1={CENTER} y1={CENTER} x2={x} y2={y} className={dashed ? 'edge edge-text' : 'edge'} />
            <Link to={`/ads/${encodeURIComponent(link.adId)}`}>
              <circle cx={x} cy={y} r={10} className={`node level-${link.ad?.risk.level ?? 'unknown'}`}>
                <title>{`${link.ad?.title ?? link.adId} — ${link.via.join(', ')}`}</title>
              </circle>
            </Link>
          </g>
        );
      })}
      <circle cx={CENTER} cy={CENTER} r={14} className="node node-self">
        <title>{`This ad (${adId})`}</title>
      </circle>
    </svg>
  );
}
