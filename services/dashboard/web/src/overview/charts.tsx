import { Link } from '../router';
import { RISK_LEVELS, type RiskLevel } from '../types';

export interface Bar {
  label: string;
  count: number;
  /** Where clicking the bar or its number goes (the filtered queue). */
  to?: string;
}

/** Horizontal bars with the number as a link: readable without the chart, and each row is a click-through. */
export function BarList({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <table className="bars">
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td>
                  <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" className="bar">
                    <rect x="0" y="0" width={(100 * bar.count) / max} height="8" />
                  </svg>
                </td>
                <td className="num">{bar.to ? <Link to={bar.to}>{bar.count}</Link> : bar.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

export interface DayLevels {
  day: string;
  counts: Record<RiskLevel, number>;
}

/** Stacked columns per day, one colour per level, with a table fallback for screen readers. */
export function DailyLevels({ days, linkFor }: { days: readonly DayLevels[]; linkFor: (day: string, level: RiskLevel) => string }) {
  const max = Math.max(1, ...days.map((d) => RISK_LEVELS.reduce((sum, level) => sum + d.counts[level], 0)));
  const width = Math.max(1, days.length) * 14;
  return (
    <figure className="chart">
      <figcaption>Alerts per day by level</figcaption>
      <svg viewBox={`0 0 ${width} 100`} className="columns" role="img" aria-label="Alerts per day, stacked by level (table below)">
        {days.map((d, index) => {
          let y = 100;
          return RISK_LEVELS.map((level) => {
            const h = (90 * d.counts[level]) / max;
            y -= h;
            return h > 0 ? (
              <rect key={`${d.day}-${level}`} x={index * 14 + 2} y={y} width={10} height={h} className={`level-fill-${level}`} />
            ) : null;
          });
        })}
      </svg>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            {RISK_LEVELS.map((level) => (
              <th key={level} scope="col">
                {level}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.slice(-14).map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              {RISK_LEVELS.map((level) => (
                <td key={level} className="num">
                  {d.counts[level] ? <Link to={linkFor(d.day, level)}>{d.counts[level]}</Link> : 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
